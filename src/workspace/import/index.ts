/**
 * Importing a file into the workspace: CSV (UTF-8 or GB18030), Parquet or Excel .xlsx, through
 * a staging table swapped in by one transaction. See staging.ts for the all-or-nothing rule and
 * csv.ts for how bad lines are reported or kept aside.
 */
import type { JobContext } from '../../api/jobs';
import type { ImportArgs, ImportResult } from '../../api/workspace';
import { badInput } from '../../api/errors';
import type { Workspace } from '../workspace';
import { importCsv } from './csv';
import { importParquet } from './parquet';
import { formatOf, openSource } from './source';
import type { ImportedTable } from './staging';
import { checkTableName, checkTargetFree, rejectsTableName, type ImportTarget } from './target';
import type { DetectedEncoding } from './text-encoding';
import { importXlsx } from './xlsx';

export { listSheets } from './xlsx';

export async function importFile(ws: Workspace, args: ImportArgs, ctx: JobContext): Promise<ImportResult> {
  const started = performance.now();
  if (typeof args.path !== 'string' || args.path === '') throw badInput('Choose a file to import.', { field: 'path' });
  const table = checkTableName(args.table);
  const source = await openSource(args.path, args.sourceName);
  const format = formatOf(source, args.format);
  const target: ImportTarget = {
    table,
    // Only CSV has lines to reject: Parquet is typed already, and a sheet's types come from all its cells.
    rejectsTable: args.skipBadRows === true && format === 'csv' ? rejectsTableName(table) : null,
    replace: args.replace === true,
    sourceName: source.name,
  };
  // Fail fast on a taken name, before reading (or transcoding) a large file.
  await ws.withConnection((c) => checkTargetFree(c, target), ctx);

  let imported: ImportedTable;
  let encoding: DetectedEncoding | null = null;
  switch (format) {
    case 'csv':
      ({ imported, encoding } = await importCsv(ws, source, target, args, ctx));
      break;
    case 'parquet':
      imported = await importParquet(ws, source, target, ctx);
      break;
    case 'xlsx':
      imported = await importXlsx(ws, source, target, args.sheet, ctx);
      break;
  }
  ctx.progress(1, 1, `Imported ${imported.rows} rows into ${table}`);
  return {
    table,
    rows: imported.rows,
    columns: imported.columns,
    rejected: imported.rejected,
    rejectsTable: imported.rejectsTable,
    encoding,
    elapsedMs: Math.round(performance.now() - started),
  };
}
