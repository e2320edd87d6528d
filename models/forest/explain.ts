/**
 * Per-loan explanations: Saabas path contributions. Walking a row down a tree, each split moves the
 * node's bad rate from the parent's value to the child's; that change is credited to the split feature.
 * Averaged over trees: prediction = bias (mean root value) + Σ contributions, exactly.
 */
import type { FeatureSpec } from '../dataset';
import { goesLeft, type FlatForest } from './flat-forest';

export interface PathContributions {
  /** Mean bad rate of the trees' roots (the forest's prior). */
  bias: number;
  /** Per feature: how much it moved this row's predicted probability (positive = riskier). */
  contributions: Float64Array;
  /** bias + Σ contributions: the forest's predicted probability for the row. */
  prediction: number;
}

export function pathContributions(forest: FlatForest, columns: Float64Array[], row: number): PathContributions {
  const { roots, left, feature, value } = forest;
  const contributions = new Float64Array(columns.length);
  const trees = roots.length;
  let bias = 0;
  let prediction = 0;
  for (let t = 0; t < trees; t++) {
    let k = roots[t];
    bias += value[k];
    while (left[k] >= 0) {
      const f = feature[k];
      const child = goesLeft(forest, k, columns[f][row]) ? left[k] : left[k] + 1;
      contributions[f] += value[child] - value[k];
      k = child;
    }
    prediction += value[k];
  }
  for (let f = 0; f < contributions.length; f++) contributions[f] /= trees;
  return { bias: bias / trees, contributions, prediction: prediction / trees };
}

export interface ReasonCode {
  feature: string;
  /** Points of predicted probability this feature added for this loan. */
  contribution: number;
}

/** The features pushing this loan's risk UP the most (positive contributions only), largest first. */
export function reasonCodes(c: PathContributions, features: FeatureSpec[], top = 3): ReasonCode[] {
  const order = Array.from(c.contributions.keys()).filter((f) => c.contributions[f] > 0);
  order.sort((a, b) => c.contributions[b] - c.contributions[a] || a - b);
  return order.slice(0, top).map((f) => ({ feature: features[f].name, contribution: c.contributions[f] }));
}
