/**
 * Shared input checks and the one sort every ranking metric is built on.
 *
 * Ranking metrics (AUC, KS, ROC, gains) only depend on how many bads and goods sit at each
 * DISTINCT score. So we sort the bads' scores and the goods' scores separately with the native
 * typed-array sort (no comparator: fast enough for millions of rows) and merge them into tie
 * groups. Everything downstream is O(distinct scores), with exact integer counts.
 */
import type { Labels } from '../dataset';
import { modelInputError } from '../encoding/errors';

export interface ClassCounts {
  bads: number;
  goods: number;
}

/** Throws a user-readable error unless y and p have the same length, labels are 0/1 and scores are finite numbers. */
export function checkScores(y: Labels, p: Float64Array, what = 'scores'): ClassCounts {
  if (y.length !== p.length) {
    throw modelInputError(`There are ${y.length} outcomes but ${p.length} ${what}; they must match row for row.`, {
      outcomes: y.length,
      scores: p.length,
    });
  }
  let bads = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw modelInputError(`Outcome at row ${i + 1} is ${y[i]}; outcomes must be 0 (good) or 1 (bad).`, { row: i + 1 });
    if (Number.isNaN(p[i])) throw modelInputError(`The ${what} have a missing value at row ${i + 1}.`, { row: i + 1 });
    bads += y[i];
  }
  return { bads, goods: y.length - bads };
}

/** As checkScores, and both classes must be present (AUC, KS and friends are undefined otherwise). */
export function checkBothClasses(y: Labels, p: Float64Array, what = 'scores'): ClassCounts {
  const counts = checkScores(y, p, what);
  if (counts.bads === 0 || counts.goods === 0) {
    throw modelInputError(
      `This needs both bad and good outcomes, but all ${y.length} rows are ${counts.bads === 0 ? 'good' : 'bad'}.`,
      { bads: counts.bads, goods: counts.goods },
    );
  }
  return counts;
}

/** The bads' scores and the goods' scores, each sorted ascending. */
export function scoresByClass(y: Labels, p: Float64Array, counts: ClassCounts): { bad: Float64Array; good: Float64Array } {
  const bad = new Float64Array(counts.bads);
  const good = new Float64Array(counts.goods);
  let b = 0;
  let g = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] === 1) bad[b++] = p[i];
    else good[g++] = p[i];
  }
  bad.sort();
  good.sort();
  return { bad, good };
}

/** Distinct scores in DESCENDING order with the number of bads and goods at each. */
export interface TieGroups {
  score: Float64Array;
  bads: Float64Array;
  goods: Float64Array;
  length: number;
  totalBads: number;
  totalGoods: number;
}

export function tieGroups(y: Labels, p: Float64Array, counts: ClassCounts): TieGroups {
  const { bad, good } = scoresByClass(y, p, counts);
  const cap = bad.length + good.length;
  const score = new Float64Array(cap);
  const bads = new Float64Array(cap);
  const goods = new Float64Array(cap);
  let i = bad.length - 1;
  let j = good.length - 1;
  let g = 0;
  while (i >= 0 || j >= 0) {
    const s = i < 0 ? good[j] : j < 0 ? bad[i] : Math.max(bad[i], good[j]);
    let nb = 0;
    let ng = 0;
    while (i >= 0 && bad[i] === s) {
      nb++;
      i--;
    }
    while (j >= 0 && good[j] === s) {
      ng++;
      j--;
    }
    score[g] = s;
    bads[g] = nb;
    goods[g] = ng;
    g++;
  }
  return {
    score: score.subarray(0, g),
    bads: bads.subarray(0, g),
    goods: goods.subarray(0, g),
    length: g,
    totalBads: counts.bads,
    totalGoods: counts.goods,
  };
}

/** Index of the first element of an ascending array that is > x. */
export function upperBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
