/**
 * Kolmogorov–Smirnov statistic of a score: the largest gap between the cumulative share of bads
 * and the cumulative share of goods captured as the cut-off moves down the score. Defined as the
 * two-sample KS distance (as scipy's ks_2samp): |bad capture − good capture|, so an inverted
 * score shows a large KS too (check the AUC for direction).
 */
import type { Labels } from '../dataset';
import { checkBothClasses, tieGroups, type TieGroups } from './inputs';

export interface KsResult {
  statistic: number;
  /** The cut-off where the gap peaks: rows with score ≥ threshold are flagged bad. */
  threshold: number;
  /** Share of all bads with score ≥ threshold (true positive rate there). */
  badCapture: number;
  /** Share of all goods with score ≥ threshold (false positive rate there). */
  goodCapture: number;
}

export function ksFromGroups(groups: TieGroups): KsResult {
  const B = groups.totalBads;
  const G = groups.totalGoods;
  let cumBads = 0;
  let cumGoods = 0;
  let best = -1;
  let bestAt = 0;
  let bestBads = 0;
  let bestGoods = 0;
  for (let g = 0; g < groups.length; g++) {
    cumBads += groups.bads[g];
    cumGoods += groups.goods[g];
    // Exact integer numerator: the maximum is found without rounding noise between near-equal gaps.
    const gap = Math.abs(cumBads * G - cumGoods * B);
    if (gap > best) {
      best = gap;
      bestAt = g;
      bestBads = cumBads;
      bestGoods = cumGoods;
    }
  }
  return { statistic: best / (B * G), threshold: groups.score[bestAt], badCapture: bestBads / B, goodCapture: bestGoods / G };
}

/** KS statistic and where it peaks. O(n log n). */
export function ks(y: Labels, p: Float64Array): KsResult {
  return ksFromGroups(tieGroups(y, p, checkBothClasses(y, p)));
}
