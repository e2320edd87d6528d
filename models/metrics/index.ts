/**
 * Validation metrics for PD models (logistic, forest): each takes outcomes y (1 = bad) and scores
 * p (higher = riskier) and is checked in tests against scikit-learn / scipy / a Python DeLong.
 */
export { auc, gini, aucFromGroups } from './auc';
export { delongAuc, delongTest } from './delong';
export type { AucWithInterval, AucComparison } from './delong';
export { ks, ksFromGroups } from './ks';
export type { KsResult } from './ks';
export { rocCurve } from './roc';
export type { RocCurve } from './roc';
export { brierScore, logLoss, LOG_LOSS_EPSILON } from './probability';
export { gainsTable } from './gains';
export type { GainsRow } from './gains';
export { scoreBuckets } from './buckets';
export type { ScoreBucket } from './buckets';
export { calibrationTable } from './calibration';
export type { CalibrationRow, CalibrationResult } from './calibration';
export { confusionMatrix } from './confusion';
export type { ConfusionMatrix } from './confusion';
export { psi, quantileSorted, PSI_EPSILON } from './psi';
export type { PsiBin, PsiResult } from './psi';
export { binaryMetrics, BINARY_METRIC_NAMES } from './summary';
export type { BinaryMetrics, BinaryMetricName } from './summary';
export { normalCdf, normalSf, normalQuantile, twoSidedNormalP, chiSquareSf, logGamma, upperIncompleteGammaRatio } from './distributions';
export { checkScores, checkBothClasses, tieGroups } from './inputs';
export type { TieGroups, ClassCounts } from './inputs';
