/**
 * The SQL console: one read-only statement, its first rows as Arrow, and how many rows there
 * were in all. Runs in a READ ONLY transaction that is always rolled back.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { JobContext } from '../api/jobs';
import type { QueryResult } from '../api/workspace';
import { allRows, type Workspace } from './workspace';
import { rowCount } from './args';
import { columnInfos, resultToArrowIPC } from './arrow';
import { prepareReadOnly, type ReadOnlyStatement } from './read-only';
import { countRemainingRows, readFirstRows, type FirstRows } from './result-columns';
import { sqlError, useJsonErrors } from './sql-errors';

export const DEFAULT_QUERY_LIMIT = 10_000;
/** More rows than this do not belong in a console grid: export them to CSV instead. */
export const MAX_QUERY_LIMIT = 100_000;

/**
 * Run `fn` with the analyst's statement checked and prepared, inside a READ ONLY transaction,
 * on a connection that reports SQL errors with positions. Shared by the console and CSV export.
 */
export async function withReadOnlyStatement<T>(
  ws: Workspace,
  sql: unknown,
  ctx: JobContext,
  fn: (c: DuckDBConnection, stmt: ReadOnlyStatement) => Promise<T>,
): Promise<T> {
  return ws.withConnection(async (c) => {
    await useJsonErrors(c);
    await c.run('BEGIN TRANSACTION READ ONLY');
    try {
      const stmt = await prepareReadOnly(c, sql);
      try {
        return await fn(c, stmt);
      } finally {
        stmt.prepared.destroySync();
      }
    } finally {
      // Nothing to keep; an interrupted transaction may already be gone.
      await c.run('ROLLBACK').catch(() => undefined);
    }
  }, ctx);
}

/** Prefix Vigil puts before the analyst's SELECT to count its rows; error positions skip it. */
const COUNT_PREFIX = 'SELECT count(*) AS n FROM (\n';

export async function runQuery(ws: Workspace, args: { sql: unknown; limit?: unknown }, ctx: JobContext): Promise<QueryResult> {
  const limit = rowCount(args.limit, 'limit', { fallback: DEFAULT_QUERY_LIMIT, min: 1, max: MAX_QUERY_LIMIT });
  return withReadOnlyStatement(ws, args.sql, ctx, async (c, stmt) => {
    const sql = args.sql as string; // prepareReadOnly refused anything but text
    ctx.progress(0, null, 'Running query');
    let page: FirstRows;
    let totalRows: number;
    try {
      const result = await stmt.prepared.stream();
      page = await readFirstRows(result, limit, ctx);
      totalRows = page.more && stmt.kind === 'explain' ? page.rowsSeen + (await countRemainingRows(result, ctx)) : page.rowCount;
    } catch (e) {
      throw sqlError(e, sql);
    }
    if (page.more && stmt.kind === 'select') {
      // Counting in DuckDB skips every column; streaming the rest through JS would convert them all.
      ctx.progress(page.rowCount, null, 'Counting rows');
      try {
        totalRows = (await allRows<{ n: number }>(c, `${COUNT_PREFIX}${stmt.body}\n)`))[0].n;
      } catch (e) {
        throw sqlError(e, sql, COUNT_PREFIX.length);
      }
    }
    return {
      columns: columnInfos(page),
      rowCount: page.rowCount,
      totalRows,
      arrow: resultToArrowIPC(page),
      truncated: page.more,
    };
  });
}
