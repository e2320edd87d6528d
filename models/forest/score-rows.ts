/**
 * The scoring kernel: PD and reason codes for a range of rows of one page. The calling thread (no
 * workers) and every scoring worker run this same function, each on its own row range; since every
 * number in it is per row, cutting a page into ranges never changes a bit of the result.
 */
import { reasonCodes } from '../scorecard/reasonCodes';
import { explainRows } from './explain-rows';
import { predictRange, type FlatForest } from './flat-forest';

/** What a scoring job asks for, the same for every page. */
export interface ScoringRules {
  /** Reason codes only for rows with PD ≥ cutoff (≤ 0: every row). */
  cutoff: number;
  /** Reason codes per row. */
  top: number;
}

export interface ScoredRows {
  /** Probability of bad per row. */
  pd: Float64Array;
  /** rows × top feature indexes, most adverse first; −1 = no (further) feature pushes the risk up, or not explained. */
  codes: Int32Array;
  /** Rows that had their reasons computed (PD at or above the cutoff). */
  explained: number;
}

/** Score rows `from` ≤ i < `to` of `columns`; `cut` is numericCuts(forest). */
export function scoreRows(forest: FlatForest, cut: Float64Array, columns: Float64Array[], from: number, to: number, rules: ScoringRules): ScoredRows {
  const { cutoff, top } = rules;
  const pd = predictRange(forest, cut, columns, from, to);
  const picked: number[] = [];
  for (let i = 0; i < pd.length; i++) if (pd[i] >= cutoff) picked.push(from + i);
  const contributions = explainRows(forest, cut, columns, picked);
  // reasonCodes ranks by value only; the names are not needed here (the caller maps indexes to names).
  const ranked = reasonCodes({ features: columns.map((_, j) => String(j)), columns: contributions }, top);
  const codes = new Int32Array(pd.length * top).fill(-1);
  picked.forEach((row, k) => codes.set(ranked.codes.subarray(k * top, (k + 1) * top), (row - from) * top));
  return { pd, codes, explained: picked.length };
}
