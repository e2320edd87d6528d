export { LogisticRegression, LOGISTIC_MODEL_NAME, LOGISTIC_MODEL_VERSION } from './model';
export type { LogisticOptions, LogisticModelJSON, ResolvedLogisticOptions, FeatureContributions } from './model';
export type { LogisticSummary, CoefficientRow, ReferenceLevel } from './summary';
export { formatSummary } from './summaryText';
export { PERFECT_PREDICTION_TOLERANCE } from './separation';
export { sigmoid } from './link';
