/**
 * Reason codes: for each loan, the features pushing its risk UP the most relative to the average
 * loan. Built on per-feature log-odds contributions, positive = riskier (a logistic model gives
 * coef·(x − mean), a categorical feature's one-hot terms summed as one feature; a forest can
 * supply its path contributions in the same shape).
 */
import { modelInputError } from '../encoding/errors';
import type { Dataset } from '../dataset';
import type { LogisticRegression } from '../logistic/model';
import { scalingConstants, DEFAULT_SCALING, type ScoreScaling } from './scaling';

export interface ContributionColumns {
  features: string[];
  /** One Float64Array per feature, one log-odds contribution per loan. */
  columns: Float64Array[];
}

export interface ReasonCodeTable {
  features: string[];
  /** Codes per loan. */
  top: number;
  rows: number;
  /** rows × top feature indexes into `features`, most adverse first; −1 where fewer features push risk up. */
  codes: Int32Array;
  /** rows × top log-odds contributions matching `codes` (NaN where the code is −1). */
  contributions: Float64Array;
}

export interface ReasonCode {
  feature: string;
  /** Increase in the log-odds of bad versus the average loan. */
  contribution: number;
  /** Score points this feature costs the loan under the scaling: factor × contribution. */
  points: number;
}

/** Top `top` positive contributions per loan; ties go to the feature listed first. O(rows × features × top). */
export function reasonCodes(contrib: ContributionColumns, top = 3): ReasonCodeTable {
  if (!Number.isInteger(top) || top < 1) throw modelInputError(`The number of reason codes must be a positive whole number, not ${top}.`, { top });
  const m = contrib.features.length;
  if (contrib.columns.length !== m) throw modelInputError(`${m} feature names but ${contrib.columns.length} contribution columns.`);
  const rows = m > 0 ? contrib.columns[0].length : 0;
  const codes = new Int32Array(rows * top).fill(-1);
  const values = new Float64Array(rows * top).fill(NaN);
  for (let i = 0; i < rows; i++) {
    const base = i * top;
    for (let j = 0; j < m; j++) {
      const v = contrib.columns[j][i];
      if (!(v > 0)) continue;
      // Insertion into the small sorted list of the best `top` so far (strictly greater wins, so earlier features keep ties).
      let pos = top;
      while (pos > 0 && (codes[base + pos - 1] < 0 || v > values[base + pos - 1])) pos--;
      if (pos >= top) continue;
      for (let s = top - 1; s > pos; s--) {
        codes[base + s] = codes[base + s - 1];
        values[base + s] = values[base + s - 1];
      }
      codes[base + pos] = j;
      values[base + pos] = v;
    }
  }
  return { features: contrib.features, top, rows, codes, contributions: values };
}

/** The reason codes of one loan, most adverse first, with the score points each costs. */
export function reasonCodesOf(table: ReasonCodeTable, row: number, scaling: ScoreScaling = DEFAULT_SCALING): ReasonCode[] {
  if (!(row >= 0 && row < table.rows)) throw modelInputError(`Row ${row + 1} is outside the ${table.rows} scored loans.`, { row: row + 1 });
  const { factor } = scalingConstants(scaling);
  const out: ReasonCode[] = [];
  for (let s = 0; s < table.top; s++) {
    const code = table.codes[row * table.top + s];
    if (code < 0) break;
    const contribution = table.contributions[row * table.top + s];
    out.push({ feature: table.features[code], contribution, points: factor * contribution });
  }
  return out;
}

/** Reason codes of a fitted logistic model for the loans in `data`. */
export function logisticReasonCodes(model: LogisticRegression, data: Dataset, top = 3): ReasonCodeTable {
  return reasonCodes(model.featureContributions(data), top);
}
