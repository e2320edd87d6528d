/** Types of the models domain: train, validate, register, compare and score default models. Types only. */
import type { Handler } from './handler';

export type ModelKind = 'logistic' | 'forest';

export type Validation =
  /** Stratified random holdout: the same share of bads and goods in each part, drawn by the seed. */
  | { kind: 'random'; testFraction: number }
  /**
   * Holdout by a SQL condition on the table (out-of-time validation: `month >= '2024-07'`). Rows where it
   * is true are the test set; false or NULL rows are the training set.
   */
  | { kind: 'where'; testWhere: string }
  /** Fit on every row (cross-validation, if asked, is then the only out-of-sample evidence). */
  | { kind: 'none' };

export interface LogisticParams {
  /** L2 penalty on the coefficients (not the intercept); 0 = plain maximum likelihood. */
  l2?: number;
  /** Reference level per categorical feature (default: the most frequent level). */
  referenceLevels?: Record<string, string>;
  /** 'none' (default): a missing value is an error; 'median': training median / most frequent level. */
  impute?: 'none' | 'median';
}

export interface ForestParams {
  trees?: number;
  maxDepth?: number;
  minSamplesLeaf?: number;
  /** 'sqrt' (default), 'log2', 'all', a fraction (0,1), or a count. */
  maxFeatures?: 'sqrt' | 'log2' | 'all' | number;
  classWeight?: 'balanced' | { 0: number; 1: number };
  /** Worker threads; default all cores. Never changes the model, only the speed. */
  workers?: number;
  /** Shuffles per feature for permutation importance on the test set (default 3). */
  permutationRepeats?: number;
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
  /** Registry name; versions count up per name. Default `<table>_<model>`. */
  name?: string;
  /** Default: stratified random 30% test. */
  validation?: Validation;
  /** k-fold cross-validation on the training part (k >= 2). */
  cvFolds?: number;
  /** Seed of the split, the folds and the forest. Default 42. */
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
  /** null when nothing is predicted bad. */
  precision: number | null;
  recall: number | null;
  specificity: number | null;
  accuracy: number;
  f1: number | null;
}

export interface GainsRow {
  /** 1 = riskiest tenth. */
  decile: number;
  count: number;
  bads: number;
  goods: number;
  badRate: number;
  minPd: number;
  maxPd: number;
  meanPd: number;
  cumBads: number;
  cumBadRate: number;
  /** Share of all bads in this and the riskier deciles (0..1). */
  cumBadCapture: number;
  cumGoodCapture: number;
  lift: number;
  cumLift: number;
}

export interface CalibrationRow {
  /** 1 = riskiest group (the same groups as the gains table). */
  group: number;
  count: number;
  meanPd: number;
  observedRate: number;
  expectedBads: number;
  observedBads: number;
}

export interface MetricSet {
  rows: number;
  bads: number;
  badRate: number;
  auc: number;
  /** DeLong 95% interval. */
  aucCi: [number, number];
  aucSe: number;
  ks: number;
  /** PD at which KS peaks (rows with PD >= it flagged bad). */
  ksThreshold: number;
  /** The same cut-off in score points. */
  ksScore: number;
  gini: number;
  brier: number;
  logLoss: number;
  /** statistic null when a group of certain PDs (0 or 1) is wrong; pValue null with fewer than 3 PD groups. */
  hosmerLemeshow: { statistic: number | null; df: number; pValue: number | null };
  confusion: ConfusionMatrix;
  gains: GainsRow[];
  calibration: CalibrationRow[];
  /** Thinned ROC curve (at most ~200 points). */
  roc: { fpr: number; tpr: number }[];
  /** Cumulative bad and good shares flagged at each PD cut-off (highest PD first), for the KS plot. */
  ksCurve: { pd: number; cumBad: number; cumGood: number }[];
  /** Score histogram by outcome, for the distribution plot. */
  scoreDistribution: { x0: number; x1: number; goods: number; bads: number }[];
}

export interface CrossValidationSummary {
  folds: number;
  aucMean: number;
  aucSd: number;
  ksMean: number;
  ksSd: number;
  giniMean: number;
  giniSd: number;
  /** Per fold, in fold order. */
  perFold: { fold: number; rows: number; auc: number; ks: number }[];
}

export interface CoefficientRow {
  /** `const`, `LIMIT_BAL`, `product=consumer (ref: mortgage)`. */
  name: string;
  /** Source column; null for the intercept. */
  feature: string | null;
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
  rows: number;
  dfModel: number;
  dfResiduals: number;
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
  /** The statsmodels-style table as text (CLI, logs, copy into a report). */
  text: string;
}

