export { ModelInputError, modelInputError } from './errors';
export type { ModelJob } from './job';
export { learnEncoding, encodeDesign, medianOf, termName } from './design';
export type {
  DesignEncoding,
  DesignTerm,
  EncodingOptions,
  FeatureEncoding,
  NumericEncoding,
  CategoricalEncoding,
  MissingValuePolicy,
} from './design';
