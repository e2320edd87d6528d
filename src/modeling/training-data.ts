/**
 * The rows a model learns from, read once from DuckDB: features as typed arrays, the 0/1 outcome, the
 * holdout mask (the analyst's SQL condition, evaluated by DuckDB), and a fingerprint of exactly those
 * rows and columns so a later audit can tell whether the table still holds the same data.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { JobContext } from '../api/jobs';
import type { Dataset, FeatureSpec, Labels } from '../../models/dataset';
import { allRows, q } from '../workspace/workspace';
import { readDataset, type TableColumns } from './frame';
import { checkPredicate, targetExpression, type TargetMapping } from './target';

export interface Fingerprint {
  rows: number;
  /** Order-independent sum of DuckDB's hash over (target, features...) of each row. */
  hash: string;
}

export interface LabelledData {
  data: Dataset;
  y: Labels;
  /** 1 = test row; null without a holdout condition. */
  testMask: Uint8Array | null;
}

/** Rows with a known outcome: the only rows a model can learn from or be judged on. */
export function knownOutcome(target: TargetMapping): string {
  return `${q(target.column)} IS NOT NULL`;
}

export async function fingerprint(c: DuckDBConnection, table: string, target: TargetMapping, specs: FeatureSpec[]): Promise<Fingerprint> {
  const cols = [target.column, ...specs.map((s) => s.name)].map(q).join(', ');
  const [r] = await allRows<{ n: number; h: string }>(
    c,
    `SELECT count(*) AS n, CAST(coalesce(sum(hash(${cols})), 0) AS VARCHAR) AS h FROM ${q(table)} WHERE ${knownOutcome(target)}`,
  );
  return { rows: r.n, hash: r.h };
}

/** How many rows have no outcome (left out of training and validation). */
export async function missingOutcomeRows(c: DuckDBConnection, table: string, target: TargetMapping): Promise<number> {
  const [r] = await allRows<{ n: number }>(c, `SELECT count(*) AS n FROM ${q(table)} WHERE NOT (${knownOutcome(target)})`);
  return r.n;
}

/**
 * Features, outcome and (optionally) the holdout mask of every row with a known outcome, in table order.
 * A holdout condition that is NULL for a row (a missing month, say) puts the row in the training part.
 */
export async function readLabelled(
  c: DuckDBConnection,
  t: TableColumns,
  target: TargetMapping,
  specs: FeatureSpec[],
  testWhere: string | null,
  ctx?: JobContext,
): Promise<LabelledData> {
  if (testWhere !== null) await checkPredicate(c, t.table, testWhere);
  const extra = [{ name: 'y', sql: targetExpression(target) }];
  if (testWhere !== null) extra.push({ name: 'test', sql: `CASE WHEN (${testWhere}) THEN 1 ELSE 0 END` });
  const { dataset, extra: cols } = await readDataset(c, t.table, specs, { where: knownOutcome(target), extra, ctx });
  return {
    data: dataset,
    y: Uint8Array.from(cols.y),
    testMask: testWhere === null ? null : Uint8Array.from(cols.test),
  };
}