export interface ImportanceRow {
  name: string;
  /** Normalised mean decrease in Gini impurity (sums to 1). */
  impurity: number | null;
  /** Mean test-AUC drop when the feature is shuffled. */
  permutation: number | null;
  permutationSd: number | null;
}

/** A feature as the model reads it: numeric, or categorical with its training levels. */
export interface ModelFeature {
  name: string;
  kind: 'numeric' | 'categorical';
  levels?: string[];
}

export interface ModelSummary {
  id: string;
  name: string;
  version: number;
  kind: ModelKind;
  /** ISO timestamp (UTC). */
  createdAt: string;
  table: string;
  target: string;
  /** Target values mapped to bad. */
  bad: string[];
  features: string[];
  /** Fingerprint of the training data: rows with a known outcome, and a content hash over them and the columns used. */
  dataRows: number;
  dataHash: string;
  seed: number;
  validation: Validation;
  params: Record<string, unknown>;
  trainAuc: number;
  testAuc: number | null;
}

export interface TrainResult {
  model: ModelSummary;
  metrics: { train: MetricSet; test: MetricSet | null; cv: CrossValidationSummary | null };
  /**
   * PSI of the PD between the development population and the test population (deciles of the former).
   * The development PDs are the training rows' own for a logistic model, their out-of-bag PDs for a
   * forest (a forest's in-sample PDs are overfit and would show a shift that is not there).
   */
  psi: number | null;
  /** Confusion-matrix cut-off used (PD). */
  cutoff: number;
  coefficients?: CoefficientRow[];
  summary?: LogisticSummary;
  importance?: ImportanceRow[];
  oobAuc?: number | null;
  scaling: ScorecardScaling;
  /** Risk grades, best first: lowest score of each (null for the last, open-ended one). */
  grades: { grade: string; minScore: number | null }[];
  /** Things the analyst should know (rows dropped for a missing outcome, fit warnings...). */
  warnings: string[];
}

export interface ModelDetail extends TrainResult {
  featureSpecs: ModelFeature[];
}

export interface CompareArgs {
  ids: string[];
  /** Default: the first model's training table. */
  table?: string;
  /** Rows to compare on. Default: the first model's test set definition (its holdout condition, or its seeded split). */
  testWhere?: string;
}

export interface CompareResult {
  table: string;
  /** How the rows were chosen, in words. */
  rowsUsed: string;
  rows: number;
  bads: number;
  /** Best AUC first. */
  models: {
    id: string;
    name: string;
    version: number;
    kind: ModelKind;
    auc: number;
    aucCi: [number, number];
    ks: number;
    gini: number;
    brier: number;
    logLoss: number;
  }[];
  /** DeLong test of each pair's AUC difference on the same rows (a = the better of the two). */
  pairs: { a: string; b: string; aucDiff: number; z: number; pValue: number }[];
  /** E.g. the table changed since the first model was trained, so its seeded test set moved. */
  warnings: string[];
}

export interface ScoreArgs {
  id: string;
  table: string;
  /** Output table (default `<table>_scores`). */
  output?: string;
  /** Column identifying each row in the output (default: an id-like column, else the first column). */
  idColumn?: string;
  replace?: boolean;
  /**
   * Forest models: reason codes only for rows with PD at or above this (default: the training bad rate),
   * because per-loan path contributions cost as much again as the prediction. Logistic models give
   * reasons for every row (default 0).
   */
  reasonCutoff?: number;
}

export interface ScoreResult {
  output: string;
  idColumn: string;
  rows: number;
  /** Rows per risk grade, best grade first. */
  grades: { grade: string; rows: number; meanPd: number | null }[];
  meanPd: number;
  /** PSI of this population's PD against the development population (see TrainResult.psi). */
  psi: number;
  /** Rows that received reason codes (see ScoreArgs.reasonCutoff). */
  reasonRows: number;
  elapsedMs: number;
}

export interface ModelHandlers {
  /** Distinct values of a would-be target, so the analyst can map it to bad/good. */
  'models.targetValues': Handler<{ table: string; target: string }, { value: string; rows: number }[]>;
  /** The features `models.train` would use by default for this table and target. */
  'models.defaultFeatures': Handler<{ table: string; target: string }, ModelFeature[]>;
  'models.train': Handler<TrainArgs, TrainResult>;
  'models.list': Handler<Record<string, never>, ModelSummary[]>;
  'models.get': Handler<{ id: string }, ModelDetail>;
  'models.delete': Handler<{ id: string }, { deleted: string }>;
  'models.export': Handler<{ id: string; path: string }, { path: string; bytes: number }>;
  'models.import': Handler<{ path: string }, ModelSummary>;
  'models.compare': Handler<CompareArgs, CompareResult>;
  'models.score': Handler<ScoreArgs, ScoreResult>;
}
