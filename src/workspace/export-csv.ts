/**
 * Write the full result of a read-only console query to a CSV file with a header, using DuckDB's
 * own COPY (fast, streams, never holds the result in JS).
 *
 * COPY cannot take the file path as a bound parameter, so the path is checked here and written
 * as a string literal with quotes doubled. The analyst's SELECT is wrapped as `COPY (...)`; the
 * wrapped text is parsed again and must still be exactly one COPY statement. The file starts with a
 * UTF-8 byte-order mark unless asked not to (see excel-bom.ts).
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import { dirname, isAbsolute } from 'node:path';
import { StatementType, type DuckDBConnection } from '@duckdb/node-api';
import type { JobContext } from '../api/jobs';
import { badInput, notFound, VigilError } from '../api/errors';
import type { Workspace } from './workspace';
import { requireString } from './args';
import { withReadOnlyStatement } from './query';
import { sqlError } from './sql-errors';
import { prependUtf8Bom } from './excel-bom';

const COPY_PREFIX = 'COPY (\n';

/** Checks the export path and returns it as a DuckDB string literal. */
export function csvPathLiteral(path: unknown): string {
  const p = requireString(path, 'path');
  if (p.includes('\0')) throw badInput('The export path contains a NUL character.', { path: p });
  if (!isAbsolute(p)) throw badInput(`Choose a full path for the CSV file (got "${p}").`, { path: p });
  if (existsSync(p) && statSync(p).isDirectory()) {
    throw badInput(`"${p}" is a folder; choose a file name inside it.`, { path: p });
  }
  const folder = dirname(p);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw notFound(`The folder "${folder}" does not exist.`, { path: p, folder });
  }
  return `'${p.replaceAll("'", "''")}'`;
}

async function assertSingleCopy(c: DuckDBConnection, copySql: string): Promise<void> {
  const extracted = await c.extractStatements(copySql);
  const prepared = extracted.count === 1 ? await extracted.prepare(0) : null;
  const isCopy = prepared?.statementType === StatementType.COPY;
  prepared?.destroySync();
  if (!isCopy) throw badInput('This query cannot be exported as written; remove trailing text after the SELECT.');
}

export async function exportCsv(
  ws: Workspace,
  args: { sql: unknown; path: unknown; excelBom?: unknown },
  ctx: JobContext,
): Promise<{ path: string; rows: number }> {
  const target = csvPathLiteral(args.path);
  const path = args.path as string;
  const existed = existsSync(path);
  return withReadOnlyStatement(ws, args.sql, ctx, async (c, stmt) => {
    if (stmt.kind !== 'select') throw badInput('Only a SELECT can be exported to CSV.', { statement: 'EXPLAIN' });
    // body has no trailing comment; the newline before ")" guards against one all the same.
    const copySql = `${COPY_PREFIX}${stmt.body}\n) TO ${target} (FORMAT csv, HEADER true)`;
    try {
      await assertSingleCopy(c, copySql);
      ctx.progress(0, null, 'Writing CSV');
      const result = await c.run(copySql);
      if (args.excelBom !== false) await prependUtf8Bom(path);
      ctx.progress(result.rowsChanged, result.rowsChanged, 'CSV written');
      return { path, rows: result.rowsChanged };
    } catch (e) {
      // A half-written file is worse than none; a file that was there before is not ours to delete.
      if (!existed) rmSync(path, { force: true });
      throw e instanceof VigilError ? e : sqlError(e, args.sql as string, COPY_PREFIX.length);
    }
  });
}
