/** Gains / lift table by score bucket (deciles by default), riskiest bucket first. */
import type { Labels } from '../dataset';
import { scoreBuckets } from './buckets';

export interface GainsRow {
  /** 1 = riskiest tenth (see buckets.ts for how ties are kept together). */
  decile: number;
  count: number;
  bads: number;
  goods: number;
  badRate: number;
  minPd: number;
  maxPd: number;
  meanPd: number;
  cumCount: number;
  /** Share of the whole population in this and all riskier deciles (0..1). */
  cumPopulationShare: number;
  cumBads: number;
  cumBadRate: number;
  /** Share of all bads captured in this and all riskier deciles (0..1; ×100 for %). */
  cumBadCapture: number;
  /** Share of all goods in this and all riskier deciles (0..1). */
  cumGoodCapture: number;
  /** cumBadCapture − cumGoodCapture: the KS gap at this decile's lower edge. */
  ks: number;
  /** Bad rate of the decile over the overall bad rate. */
  lift: number;
  /** Cumulative bad rate over the overall bad rate. */
  cumLift: number;
}

export function gainsTable(y: Labels, p: Float64Array, groups = 10): GainsRow[] {
  const buckets = scoreBuckets(y, p, groups);
  const n = y.length;
  let totalBads = 0;
  for (const b of buckets) totalBads += b.bads;
  const totalGoods = n - totalBads;
  const overallRate = totalBads / n;
  let cumCount = 0;
  let cumBads = 0;
  return buckets.map((b) => {
    cumCount += b.count;
    cumBads += b.bads;
    const badRate = b.bads / b.count;
    const cumBadRate = cumBads / cumCount;
    const cumBadCapture = totalBads > 0 ? cumBads / totalBads : NaN;
    const cumGoodCapture = totalGoods > 0 ? (cumCount - cumBads) / totalGoods : NaN;
    return {
      decile: b.bucket,
      count: b.count,
      bads: b.bads,
      goods: b.count - b.bads,
      badRate,
      minPd: b.minScore,
      maxPd: b.maxScore,
      meanPd: b.scoreSum / b.count,
      cumCount,
      cumPopulationShare: cumCount / n,
      cumBads,
      cumBadRate,
      cumBadCapture,
      cumGoodCapture,
      ks: cumBadCapture - cumGoodCapture,
      lift: badRate / overallRate,
      cumLift: cumBadRate / overallRate,
    };
  });
}
