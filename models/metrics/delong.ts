/**
 * DeLong's variance of the AUC, its confidence interval, and the paired test of two correlated
 * AUCs (two models scored on the same loans), in the fast O(n log n) form of Sun & Xu (2014).
 *
 * The placement value of a bad is the share of goods it outranks (ties count half); of a good, the
 * share of bads that outrank it. Both average to the AUC, and
 *   Var(AUC) = var(bad placements)/B + var(good placements)/G      (sample variances, n − 1).
 * Placements depend only on a row's tie group, so a single AUC needs nothing per row; the paired
 * test needs each row's placement under both models to form their covariance.
 */
import type { Labels } from '../dataset';
import { normalQuantile, twoSidedNormalP } from './distributions';
import { checkBothClasses, tieGroups, type TieGroups } from './inputs';

interface GroupPlacements {
  auc: number;
  /** Per tie group (descending score): placement of a bad in it. */
  bad: Float64Array;
  /** Per tie group: placement of a good in it. */
  good: Float64Array;
}

function groupPlacements(groups: TieGroups): GroupPlacements {
  const B = groups.totalBads;
  const G = groups.totalGoods;
  const bad = new Float64Array(groups.length);
  const good = new Float64Array(groups.length);
  let badsAbove = 0;
  let goodsAbove = 0;
  let twiceConcordant = 0;
  for (let g = 0; g < groups.length; g++) {
    const goodsBelow = G - goodsAbove - groups.goods[g];
    bad[g] = (goodsBelow + 0.5 * groups.goods[g]) / G;
    good[g] = (badsAbove + 0.5 * groups.bads[g]) / B;
    twiceConcordant += groups.bads[g] * (2 * goodsBelow + groups.goods[g]);
    badsAbove += groups.bads[g];
    goodsAbove += groups.goods[g];
  }
  return { auc: twiceConcordant / (2 * B * G), bad, good };
}

/** Sample variance of placements given per group, each repeated `counts[g]` times. */
function groupedVariance(values: Float64Array, counts: Float64Array, mean: number, total: number): number {
  if (total < 2) return 0;
  let ss = 0;
  for (let g = 0; g < values.length; g++) {
    const d = values[g] - mean;
    ss += counts[g] * d * d;
  }
  return ss / (total - 1);
}

export interface AucWithInterval {
  auc: number;
  /** DeLong variance of the AUC estimate. */
  variance: number;
  standardError: number;
  /** Confidence interval AUC ± z·se, clipped to [0, 1]. */
  ciLow: number;
  ciHigh: number;
  level: number;
}

/** AUC with its DeLong standard error and a `level` (default 95%) normal confidence interval. */
export function delongAuc(y: Labels, p: Float64Array, level = 0.95): AucWithInterval {
  const groups = tieGroups(y, p, checkBothClasses(y, p));
  const pl = groupPlacements(groups);
  const variance =
    groupedVariance(pl.bad, groups.bads, pl.auc, groups.totalBads) / groups.totalBads +
    groupedVariance(pl.good, groups.goods, pl.auc, groups.totalGoods) / groups.totalGoods;
  const se = Math.sqrt(variance);
  const z = normalQuantile(0.5 + level / 2);
  return { auc: pl.auc, variance, standardError: se, ciLow: Math.max(0, pl.auc - z * se), ciHigh: Math.min(1, pl.auc + z * se), level };
}

/** Each row's placement, in row order within its class: bads first array, goods second. */
function rowPlacements(y: Labels, p: Float64Array, groups: TieGroups): { auc: number; bad: Float64Array; good: Float64Array } {
  const pl = groupPlacements(groups);
  const bad = new Float64Array(groups.totalBads);
  const good = new Float64Array(groups.totalGoods);
  const scores = groups.score; // descending, distinct
  let b = 0;
  let g = 0;
  for (let i = 0; i < y.length; i++) {
    // Binary search for the row's tie group in the descending distinct scores.
    const s = p[i];
    let lo = 0;
    let hi = scores.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (scores[mid] > s) lo = mid + 1;
      else hi = mid;
    }
    if (y[i] === 1) bad[b++] = pl.bad[lo];
    else good[g++] = pl.good[lo];
  }
  return { auc: pl.auc, bad, good };
}

/** Sample covariance (n − 1) of two equally long arrays with known means. */
function covariance(a: Float64Array, ma: number, b: Float64Array, mb: number): number {
  const n = a.length;
  if (n < 2) return 0;
  let s = 0;
  for (let i = 0; i < n; i++) s += (a[i] - ma) * (b[i] - mb);
  return s / (n - 1);
}

export interface AucComparison {
  auc1: number;
  auc2: number;
  /** auc1 − auc2. */
  difference: number;
  /** DeLong variance of the difference (accounts for both models scoring the same loans). */
  variance: number;
  /** Correlation of the two AUC estimates. */
  correlation: number;
  z: number;
  /** Two-sided p-value of H0: AUC1 = AUC2. */
  pValue: number;
}

/** DeLong test of two correlated AUCs: two score vectors for the SAME loans and outcomes. */
export function delongTest(y: Labels, p1: Float64Array, p2: Float64Array): AucComparison {
  const counts = checkBothClasses(y, p1, 'first model scores');
  checkBothClasses(y, p2, 'second model scores');
  const a = rowPlacements(y, p1, tieGroups(y, p1, counts));
  const b = rowPlacements(y, p2, tieGroups(y, p2, counts));
  const B = counts.bads;
  const G = counts.goods;
  const v1 = covariance(a.bad, a.auc, a.bad, a.auc) / B + covariance(a.good, a.auc, a.good, a.auc) / G;
  const v2 = covariance(b.bad, b.auc, b.bad, b.auc) / B + covariance(b.good, b.auc, b.good, b.auc) / G;
  const c12 = covariance(a.bad, a.auc, b.bad, b.auc) / B + covariance(a.good, a.auc, b.good, b.auc) / G;
  const variance = v1 + v2 - 2 * c12;
  const difference = a.auc - b.auc;
  // Identical rankings: the difference is exactly zero with zero variance; report "no evidence" rather than 0/0.
  const z = variance > 0 ? difference / Math.sqrt(variance) : 0;
  return { auc1: a.auc, auc2: b.auc, difference, variance, correlation: c12 / Math.sqrt(v1 * v2), z, pValue: twoSidedNormalP(z) };
}
