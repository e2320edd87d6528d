#!/usr/bin/env node
// `npm start`: run the desktop app. Offline installs and CI skip the Electron binary download
// (ELECTRON_SKIP_BINARY_DOWNLOAD=1); then there is nothing to start, and one sentence says what to do
// instead. Otherwise build once if out/ is missing, and hand the terminal over to Electron.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

const NO_RUNTIME =
  'The Electron runtime is not installed on this machine (offline install); run `npm run serve` to use Vigil in your browser.';

/** The Electron executable, or null when the package is missing or its binary was never downloaded. */
function electronBinary() {
  try {
    // In plain Node, the electron package exports the path of its binary, and throws when it has none.
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const BUILD_OUTPUTS = ['out/main/index.js', 'out/main/engine.js', 'out/preload/preload.cjs', 'out/renderer/index.html'];

function ensureBuilt() {
  if (BUILD_OUTPUTS.every((f) => existsSync(join(root, f)))) return;
  console.log('Building Vigil (first start)...');
  const cli = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  const r = spawnSync(process.execPath, [cli, 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('The build failed (see above); fix it and run `npm start` again.');
    process.exit(1);
  }
}

const electron = electronBinary();
if (!electron) {
  console.error(NO_RUNTIME);
  process.exit(1);
}
ensureBuilt();

// npm runs `start` from the package root; Electron gets the user's own folder back, so a relative
// --workspace names the file the user meant.
const userCwd = process.env.npm_lifecycle_event === 'start' && process.env.INIT_CWD ? process.env.INIT_CWD : process.cwd();
const env = { ...process.env };
// Inherited from some tool shells, it would make Electron behave as plain Node and ignore the app.
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(electron, [root, ...process.argv.slice(2)], { cwd: userCwd, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
