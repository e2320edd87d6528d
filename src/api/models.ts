/** Types of the models domain: train, validate, register, compare and score default models. Types only. */
import type { Handler } from './handler';

export type ModelKind = 'logistic' | 'forest';

export type Validation =
  | { kind: 'random'; testFraction: number }
  /** Out-of-time holdout: rows where this SQL condition is true are the test set. */
  | { kind: 'where'; testWhere: string };

export interface LogisticParams {
  /** L2 penalty on the coefficients (not the intercept); 0 = plain maximum likelihood. */
  l2?: number;
  /** Reference level per categorical feature (default: the most frequent level). */
  referenceLevels?: Record<string, string>;
}

export interface ForestParams {
  trees?: number;
  maxDepth?: number;
  minSamplesLeaf?: number;
  /** 'sqrt' (default), 'log2', a fraction (0,1], or a count. */
  maxFeatures?: 'sqrt' | 'log2' | number;
  classWeight?: 'balanced' | { 0: number; 1: number };
  /** Worker threads; default all cores. Never changes the model, only the speed. */
  workers?: number;
}

export interface ScorecardScaling {
  /** Score at the base odds (default 600). */
  baseScore: number;
  /** Good:bad odds at the base score (default 50). */
  baseOdds: number;
  /** Points to double the odds (default 20). */
  pdo: number;
}

export interface TrainArgs {
  table: string;
  target: string;
  /** Target values meaning "bad" when the target is not already 0/1. */
  bad?: (string | number | boolean)[];
  /** Feature columns; default: every numeric column except the target and id-like columns. */
  features?: string[];
  model: ModelKind;
  name?: string;
  validation?: Validation;
  /** k-fold cross-validation on the training part (k >= 2). */
  cvFolds?: number;
  seed?: number;
  logistic?: LogisticParams;
  forest?: ForestParams;
  /** Cutoff PD for the confusion matrix (default: the training bad rate). */
  cutoff?: number;
  scaling?: ScorecardScaling;
}

export interface ConfusionMatrix {
  cutoff: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  precision: number;
  recall: number;
  specificity: number;
  accuracy: number;
  f1: number;
}

export interface GainsRow {
  decile: number;
  count: number;
  bads: number;
  badRate: number;
  cumBads: number;
  cumBadCapture: number;
  lift: number;
  cumLift: number;
  minPd: number;
  maxPd: number;
}

export interface CalibrationRow {
  group: number;
  count: number;
  meanPd: number;
  observedRate: number;
}

export interface MetricSet {
  rows: number;
  bads: number;
  auc: number;
  aucCi: [number, number];
  ks: number;
  /** PD at which KS peaks. */
  ksThreshold: number;
  gini: number;
  brier: number;
  logLoss: number;
  hosmerLemeshow: { statistic: number; df: number; pValue: number };
  confusion: ConfusionMatrix;
  gains: GainsRow[];
  calibration: CalibrationRow[];
  roc: { fpr: number; tpr: number }[];
  /** Cumulative bad and good shares by PD, for the KS plot. */
  ksCurve: { pd: number; cumBad: number; cumGood: number }[];
  /** Score histogram by outcome, for the distribution plot. */
  scoreDistribution: { x0: number; x1: number; goods: number; bads: number }[];
}

export interface CoefficientRow {
  name: string;
  coef: number;
  stdErr: number;
  z: number;
  pValue: number;
  ciLow: number;
  ciHigh: number;
  oddsRatio: number;
  vif: number | null;
}

export interface LogisticSummary {
  logLikelihood: number;
  llNull: number;
  pseudoR2: number;
  llrPValue: number;
  aic: number;
  bic: number;
  iterations: number;
  converged: boolean;
  warnings: string[];
  /** e.g. { product: 'mortgage' } */
  referenceLevels: Record<string, string>;
}

export interface ImportanceRow {
  name: string;
  impurity: number | null;
  permutation: number | null;
}

export interface ModelSummary {
  id: string;
  name: string;
  version: number;
  kind: ModelKind;
  createdAt: string;
  table: string;
  target: string;
  features: string[];
  /** Fingerprint of the training data: rows and a content hash. */
  dataRows: number;
  dataHash: string;
  seed: number;
  params: Record<string, unknown>;
  testAuc: number | null;
}

export interface TrainResult {
  model: ModelSummary;
  metrics: { train: MetricSet; test: MetricSet | null; cv: { folds: number; aucMean: number; aucSd: number; ksMean: number; ksSd: number } | null };
  /** PSI of the score between the training and test populations. */
  psi: number | null;
  coefficients?: CoefficientRow[];
  summary?: LogisticSummary;
  importance?: ImportanceRow[];
  oobAuc?: number | null;
  scaling: ScorecardScaling;
}

export interface ModelDetail extends TrainResult {}

export interface CompareResult {
  table: string;
  rows: number;
  models: { id: string; name: string; auc: number; aucCi: [number, number]; ks: number; gini: number; brier: number }[];
  /** DeLong test of each pair's AUC difference on the same rows. */
  pairs: { a: string; b: string; aucDiff: number; z: number; pValue: number }[];
}

export interface ScoreArgs {
  id: string;
  table: string;
  /** Output table (default `<table>_scores`). */
  output?: string;
  /** Column identifying each row in the output (default: first column). */
  idColumn?: string;
  replace?: boolean;
}

export interface ScoreResult {
  output: string;
  rows: number;
  /** Rows per risk grade. */
  grades: { grade: string; rows: number }[];
  meanPd: number;
  /** PSI of this population's scores against the training population. */
  psi: number;
  elapsedMs: number;
}

export interface ModelHandlers {
  /** Distinct values of a would-be target, so the analyst can map it to bad/good. */
  'models.targetValues': Handler<{ table: string; target: string }, { value: string; rows: number }[]>;
  'models.train': Handler<TrainArgs, TrainResult>;
  'models.list': Handler<Record<string, never>, ModelSummary[]>;
  'models.get': Handler<{ id: string }, ModelDetail>;
  'models.delete': Handler<{ id: string }, { deleted: string }>;
  'models.export': Handler<{ id: string; path: string }, { path: string }>;
  'models.import': Handler<{ path: string }, ModelSummary>;
  'models.compare': Handler<{ ids: string[]; table?: string; testWhere?: string }, CompareResult>;
  'models.score': Handler<ScoreArgs, ScoreResult>;
}
