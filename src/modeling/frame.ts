/**
 * Table -> typed arrays for the models. DuckDB does the selecting and casting; we read result
 * chunks straight into Float64Arrays (no per-row objects), so a million rows load in well under a second.
 * Scoring reads the same way in fixed-size pages so memory stays flat whatever the table size.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { badInput, conflict, notFound } from '../api/errors';
import type { JobContext } from '../api/jobs';
import type { Dataset, FeatureSpec } from '../../models/dataset';
import { findRelation } from '../workspace/names';
import { copyDoubleColumn } from './chunk-columns';
import { allRows, q } from '../workspace/workspace';

/** Categorical features with more levels than this are almost always ids or free text: refuse them. */
export const MAX_LEVELS = 64;

export const NUMERIC_TYPE = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL.*)$/;
const CATEGORICAL_TYPE = /^(VARCHAR|BOOLEAN|ENUM.*)$/;

export interface ColumnType {
  name: string;
  type: string;
}

export interface TableColumns {
  /** The table's stored name (DuckDB matches names case-insensitively; we report them as stored). */
  table: string;
  columns: ColumnType[];
}

export async function describeTable(c: DuckDBConnection, table: string): Promise<TableColumns> {
  const found = await findRelation(c, table);
  if (found === null) throw notFound(`Table "${table}" does not exist.`, { table });
  // Training and scoring page through the table by rowid, which only a stored table has.
  if (found.kind === 'view') throw badInput(`"${found.name}" is a view; models train and score on stored tables.`, { table: found.name });
  const stored = found.name;
  const rows = await allRows<{ column_name: string; column_type: string }>(c, `DESCRIBE ${q(stored)}`);
  return { table: stored, columns: rows.map((r) => ({ name: r.column_name, type: r.column_type })) };
}

/** The column as stored, matched case-insensitively like DuckDB does; a bad_input naming the table otherwise. */
export function findColumn(t: TableColumns, name: string, role = 'Column'): ColumnType {
  const exact = t.columns.find((x) => x.name === name) ?? t.columns.find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (!exact) {
    throw badInput(`${role} "${name}" is not in table "${t.table}".`, { table: t.table, column: name, available: t.columns.map((x) => x.name) });
  }
  return exact;
}

/** Decide numeric vs categorical per feature from the DuckDB type; categorical levels by frequency (most frequent first). */
export async function featureSpecs(
  c: DuckDBConnection,
  t: TableColumns,
  features: string[],
  where = 'TRUE',
): Promise<FeatureSpec[]> {
  const specs: FeatureSpec[] = [];
  for (const f of features) {
    const col = findColumn(t, f);
    if (NUMERIC_TYPE.test(col.type)) {
      specs.push({ name: col.name, kind: 'numeric' });
    } else if (CATEGORICAL_TYPE.test(col.type)) {
      const levels = await allRows<{ v: string }>(
        c,
        `SELECT CAST(${q(col.name)} AS VARCHAR) AS v, count(*) AS n FROM ${q(t.table)} WHERE ${q(col.name)} IS NOT NULL AND (${where})
         GROUP BY 1 ORDER BY n DESC, v LIMIT ${MAX_LEVELS + 1}`,
      );
      if (levels.length > MAX_LEVELS) {
        throw badInput(
          `Column "${col.name}" has more than ${MAX_LEVELS} distinct values; it looks like an id or free text, not a category.`,
          { table: t.table, column: col.name },
        );
      }
      specs.push({ name: col.name, kind: 'categorical', levels: levels.map((l) => l.v) });
    } else {
      throw badInput(`Column "${col.name}" has type ${col.type}, which a model cannot use directly (numbers and categories only).`, {
        table: t.table,
        column: col.name,
        type: col.type,
      });
    }
  }
  return specs;
}

/** A SQL list literal of the levels; level text is data from the table, so it is escaped, never trusted. */
function levelList(levels: string[]): string {
  return `[${levels.map((l) => `'${l.replaceAll("'", "''")}'`).join(', ')}]::VARCHAR[]`;
}

/**
 * A value of a categorical feature that is not among `levels` is an error naming the column, the value
 * and how many rows carry it (scoring a new month with an unseen product, say).
 */
async function checkLevels(c: DuckDBConnection, table: string, s: FeatureSpec, where: string): Promise<void> {
  const list = levelList(s.levels ?? []);
  const unseen = await allRows<{ v: string; n: number }>(
    c,
    `SELECT CAST(${q(s.name)} AS VARCHAR) AS v, count(*) AS n FROM ${q(table)}
     WHERE (${where}) AND ${q(s.name)} IS NOT NULL AND coalesce(list_position(${list}, CAST(${q(s.name)} AS VARCHAR)), 0) = 0
     GROUP BY 1 ORDER BY n DESC, v LIMIT 5`,
  );
  if (unseen.length > 0) {
    throw badInput(
      `Column "${s.name}" has value "${unseen[0].v}" (${unseen[0].n} rows) that the model never saw in training. Known values: ${(s.levels ?? []).join(', ')}.`,
      { table, column: s.name, unseen: unseen.map((u) => u.v) },
    );
  }
}

