/** ROC curve points for plotting, thinned so a million-row curve stays a few hundred points. */
import type { Labels } from '../dataset';
import { checkBothClasses, tieGroups } from './inputs';

export interface RocCurve {
  /** False positive rate (share of goods flagged) per point, from 0 to 1. */
  fpr: Float64Array;
  /** True positive rate (share of bads flagged) per point, from 0 to 1. */
  tpr: Float64Array;
  /** Cut-off per point: score ≥ threshold is flagged. The first point (0, 0) has +Infinity. */
  threshold: Float64Array;
}

/**
 * ROC points at every distinct score, thinned: a point is kept when the curve has moved at least
 * 2/maxPoints (|ΔFPR| + |ΔTPR|, whose total over the curve is 2) since the last kept point. So the
 * result has at most maxPoints + 2 points, the end points (0,0) and (1,1) are always there, and
 * the drawn curve is within 2/maxPoints of the exact one.
 */
export function rocCurve(y: Labels, p: Float64Array, maxPoints = 200): RocCurve {
  const groups = tieGroups(y, p, checkBothClasses(y, p));
  const step = 2 / Math.max(1, maxPoints);
  const fpr: number[] = [0];
  const tpr: number[] = [0];
  const threshold: number[] = [Infinity];
  let cumBads = 0;
  let cumGoods = 0;
  for (let g = 0; g < groups.length; g++) {
    cumBads += groups.bads[g];
    cumGoods += groups.goods[g];
    const x = cumGoods / groups.totalGoods;
    const yv = cumBads / groups.totalBads;
    const last = fpr.length - 1;
    const isEnd = g === groups.length - 1;
    if (isEnd || Math.abs(x - fpr[last]) + Math.abs(yv - tpr[last]) >= step) {
      fpr.push(x);
      tpr.push(yv);
      threshold.push(groups.score[g]);
    }
  }
  return { fpr: Float64Array.from(fpr), tpr: Float64Array.from(tpr), threshold: Float64Array.from(threshold) };
}
