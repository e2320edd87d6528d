/**
 * Table -> typed arrays for the models. DuckDB does the selecting and casting; we read result
 * chunks straight into Float64Arrays (no per-row objects), so a million rows load in well under a second.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { badInput, notFound } from '../api/errors';
import type { JobContext } from '../api/jobs';
import type { Dataset, FeatureSpec } from '../../models/dataset';
import { allRows, q, type Workspace } from '../workspace/workspace';

/** Categorical features with more levels than this are almost always ids or free text: refuse them. */
export const MAX_LEVELS = 64;

const NUMERIC_TYPE = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL.*)$/;
const CATEGORICAL_TYPE = /^(VARCHAR|BOOLEAN|ENUM.*)$/;

export interface ColumnType {
  name: string;
  type: string;
}

export async function describeTable(c: DuckDBConnection, table: string): Promise<ColumnType[]> {
  const exists = await allRows<{ n: number }>(
    c,
    `SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = $1 AND NOT internal`,
    [table],
  );
  if (!exists[0] || exists[0].n === 0) throw notFound(`Table "${table}" does not exist.`, { table });
  const rows = await allRows<{ column_name: string; column_type: string }>(c, `DESCRIBE ${q(table)}`);
  return rows.map((r) => ({ name: r.column_name, type: r.column_type }));
}

/** Decide numeric vs categorical per feature from the DuckDB type; categorical levels by frequency (most frequent first). */
export async function featureSpecs(
  c: DuckDBConnection,
  table: string,
  features: string[],
  where = 'TRUE',
): Promise<FeatureSpec[]> {
  const cols = await describeTable(c, table);
  const byName = new Map(cols.map((x) => [x.name, x.type]));
  const specs: FeatureSpec[] = [];
  for (const f of features) {
    const type = byName.get(f);
    if (type === undefined) {
      throw badInput(`Column "${f}" is not in table "${table}".`, { table, column: f, available: cols.map((x) => x.name) });
    }
    if (NUMERIC_TYPE.test(type)) {
      specs.push({ name: f, kind: 'numeric' });
    } else if (CATEGORICAL_TYPE.test(type)) {
      const levels = await allRows<{ v: string }>(
        c,
        `SELECT CAST(${q(f)} AS VARCHAR) AS v, count(*) AS n FROM ${q(table)} WHERE ${q(f)} IS NOT NULL AND (${where})
         GROUP BY 1 ORDER BY n DESC, v LIMIT ${MAX_LEVELS + 1}`,
      );
      if (levels.length > MAX_LEVELS) {
        throw badInput(
          `Column "${f}" has more than ${MAX_LEVELS} distinct values; it looks like an id or free text, not a category.`,
          { table, column: f },
        );
      }
      specs.push({ name: f, kind: 'categorical', levels: levels.map((l) => l.v) });
    } else {
      throw badInput(`Column "${f}" has type ${type}, which a model cannot use directly (numbers and categories only).`, {
        table,
        column: f,
        type,
      });
    }
  }
  return specs;
}

/**
 * Read the given features (and optional extra numeric expressions) of `table` into a Dataset.
 * Categorical values become level indexes; a value not among `levels` is an error naming the column,
 * the value and how many rows carry it (scoring a new month with an unseen product, say).
 */
export async function readDataset(
  c: DuckDBConnection,
  table: string,
  specs: FeatureSpec[],
  opts: { where?: string; extra?: { name: string; sql: string }[]; orderBy?: string; ctx?: JobContext } = {},
): Promise<{ dataset: Dataset; extra: Record<string, Float64Array> }> {
  const where = opts.where ?? 'TRUE';
  const selects: string[] = [];
  for (const s of specs) {
    if (s.kind === 'numeric') {
      selects.push(`CAST(${q(s.name)} AS DOUBLE)`);
    } else {
      const levels = s.levels ?? [];
      // Level index computed in SQL: list_position is 1-based, 0/NULL when absent.
      const list = `[${levels.map((l) => `'${l.replaceAll("'", "''")}'`).join(', ')}]::VARCHAR[]`;
      selects.push(`CAST(list_position(${list}, CAST(${q(s.name)} AS VARCHAR)) - 1 AS DOUBLE)`);
      const unseen = await allRows<{ v: string; n: number }>(
        c,
        `SELECT CAST(${q(s.name)} AS VARCHAR) AS v, count(*) AS n FROM ${q(table)}
         WHERE (${where}) AND ${q(s.name)} IS NOT NULL AND coalesce(list_position(${list}, CAST(${q(s.name)} AS VARCHAR)), 0) = 0
         GROUP BY 1 ORDER BY n DESC LIMIT 5`,
      );
      if (unseen.length > 0) {
        throw badInput(
          `Column "${s.name}" has value "${unseen[0].v}" (${unseen[0].n} rows) that the model never saw in training. Known values: ${levels.join(', ')}.`,
          { table, column: s.name, unseen: unseen.map((u) => u.v) },
        );
      }
    }
  }
  for (const e of opts.extra ?? []) selects.push(`CAST((${e.sql}) AS DOUBLE)`);
  const countRow = await allRows<{ n: number }>(c, `SELECT count(*) AS n FROM ${q(table)} WHERE ${where}`);
  const rows = countRow[0].n;
  const ncol = selects.length;
  const cols = Array.from({ length: ncol }, () => new Float64Array(rows));
  const sql = `SELECT ${selects.map((s, i) => `${s} AS c${i}`).join(', ')} FROM ${q(table)} WHERE ${where}${
    opts.orderBy ? ` ORDER BY ${opts.orderBy}` : ''
  }`;
  const result = await c.stream(sql);
  let at = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const n = chunk.rowCount;
    for (let j = 0; j < ncol; j++) {
      const v = chunk.getColumnVector(j) as unknown as { getItem(i: number): number | null };
      const out = cols[j];
      for (let i = 0; i < n; i++) {
        const x = v.getItem(i);
        // Missing numbers and missing categories are NaN; the models decide what missing means.
        out[at + i] = x === null || x < -0.5 && specs[j]?.kind === 'categorical' ? NaN : x;
      }
    }
    at += n;
    opts.ctx?.progress(at, rows, 'Reading rows');
    opts.ctx?.throwIfCancelled();
  }
  const extra: Record<string, Float64Array> = {};
  (opts.extra ?? []).forEach((e, k) => (extra[e.name] = cols[specs.length + k]));
  return { dataset: { features: specs, columns: cols.slice(0, specs.length), rows }, extra };
}

/** Run `fn` on a connection of the workspace (a small convenience for handlers). */
export function withConn<T>(ws: Workspace, fn: (c: DuckDBConnection) => Promise<T>, ctx?: JobContext) {
  return ws.withConnection(fn, ctx);
}