export interface FrameOptions {
  /** SQL condition on the table's rows (already checked by the caller). */
  where?: string;
  /** Extra numeric SQL expressions read alongside the features (target, holdout mask, rowid). */
  extra?: { name: string; sql: string }[];
  ctx?: JobContext;
  /** Progress text after each batch (default "Reading rows"). */
  progressMessage?: string;
}

export interface FrameBatch {
  dataset: Dataset;
  extra: Record<string, Float64Array>;
  /** Row number of the batch's first row in the whole result. */
  offset: number;
  /** Rows in the whole result (for progress). */
  total: number;
}

function selectList(specs: FeatureSpec[], extra: { name: string; sql: string }[]): string {
  const selects = specs.map((s) =>
    s.kind === 'numeric'
      ? `CAST(${q(s.name)} AS DOUBLE)`
      : // Level index computed in SQL: list_position is 1-based and NULL when absent (checked before).
        `CAST(list_position(${levelList(s.levels ?? [])}, CAST(${q(s.name)} AS VARCHAR)) - 1 AS DOUBLE)`,
  );
  for (const e of extra) selects.push(`CAST((${e.sql}) AS DOUBLE)`);
  return selects.map((s, i) => `${s} AS c${i}`).join(', ');
}

/**
 * Read `specs` (+ extras) of `table` in pages of at most `pageRows` rows, in rowid order, calling
 * `onBatch` for each. Each page is its own query, read to the end before `onBatch` runs, rather than
 * one long streaming result: `onBatch` may then use the same connection (the scorer appends to a
 * staging table between pages; any statement on a connection silently ends a stream still open on it).
 * The arrays of a batch are reused for the next one: `onBatch` must be done with them when it returns.
 */
export async function streamDataset(
  c: DuckDBConnection,
  table: string,
  specs: FeatureSpec[],
  pageRows: number,
  onBatch: (b: FrameBatch) => Promise<void> | void,
  opts: FrameOptions = {},
): Promise<number> {
  const where = opts.where ?? 'TRUE';
  for (const s of specs) if (s.kind === 'categorical') await checkLevels(c, table, s, where);
  const extra = opts.extra ?? [];
  const [span] = await allRows<{ lo: number | null; hi: number | null; n: number }>(
    c,
    `SELECT min(rowid) AS lo, max(rowid) AS hi, count(*) AS n FROM ${q(table)} WHERE ${where}`,
  );
  const total = span.n;
  if (total === 0 || span.lo === null || span.hi === null) return 0;
  const ncol = specs.length + extra.length;
  const page = Math.max(1, Math.min(pageRows, span.hi - span.lo + 1));
  const cols = Array.from({ length: ncol }, () => new Float64Array(Math.min(page, total)));
  const sql = `SELECT ${selectList(specs, extra)} FROM ${q(table)} WHERE (${where}) AND rowid >= $1::BIGINT AND rowid < $2::BIGINT ORDER BY rowid`;
  let offset = 0;
  for (let from = span.lo; from <= span.hi; from += page) {
    // Streamed chunk by chunk (a materialized result's getChunk costs milliseconds a chunk), but always
    // drained before onBatch runs, so nothing else ever executes while the stream is open.
    const result = await c.stream(sql, [from, from + page]);
    let filled = 0;
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      // Missing numbers and missing categories are NaN; the models decide what missing means.
      for (let j = 0; j < ncol; j++) copyDoubleColumn(chunk, j, cols[j], filled);
      filled += chunk.rowCount;
    }
    if (filled === 0) continue;
    const view = filled === cols[0]?.length ? cols : cols.map((col) => col.subarray(0, filled));
    const named: Record<string, Float64Array> = {};
    extra.forEach((e, k) => (named[e.name] = view[specs.length + k]));
    await onBatch({ dataset: { features: specs, columns: view.slice(0, specs.length), rows: filled }, extra: named, offset, total });
    offset += filled;
    opts.ctx?.progress(offset, total, opts.progressMessage ?? 'Reading rows');
    opts.ctx?.throwIfCancelled();
  }
  return offset;
}

/** Read the given features (and extras) of `table` into one Dataset, in table order. */
export async function readDataset(
  c: DuckDBConnection,
  table: string,
  specs: FeatureSpec[],
  opts: FrameOptions = {},
): Promise<{ dataset: Dataset; extra: Record<string, Float64Array> }> {
  const columns: Float64Array[] = specs.map(() => new Float64Array(0));
  const extra: Record<string, Float64Array> = {};
  let rows = 0;
  await streamDataset(
    c,
    table,
    specs,
    Number.MAX_SAFE_INTEGER,
    ({ dataset, extra: e, total }) => {
      // One page spans every rowid, so one batch holds everything and its arrays are ours to keep; a
      // second or short batch means rows were deleted between the count and the read (outside a transaction).
      if (rows !== 0 || dataset.rows !== total) throw conflict(`Table "${table}" changed while it was being read; run again.`, { table });
      dataset.columns.forEach((col, j) => (columns[j] = col));
      Object.assign(extra, e);
      rows = dataset.rows;
    },
    opts,
  );
  return { dataset: { features: specs, columns, rows }, extra };
}
