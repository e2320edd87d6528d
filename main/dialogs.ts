/** Native file dialogs: the renderer never sees the file system, only the path the user picked. */
import { app, dialog, type BrowserWindow } from 'electron';
import { basename, join } from 'node:path';

export const IMPORT_FILTERS = [
  { name: 'Loan data (CSV, Parquet, Excel)', extensions: ['csv', 'txt', 'tsv', 'parquet', 'xlsx'] },
  { name: 'All files', extensions: ['*'] },
];

export async function pickImportFile(win: BrowserWindow): Promise<string | null> {
  const r = await dialog.showOpenDialog(win, { title: 'Import data', properties: ['openFile'], filters: IMPORT_FILTERS });
  return r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0];
}

/** Only the name of the suggestion is used: the page cannot steer the dialog to a folder of its choice. */
export async function saveExportPath(win: BrowserWindow, suggestedName: string): Promise<string | null> {
  const name = basename(suggestedName.replaceAll('\\', '/')) || 'export';
  const r = await dialog.showSaveDialog(win, { title: 'Export', defaultPath: join(app.getPath('documents'), name) });
  return r.canceled || !r.filePath ? null : r.filePath;
}

export async function pickWorkspace(win: BrowserWindow): Promise<string | null> {
  const r = await dialog.showOpenDialog(win, {
    title: 'Open workspace',
    properties: ['openFile'],
    filters: [{ name: 'Vigil workspace (DuckDB)', extensions: ['duckdb', 'db'] }],
  });
  return r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0];
}
