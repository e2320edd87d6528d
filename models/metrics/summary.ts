/** The headline figures of a PD model on one sample, from a single sort. */
import type { Labels } from '../dataset';
import { aucFromGroups } from './auc';
import { checkBothClasses, tieGroups } from './inputs';
import { ksFromGroups } from './ks';
import { brierScore, logLoss } from './probability';

export interface BinaryMetrics {
  auc: number;
  gini: number;
  ks: number;
  brier: number;
  logLoss: number;
  rows: number;
  badRate: number;
}

export const BINARY_METRIC_NAMES = ['auc', 'gini', 'ks', 'brier', 'logLoss'] as const;
export type BinaryMetricName = (typeof BINARY_METRIC_NAMES)[number];

/** AUC, Gini, KS, Brier and log loss of PDs `p` against outcomes `y`. */
export function binaryMetrics(y: Labels, p: Float64Array): BinaryMetrics {
  const counts = checkBothClasses(y, p);
  const groups = tieGroups(y, p, counts);
  const a = aucFromGroups(groups);
  return {
    auc: a,
    gini: 2 * a - 1,
    ks: ksFromGroups(groups).statistic,
    brier: brierScore(y, p),
    logLoss: logLoss(y, p),
    rows: y.length,
    badRate: counts.bads / y.length,
  };
}
