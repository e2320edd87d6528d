/**
 * Where Vigil keeps the analyst's workspace by default: one folder per user, shared by every host,
 * so `vigil import ...` on the command line fills the same workspace the desktop app opens.
 *
 *   Linux    $XDG_DATA_HOME/vigil   (else ~/.local/share/vigil)
 *   macOS    ~/Library/Application Support/Vigil
 *   Windows  %APPDATA%\Vigil        (else ~\AppData\Roaming\Vigil)
 *
 * On macOS and Windows this is exactly Electron's `app.getPath('userData')` for an app named Vigil.
 * On Linux Electron's userData is ~/.config/Vigil, but a DuckDB file is data, not configuration,
 * so both the CLI and the app use the XDG data folder; Electron keeps only its own caches in ~/.config.
 */
import { homedir } from 'node:os';
import { isAbsolute, resolve, win32, posix } from 'node:path';

export const WORKSPACE_FILE = 'workspace.duckdb';

export interface AppDataEnv {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  home: string;
}

const currentEnv = (): AppDataEnv => ({ platform: process.platform, env: process.env, home: homedir() });

/** The per-user folder Vigil writes its workspace to. */
export function appDataDir(e: AppDataEnv = currentEnv()): string {
  switch (e.platform) {
    case 'win32':
      return win32.join(e.env.APPDATA || win32.join(e.home, 'AppData', 'Roaming'), 'Vigil');
    case 'darwin':
      return posix.join(e.home, 'Library', 'Application Support', 'Vigil');
    default: {
      // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
      const xdg = e.env.XDG_DATA_HOME;
      return posix.join(xdg && posix.isAbsolute(xdg) ? xdg : posix.join(e.home, '.local', 'share'), 'vigil');
    }
  }
}

/** The workspace every host opens when none is named. */
export function defaultWorkspacePath(e: AppDataEnv = currentEnv()): string {
  const dir = appDataDir(e);
  return e.platform === 'win32' ? win32.join(dir, WORKSPACE_FILE) : posix.join(dir, WORKSPACE_FILE);
}

/**
 * `--workspace FILE` or `--workspace=FILE` from a raw argv (Electron's argv also carries Chromium
 * switches, so a strict parser would reject it). Relative paths are taken from `cwd`.
 */
export function workspaceFromArgv(argv: readonly string[], cwd = process.cwd()): string | null {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    let value: string | undefined;
    if (a === '--workspace') value = argv[i + 1];
    else if (a.startsWith('--workspace=')) value = a.slice('--workspace='.length);
    else continue;
    if (!value || value.startsWith('--')) return null;
    return isAbsolute(value) ? value : resolve(cwd, value);
  }
  return null;
}

/**
 * The folder the user typed the command in. `npm run <script>` runs scripts from the package root
 * and keeps the user's folder in INIT_CWD; trust it only when npm is running our own script, so
 * `--workspace book.duckdb` means the file next to the user, not next to package.json.
 */
export function invocationCwd(script: string, env: Record<string, string | undefined> = process.env, cwd = process.cwd()): string {
  return env.npm_lifecycle_event === script && env.INIT_CWD ? env.INIT_CWD : cwd;
}

/** The one place that decides which file a host opens: the user's choice, else the shared default. */
export function resolveWorkspacePath(explicit: string | null | undefined, cwd = process.cwd()): string {
  if (explicit) return isAbsolute(explicit) ? explicit : resolve(cwd, explicit);
  return defaultWorkspacePath();
}
