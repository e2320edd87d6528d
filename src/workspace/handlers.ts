/**
 * The workspace domain's handler map: every `workspace.*` operation bound to one open workspace.
 * Each handler only checks its arguments' shape and delegates; the work lives in the modules below.
 */
import type { WorkspaceHandlers } from '../api/workspace';
import type { Workspace } from './workspace';
import { importFile, listSheets } from './import/index';
import { requireString } from './args';
import { listTables, workspaceInfo } from './catalog';
import { dropTable, renameTable } from './catalog-edit';
import { profileTable } from './profile';
import { previewTable } from './preview';
import { runQuery } from './query';
import { exportCsv } from './export-csv';

export function workspaceHandlers(ws: Workspace): WorkspaceHandlers {
  return {
    'workspace.info': () => workspaceInfo(ws),
    'workspace.tables': () => listTables(ws),
    'workspace.import': (args, ctx) => importFile(ws, args, ctx),
    'workspace.sheets': (args) => listSheets(requireString(args.path, 'path')),
    'workspace.rename': (args, ctx) => renameTable(ws, args, ctx),
    'workspace.drop': (args, ctx) => dropTable(ws, args, ctx),
    'workspace.profile': (args, ctx) => profileTable(ws, args, ctx),
    'workspace.preview': (args, ctx) => previewTable(ws, args, ctx),
    'workspace.query': (args, ctx) => runQuery(ws, args, ctx),
    'workspace.exportCsv': (args, ctx) => exportCsv(ws, args, ctx),
  };
}
