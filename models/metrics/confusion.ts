/** Confusion matrix at a chosen cut-off: rows with PD ≥ cutoff are predicted bad. */
import type { Labels } from '../dataset';
import { checkScores } from './inputs';

export interface ConfusionMatrix {
  cutoff: number;
  /** Bads predicted bad. */
  truePositives: number;
  /** Goods predicted bad (declined/worked needlessly). */
  falsePositives: number;
  trueNegatives: number;
  /** Bads predicted good (missed). */
  falseNegatives: number;
  /** TP/(TP+FP); NaN when nothing is predicted bad. */
  precision: number;
  /** TP/(TP+FN), the bad capture rate; NaN without bads. */
  recall: number;
  /** TN/(TN+FP); NaN without goods. */
  specificity: number;
  accuracy: number;
  /** Harmonic mean of precision and recall; NaN when either is undefined or both are 0. */
  f1: number;
}

const ratio = (a: number, b: number): number => (b > 0 ? a / b : NaN);

export function confusionMatrix(y: Labels, p: Float64Array, cutoff: number): ConfusionMatrix {
  checkScores(y, p);
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < y.length; i++) {
    const flagged = p[i] >= cutoff;
    if (y[i] === 1) {
      if (flagged) tp++;
      else fn++;
    } else if (flagged) fp++;
    else tn++;
  }
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  return {
    cutoff,
    truePositives: tp,
    falsePositives: fp,
    trueNegatives: tn,
    falseNegatives: fn,
    precision,
    recall,
    specificity: ratio(tn, tn + fp),
    accuracy: ratio(tp + tn, y.length),
    f1: ratio(2 * precision * recall, precision + recall),
  };
}
