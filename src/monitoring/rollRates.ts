/**
 * Roll rates between delinquency buckets (current, 1–30, 31–60, 61–90, 90+) snapshot to snapshot,
 * followed loan by loan, and the flow-rate waterfall: the balance-weighted share rolling one
 * bucket forward, pooled over all periods and chained current → 1–30 → … → 90+, which reads as
 * "of each unit of current balance, this much reaches 90+ four months later".
 * Denominators are everything in the start bucket, exits included (a loan repaid or written off
 * did not roll forward).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { DPD_BUCKETS, type DpdBucket, type PanelMapping, type RollPeriod, type RollRateResult } from '../api/monitoring';
import { panelRelation } from './panel';
import { ratio, SqlParams } from './sql';
import { byPeriod, transitionCells, type TransitionCell } from './transitions';

/** Upper day bounds of the first four buckets; anything above is 90+. */
export const BUCKET_MAX_DPD = [0, 30, 60, 90] as const;

/** SQL bucket index (1 = current ... 5 = 90+) of a row with a `dpd` column. */
export function bucketSql(p: SqlParams, dpd = 'dpd'): string {
  const arms = BUCKET_MAX_DPD.map((max, i) => `WHEN ${dpd} <= ${p.add(max)} THEN ${i + 1}`).join(' ');
  return `CASE ${arms} ELSE 5 END`;
}

const bucketName = (i: number): DpdBucket => DPD_BUCKETS[i - 1];

function rollForward(cells: TransitionCell[], k: number, by: 'count' | 'balance'): { rolled: number; base: number } {
  const start = cells.filter((x) => x.from === k);
  return {
    rolled: start.filter((x) => x.to === k + 1).reduce((s, x) => s + x[by], 0),
    base: start.reduce((s, x) => s + x[by], 0),
  };
}

export function rollPeriod(start: string, end: string, cells: TransitionCell[]): RollPeriod {
  return {
    start,
    end,
    matrix: cells.map((x) => ({ from: bucketName(x.from), to: x.to === 0 ? 'exited' : bucketName(x.to), count: x.count, balance: x.balance })),
    rollForward: [1, 2, 3, 4].map((k) => {
      const n = rollForward(cells, k, 'count');
      const b = rollForward(cells, k, 'balance');
      return { from: bucketName(k), to: bucketName(k + 1), byCount: ratio(n.rolled, n.base), byBalance: ratio(b.rolled, b.base) };
    }),
  };
}

export async function rollRates(c: DuckDBConnection, m: PanelMapping): Promise<RollRateResult> {
  const p = new SqlParams();
  const state = bucketSql(p, 'r.dpd');
  const cells = await transitionCells(c, { source: panelRelation(m, ['dpd', 'balance']), state, params: p });
  const periods = byPeriod(cells).map((x) => rollPeriod(x.start, x.end, x.cells));
  let cumulative: number | null = 1;
  const waterfall = [1, 2, 3, 4].map((k) => {
    const pooled = rollForward(cells, k, 'balance');
    const rate = ratio(pooled.rolled, pooled.base);
    cumulative = rate === null || cumulative === null ? null : cumulative * rate;
    return { from: bucketName(k), to: bucketName(k + 1), rate, cumulative };
  });
  return { periods, waterfall };
}
