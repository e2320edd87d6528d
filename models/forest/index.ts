/** Vigil's random forest: histogram-based, parallel, deterministic by seed. */
export { RandomForest } from './forest';
export type { OutOfBag } from './forest';
export type { ForestOptions, ForestSettings, ClassWeight, MaxFeatures } from './options';
export type { FitControl } from './tree-pool';
export type { PathContributions, ReasonCode } from './explain';
export type { ForestScorer, PageScorerOptions } from './page-scorer';
export type { ScoredRows, ScoringRules } from './score-rows';
export type { PermutationImportance, PermutationOptions } from './permutation';
export type { ForestJSON } from './serialize';
export { FOREST_MODEL_NAME, FOREST_MODEL_VERSION } from './serialize';
export { setTreeWorkerScript } from './worker-script';
export { closeIdleTreeWorkers } from './worker-pool';
