export { stratifiedSplit, maskSplit, subsetDataset, subsetLabels, shuffleInPlace, rowsByClass } from './split';
export type { SampleSplit } from './split';
export { crossValidate, stratifiedFolds } from './crossValidation';
export type { CrossValidationResult, FoldResult, FitAndPredict } from './crossValidation';
