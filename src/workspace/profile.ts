/**
 * Column profile of a table: the first look an analyst takes at a new portfolio extract
 * (how complete is each field, what range, which values dominate). Everything is computed
 * in DuckDB; one column at a time so progress is real and a cancel stops between columns
 * (or interrupts the running aggregate).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { JobContext } from '../api/jobs';
import type { ColumnProfile, ProfileResult } from '../api/workspace';
import { badInput, notFound } from '../api/errors';
import { allRows, q, type Workspace } from './workspace';
import { resolveTable } from './names';
import { columnKind, isNumericKind } from './column-kinds';
import { columnStats, histogram, quantileRecord, topValues, type ColumnRef } from './profile-sql';

export interface ProfileArgs {
  table: unknown;
  columns?: unknown;
}

/** The table's columns with their kinds, read from a prepared (never executed) SELECT. */
async function tableColumns(c: DuckDBConnection, table: string): Promise<(ColumnRef & { type: string })[]> {
  const prepared = await c.prepare(`SELECT * FROM ${q(table)}`);
  try {
    return Array.from({ length: prepared.columnCount }, (_, i) => ({
      table,
      name: prepared.columnName(i),
      type: prepared.columnType(i).toString(),
      kind: columnKind(prepared.columnTypeId(i)),
    }));
  } finally {
    prepared.destroySync();
  }
}

/** The requested columns, in the order asked, matched case-insensitively like DuckDB does. */
function pickColumns<T extends { name: string }>(all: T[], wanted: unknown, table: string): T[] {
  if (wanted === undefined || wanted === null) return all;
  if (!Array.isArray(wanted) || wanted.some((w) => typeof w !== 'string')) {
    throw badInput('columns must be a list of column names.', { table, field: 'columns' });
  }
  const picked: T[] = [];
  for (const name of new Set(wanted as string[])) {
    const col = all.find((c) => c.name === name) ?? all.find((c) => c.name.toLowerCase() === name.toLowerCase());
    if (!col) throw notFound(`Table "${table}" has no column named "${name}".`, { table, column: name });
    if (!picked.includes(col)) picked.push(col);
  }
  return picked;
}

async function profileColumn(
  c: DuckDBConnection,
  col: ColumnRef & { type: string },
  rows: number,
  ctx: JobContext,
): Promise<ColumnProfile> {
  // A cancel that lands between statements interrupts nothing (the connection is idle), so it is
  // checked before each of the three aggregates rather than only between columns.
  ctx.throwIfCancelled();
  const stats = await columnStats(c, col, rows);
  ctx.throwIfCancelled();
  const top = await topValues(c, col, stats, rows);
  ctx.throwIfCancelled();
  const numeric = isNumericKind(col.kind);
  const bins = numeric ? await histogram(c, col, stats) : [];
  const missing = rows - stats.present;
  return {
    name: col.name,
    type: col.type,
    // count = values present; missing = NULLs. count + missing = rows of the table.
    count: stats.present,
    missing,
    missingPct: rows === 0 ? 0 : (100 * missing) / rows,
    distinct: stats.distinct,
    min: stats.min,
    max: stats.max,
    mean: stats.mean,
    std: stats.std,
    quantiles: numeric && stats.quantiles ? quantileRecord(stats.quantiles) : null,
    top,
    histogram: bins,
  };
}

export async function profileTable(ws: Workspace, args: ProfileArgs, ctx: JobContext): Promise<ProfileResult> {
  return ws.withConnection(async (c) => {
    const table = await resolveTable(c, args.table);
    const columns = pickColumns(await tableColumns(c, table), args.columns, table);
    const [{ n: rows }] = await allRows<{ n: number }>(c, `SELECT count(*) AS n FROM ${q(table)}`);
    const profiles: ColumnProfile[] = [];
    for (const [i, col] of columns.entries()) {
      ctx.progress(i, columns.length, `Profiling column ${col.name} (${i + 1} of ${columns.length})`);
      profiles.push(await profileColumn(c, col, rows, ctx));
    }
    ctx.progress(columns.length, columns.length, 'Profile complete');
    return { table, rows, columns: profiles };
  }, ctx);
}
