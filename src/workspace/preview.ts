/**
 * A page of a table for the data grid, in a stable order (the table's physical order, rowid).
 *
 * Scrolling a million-row table must not sort it for every page. When rowids are dense
 * (0..rows-1: any table never deleted from), the page is a rowid range, which DuckDB pushes
 * into the scan and answers from the one or two row groups that hold it. After deletes leave
 * gaps, the page's first and last rowid are found by sorting the rowids alone (no column data),
 * then the page is read as a rowid range again. All of it in one transaction, one snapshot.
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { JobContext } from '../api/jobs';
import type { QueryResult } from '../api/workspace';
import { allRows, q, type Workspace } from './workspace';
import { resolveRelation, type RelationKind } from './names';
import { rowCount } from './args';
import { columnInfos, resultToArrowIPC } from './arrow';
import { readFirstRows } from './result-columns';

export const MAX_PREVIEW_ROWS = 1_000;

export interface PreviewArgs {
  table: unknown;
  offset?: unknown;
  limit?: unknown;
}

interface RowidShape {
  rows: number;
  /**
   * No rowid to page by: the relation is a view (views have none), or the table has a real column
   * named rowid, which hides DuckDB's pseudo-column. Such pages follow scan order.
   */
  noRowid: boolean;
  dense: boolean;
}

async function rowidShape(c: DuckDBConnection, table: string, kind: RelationKind): Promise<RowidShape> {
  const [{ shadowed }] = await allRows<{ shadowed: boolean }>(
    c,
    `SELECT count(*) > 0 AS shadowed FROM duckdb_columns()
     WHERE database_name = current_database() AND schema_name = 'main' AND table_name = $1 AND lower(column_name) = 'rowid'`,
    [table],
  );
  if (shadowed || kind === 'view') {
    const [{ n }] = await allRows<{ n: number }>(c, `SELECT count(*) AS n FROM ${q(table)}`);
    return { rows: n, noRowid: true, dense: false };
  }
  // Cheap: count(*) reads no column, max(rowid) only the virtual row number.
  const [{ n, last }] = await allRows<{ n: number; last: number | null }>(
    c,
    `SELECT count(*) AS n, max(rowid) AS last FROM ${q(table)}`,
  );
  return { rows: n, noRowid: false, dense: n === 0 || last === n - 1 };
}

/** The rowid range holding rows offset..offset+limit-1 of a table with gaps; null past the end. */
async function gappedRange(c: DuckDBConnection, from: string, offset: number, limit: number) {
  const [range] = await allRows<{ lo: number | null; hi: number | null }>(
    c,
    `SELECT min(r) AS lo, max(r) AS hi FROM (SELECT rowid AS r FROM ${from} ORDER BY rowid LIMIT $1 OFFSET $2)`,
    [BigInt(limit), BigInt(offset)],
  );
  return range.lo === null || range.hi === null ? null : { lo: range.lo, hi: range.hi + 1 };
}

async function pageQuery(
  c: DuckDBConnection,
  table: string,
  shape: RowidShape,
  offset: number,
  limit: number,
): Promise<[string, DuckDBValue[]]> {
  const from = q(table);
  // Without a rowid, DuckDB's scan order (insertion order, which it preserves) is the order.
  if (shape.noRowid) return [`SELECT * FROM ${from} LIMIT $1 OFFSET $2`, [BigInt(limit), BigInt(offset)]];
  const range = shape.dense ? { lo: offset, hi: offset + limit } : await gappedRange(c, from, offset, limit);
  // BIGINT parameters: a DOUBLE bound against rowid would cast the column and lose the pushdown.
  const [lo, hi] = range === null ? [0n, 0n] : [BigInt(range.lo), BigInt(range.hi)];
  return [`SELECT * FROM ${from} WHERE rowid >= $1 AND rowid < $2 ORDER BY rowid`, [lo, hi]];
}

export async function previewTable(ws: Workspace, args: PreviewArgs, ctx: JobContext): Promise<QueryResult> {
  const offset = rowCount(args.offset, 'offset', { fallback: 0, min: 0, max: Number.MAX_SAFE_INTEGER });
  const limit = rowCount(args.limit, 'limit', { fallback: MAX_PREVIEW_ROWS, min: 0, max: MAX_PREVIEW_ROWS });
  return ws.transaction(async (c) => {
    const { name: table, kind } = await resolveRelation(c, args.table);
    const shape = await rowidShape(c, table, kind);
    const [sql, params] = await pageQuery(c, table, shape, offset, limit);
    const page = await readFirstRows(await c.stream(sql, params), limit, ctx);
    return {
      columns: columnInfos(page),
      rowCount: page.rowCount,
      totalRows: shape.rows,
      arrow: resultToArrowIPC(page),
      truncated: offset + page.rowCount < shape.rows,
    };
  }, ctx);
}
