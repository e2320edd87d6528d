/**
 * Electron main: one window, one engine process, and the relay between them.
 * The engine (DuckDB and every handler) runs in a utilityProcess so a long job never freezes the
 * window; main only checks, forwards and shows native dialogs.
 *
 *   electron . [--workspace FILE]      (what `npm start` runs, via main/launch.mjs)
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, session, utilityProcess } from 'electron';
import { fileURLToPath } from 'node:url';
import { defaultWorkspacePath, workspaceFromArgv } from '../src/host/app-data';
import { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY } from '../src/host/csp';
import { APP_SCHEME_PRIVILEGES, APP_URL, registerAppProtocol } from './app-protocol';
import { CHANNELS } from './channels';
import { pickImportFile, saveExportPath } from './dialogs';
import { EngineBridge } from './engine-bridge';
import { registerIpc } from './ipc';
import { menuTemplate } from './menu';
import { menuActions } from './menu-actions';
import { applySessionPolicy, hardenWebContents } from './security';
import { createMainWindow } from './window';

const built = (rel: string) => fileURLToPath(new URL(rel, import.meta.url));
const ENGINE_ENTRY = built('./engine.js');
const PRELOAD = built('../preload/preload.cjs');
const RENDERER_DIR = built('../renderer');

/** Set by `electron-vite dev`: the renderer comes from the Vite dev server, with reload and DevTools. */
const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const dev = devServerUrl !== undefined;
const appUrl = devServerUrl ?? APP_URL;

app.setName('Vigil');
// Every renderer sandboxed, whatever a future window forgets to ask for.
app.enableSandbox();
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

// One app per user: two would fight over the DuckDB file lock.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let win: BrowserWindow | null = null;
  const engine = new EngineBridge(
    (path) => utilityProcess.fork(ENGINE_ENTRY, ['--workspace', path], { serviceName: 'Vigil engine', stdio: 'inherit' }),
    workspaceFromArgv(process.argv) ?? defaultWorkspacePath(),
  );

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, appUrl));
  app.on('second-instance', () => {
    if (win?.isMinimized()) win.restore();
    win?.focus();
  });

  void app.whenReady().then(() => {
    if (!dev) registerAppProtocol(protocol, net, RENDERER_DIR);
    applySessionPolicy(session.defaultSession, dev ? DEV_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY);
    registerIpc(ipcMain, { appUrl, window: () => win, engine, pickImportFile, saveExportPath });
    engine.onProgress((p) => win?.webContents.send(CHANNELS.progress, p));
    engine.onFatal((e) => dialog.showErrorBox('Vigil cannot open the workspace', `${e.message}\n\nWorkspace: ${engine.workspacePath}`));
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(menuActions(() => win, engine), { dev, platform: process.platform })));
    engine.start();
    win = createMainWindow({ preload: PRELOAD, appUrl });
    win.on('closed', () => {
      win = null;
    });
  });

  app.on('window-all-closed', () => app.quit());

  // Quit waits for the engine to close the workspace, so DuckDB checkpoints instead of replaying its log next time.
  let engineClosed: Promise<void> | null = null;
  let readyToQuit = false;
  app.on('before-quit', (event) => {
    if (readyToQuit) return;
    event.preventDefault();
    engineClosed ??= engine.close().finally(() => {
      readyToQuit = true;
      app.quit();
    });
  });
}
