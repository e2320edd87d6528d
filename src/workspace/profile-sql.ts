/**
 * The SQL behind one column's profile. Each function runs a single aggregate over the table, so a
 * profile never moves rows into JS: only a handful of numbers, ten top values and ~20 bin counts.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { HistogramBin } from '../api/workspace';
import { allRows, q } from './workspace';
import { isIntegerKind, isNumericKind, isoTimestamp, type ColumnKind } from './column-kinds';

/** Above this many rows, exact count(DISTINCT) costs more than the profile is worth: HyperLogLog. */
export const EXACT_DISTINCT_MAX_ROWS = 5_000_000;
export const HISTOGRAM_BINS = 20;
const TOP_VALUES = 10;
const QUANTILE_LEVELS = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99] as const;

export interface ColumnRef {
  table: string;
  name: string;
  kind: ColumnKind;
}

export interface ColumnStats {
  present: number;
  distinct: number;
  /** Numbers (finite values only) for numeric columns; ISO text for dates; text otherwise. */
  min: number | string | null;
  max: number | string | null;
  mean: number | null;
  std: number | null;
  quantiles: number[] | null;
  /** Present values that are finite numbers: NaN and ±infinity count as present, but have no
   *  place in a mean, a quantile or a histogram bin. */
  finiteCount: number;
}

const asDouble = (col: string) => `CAST(${col} AS DOUBLE)`;

/** Nested values and blobs have no meaningful min/max for an analyst; everything else orders. */
function hasOrder(kind: ColumnKind): boolean {
  return kind !== 'other';
}

function statsSelect(ref: ColumnRef): string {
  const col = q(ref.name);
  if (isNumericKind(ref.kind)) {
    const x = asDouble(col);
    const finite = `FILTER (WHERE isfinite(${x}))`;
    return `min(${x}) ${finite} AS min, max(${x}) ${finite} AS max,
       avg(${x}) ${finite} AS mean, stddev_samp(${x}) ${finite} AS std,
       quantile_cont(${x}, [${QUANTILE_LEVELS.join(', ')}]) ${finite} AS quantiles,
       count(${col}) ${finite} AS finite_count`;
  }
  return hasOrder(ref.kind)
    ? `CAST(min(${col}) AS VARCHAR) AS min, CAST(max(${col}) AS VARCHAR) AS max`
    : 'NULL AS min, NULL AS max';
}

export async function columnStats(c: DuckDBConnection, ref: ColumnRef, tableRows: number): Promise<ColumnStats> {
  const col = q(ref.name);
  const distinct = tableRows > EXACT_DISTINCT_MAX_ROWS ? `approx_count_distinct(${col})` : `count(DISTINCT ${col})`;
  const [row] = await allRows<{
    present: number;
    distinct_values: number;
    min: number | string | null;
    max: number | string | null;
    mean?: number | null;
    std?: number | null;
    quantiles?: (number | null)[] | null;
    finite_count?: number;
  }>(c, `SELECT count(${col}) AS present, ${distinct} AS distinct_values, ${statsSelect(ref)} FROM ${q(ref.table)}`);
  const text = (v: number | string | null) =>
    typeof v === 'string' && ref.kind === 'timestamp' ? isoTimestamp(v) : v;
  const quantiles = row.quantiles ?? null;
  return {
    present: row.present,
    distinct: row.distinct_values,
    min: text(row.min),
    max: text(row.max),
    mean: row.mean ?? null,
    std: row.std ?? null,
    quantiles: quantiles && quantiles.every((v) => typeof v === 'number') ? (quantiles as number[]) : null,
    finiteCount: row.finite_count ?? 0,
  };
}

export function quantileRecord(values: number[]) {
  const [p01, p05, p25, p50, p75, p95, p99] = values;
  return { p01, p05, p25, p50, p75, p95, p99 };
}

/**
 * The ten most frequent non-missing values; ties in value order so the list is reproducible.
 * When every value is known to be unique (an account id, a continuous balance) the answer is
 * simply the ten smallest values, each seen once: a top-N instead of grouping millions of rows.
 */
export async function topValues(
  c: DuckDBConnection,
  ref: ColumnRef,
  stats: ColumnStats,
  tableRows: number,
): Promise<{ value: string; count: number }[]> {
  const col = q(ref.name);
  const allUnique = tableRows <= EXACT_DISTINCT_MAX_ROWS && stats.distinct === stats.present;
  const ranked = allUnique
    ? `SELECT ${col} AS v, 1 AS n FROM ${q(ref.table)} WHERE ${col} IS NOT NULL ORDER BY ${col} LIMIT ${TOP_VALUES}`
    : `SELECT ${col} AS v, count(*) AS n FROM ${q(ref.table)}
       WHERE ${col} IS NOT NULL GROUP BY ${col} ORDER BY n DESC, ${col} LIMIT ${TOP_VALUES}`;
  // Rank the values as they are; only the ten winners are turned into text.
  const rows = await allRows<{ value: string; n: number }>(
    c,
    `SELECT CAST(v AS VARCHAR) AS value, n FROM (${ranked}) ORDER BY n DESC, v`,
  );
  return rows.map((r) => ({ value: ref.kind === 'timestamp' ? isoTimestamp(r.value) : r.value, count: r.n }));
}

/**
 * Equal-width bins over the finite values. Integer columns spanning fewer than 20 values (a
 * delinquency bucket, a 1/2 flag) get one bin per integer, centred on it, so bars sit on the
 * values instead of straddling them. A constant column is one bin; an all-missing column none.
 */
export async function histogram(c: DuckDBConnection, ref: ColumnRef, stats: ColumnStats): Promise<HistogramBin[]> {
  const { min: lo, max: hi, finiteCount } = stats;
  if (typeof lo !== 'number' || typeof hi !== 'number' || finiteCount === 0) return [];
  if (lo === hi) return [{ x0: lo, x1: hi, count: finiteCount }];
  const perInteger = isIntegerKind(ref.kind) && hi - lo < HISTOGRAM_BINS;
  const bins = perInteger ? hi - lo + 1 : HISTOGRAM_BINS;
  const start = perInteger ? lo - 0.5 : lo;
  const width = perInteger ? 1 : (hi - lo) / HISTOGRAM_BINS;
  const x = asDouble(q(ref.name));
  // least(): the maximum lands exactly on the upper edge and belongs to the last bin.
  const rows = await allRows<{ bin: number; n: number }>(
    c,
    `SELECT least(CAST(floor((${x} - $1) / $2) AS INTEGER), CAST($3 AS INTEGER)) AS bin, count(*) AS n
     FROM ${q(ref.table)} WHERE isfinite(${x}) GROUP BY bin`,
    [start, width, bins - 1],
  );
  const counts = new Array<number>(bins).fill(0);
  for (const r of rows) counts[Math.max(0, r.bin)] += r.n;
  return counts.map((count, i) => ({
    x0: start + i * width,
    x1: i === bins - 1 && !perInteger ? hi : start + (i + 1) * width,
    count,
  }));
}
