/**
 * What the File and Help menus do. Import from the menu runs the engine directly (native dialog,
 * table named after the file); the page learns of the new table from the job's `done` progress event,
 * the same event it sees for imports it starts itself.
 */
import { app, dialog, type BrowserWindow } from 'electron';
import { basename } from 'node:path';
import { tableNameFromFile } from '../src/host/table-name';
import type { EngineBridge } from './engine-bridge';
import { pickImportFile, pickWorkspace } from './dialogs';
import type { MenuActions } from './menu';

export function menuActions(window: () => BrowserWindow | null, engine: EngineBridge): MenuActions {
  async function importFile(): Promise<void> {
    const win = window();
    if (!win) return;
    const path = await pickImportFile(win);
    if (!path) return;
    const args = { path, table: tableNameFromFile(path), sourceName: basename(path) };
    let reply = await engine.call('workspace.import', args);
    if (!reply.ok && reply.error.kind === 'conflict') {
      const { response } = await dialog.showMessageBox(win, {
        type: 'question',
        buttons: ['Replace', 'Cancel'],
        defaultId: 1,
        cancelId: 1,
        message: `Table ${args.table} already exists.`,
        detail: `Replace it with the contents of ${args.sourceName}?`,
      });
      if (response !== 0) return;
      reply = await engine.call('workspace.import', { ...args, replace: true });
    }
    if (!reply.ok) {
      await dialog.showMessageBox(win, { type: 'error', message: `Could not import ${args.sourceName}`, detail: reply.error.message });
      return;
    }
    const rows = (reply.result as { rows?: number }).rows;
    await dialog.showMessageBox(win, {
      type: 'info',
      message: `Imported ${args.sourceName}`,
      detail: `${rows?.toLocaleString('en-US') ?? 'All'} rows are in table ${args.table}.`,
    });
  }

  async function openWorkspace(): Promise<void> {
    const win = window();
    if (!win) return;
    const path = await pickWorkspace(win);
    if (!path || path === engine.workspacePath) return;
    await engine.switchWorkspace(path);
    engine.start();
    // Everything on the page belonged to the previous workspace.
    win.reload();
  }

  function about(): void {
    const win = window();
    const options = {
      type: 'info' as const,
      title: 'About Vigil',
      message: `Vigil ${app.getVersion()}`,
      detail: `Post-loan credit-risk workstation.\n\nWorkspace: ${engine.workspacePath}\nElectron ${process.versions.electron ?? ''}`,
    };
    void (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
  }

  return {
    importFile: () => void importFile(),
    openWorkspace: () => void openWorkspace(),
    about,
  };
}
