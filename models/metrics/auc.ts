/**
 * Area under the ROC curve, with ties counted as half (the Mann–Whitney form, identical to the
 * trapezoidal area scikit-learn's roc_auc_score computes over distinct thresholds).
 */
import type { Labels } from '../dataset';
import { checkBothClasses, tieGroups, type TieGroups } from './inputs';

/** AUC from tie groups, from exact integer counts: 2·Σ bads_g·(goods below g) + bads_g·goods_g over 2·B·G. */
export function aucFromGroups(groups: TieGroups): number {
  let goodsAbove = 0;
  let twiceConcordant = 0;
  for (let g = 0; g < groups.length; g++) {
    const goodsBelow = groups.totalGoods - goodsAbove - groups.goods[g];
    twiceConcordant += groups.bads[g] * (2 * goodsBelow + groups.goods[g]);
    goodsAbove += groups.goods[g];
  }
  return twiceConcordant / (2 * groups.totalBads * groups.totalGoods);
}

/** AUC of scores `p` (higher = riskier) for outcomes `y` (1 = bad). O(n log n). */
export function auc(y: Labels, p: Float64Array): number {
  const counts = checkBothClasses(y, p);
  return aucFromGroups(tieGroups(y, p, counts));
}

/** Gini (accuracy ratio) = 2·AUC − 1. */
export function gini(y: Labels, p: Float64Array): number {
  return 2 * auc(y, p) - 1;
}
