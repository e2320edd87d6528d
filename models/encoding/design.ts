/**
 * Turning a Dataset into the numeric design a regression needs, and doing it the same way at
 * scoring time: numeric features pass through (missing values are an error unless median
 * imputation is chosen), categorical features become one-hot terms against a reference level the
 * analyst can see and choose (default: the most frequent level in training).
 *
 * The learned encoding is plain JSON so a saved model scores a new extract exactly as it was fitted.
 */
import type { Dataset } from '../dataset';
import { modelInputError } from './errors';

export type MissingValuePolicy = 'none' | 'median';

export interface EncodingOptions {
  /** Feature name -> level used as the reference (absorbed by the intercept). Default: the most frequent level. */
  referenceLevels?: Record<string, string>;
  /**
   * 'none' (default): a missing value is an error naming the feature and the count.
   * 'median': numeric features take the training median; categorical features take the most
   * frequent training level (the categorical analogue of the median).
   */
  impute?: MissingValuePolicy;
}

export interface NumericEncoding {
  kind: 'numeric';
  name: string;
  /** Value substituted for missing entries, or null when missing values are rejected. */
  imputeValue: number | null;
}

export interface CategoricalEncoding {
  kind: 'categorical';
  name: string;
  /** Training level names; a row's value is looked up by NAME at scoring time, not by index. */
  levels: string[];
  reference: string;
  /** Levels with their own term, in training order: every level seen in training except the reference. */
  termLevels: string[];
  /** Level substituted for missing entries, or null when missing values are rejected. */
  imputeLevel: string | null;
}

export type FeatureEncoding = NumericEncoding | CategoricalEncoding;

/** One column of the design (the intercept is not a term here). */
export interface DesignTerm {
  /** What the analyst reads: `LIMIT_BAL`, `product=consumer (ref: mortgage)`. */
  name: string;
  feature: string;
  /** For a one-hot term: the level it indicates. */
  level?: string;
}

export interface DesignEncoding {
  features: FeatureEncoding[];
  terms: DesignTerm[];
}

export function termName(feature: string, level: string, reference: string): string {
  return `${feature}=${level} (ref: ${reference})`;
}

/** Median of the non-missing values (mean of the two middle values for an even count, as numpy/pandas). */
export function medianOf(values: Float64Array): number {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) count++;
  if (count === 0) return NaN;
  const present = new Float64Array(count);
  let k = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) present[k++] = values[i];
  present.sort();
  const mid = count >> 1;
  return count % 2 === 1 ? present[mid] : 0.5 * (present[mid - 1] + present[mid]);
}

function levelCounts(column: Float64Array, levels: string[], feature: string): Float64Array {
  const counts = new Float64Array(levels.length);
  for (let i = 0; i < column.length; i++) {
    const v = column[i];
    if (Number.isNaN(v)) continue;
    if (!Number.isInteger(v) || v < 0 || v >= levels.length) {
      throw modelInputError(`Feature "${feature}" has a value (${v}) at row ${i + 1} that is not one of its ${levels.length} levels.`, {
        feature,
        row: i + 1,
        value: v,
      });
    }
    counts[v]++;
  }
  return counts;
}

/** Learns the encoding from training data: medians, level frequencies and reference levels. */
export function learnEncoding(data: Dataset, options: EncodingOptions = {}): DesignEncoding {
  const impute = options.impute ?? 'none';
  const references = options.referenceLevels ?? {};
  for (const name of Object.keys(references)) {
    const spec = data.features.find((f) => f.name === name);
    if (!spec || spec.kind !== 'categorical') {
      throw modelInputError(`A reference level was given for "${name}", which is not a categorical feature of this dataset.`, { feature: name });
    }
  }
  const features: FeatureEncoding[] = [];
  const terms: DesignTerm[] = [];
  data.features.forEach((spec, j) => {
    const column = data.columns[j];
    if (spec.kind === 'numeric') {
      const imputeValue = impute === 'median' ? medianOf(column) : null;
      if (imputeValue !== null && Number.isNaN(imputeValue)) {
        throw modelInputError(`Feature "${spec.name}" has no values at all in the training data.`, { feature: spec.name });
      }
      features.push({ kind: 'numeric', name: spec.name, imputeValue });
      terms.push({ name: spec.name, feature: spec.name });
      return;
    }
    const levels = spec.levels ?? [];
    const counts = levelCounts(column, levels, spec.name);
    let mostFrequent = -1;
    for (let l = 0; l < levels.length; l++) if (counts[l] > 0 && (mostFrequent < 0 || counts[l] > counts[mostFrequent])) mostFrequent = l;
    const seen = levels.filter((_, l) => counts[l] > 0);
    if (seen.length < 2) {
      throw modelInputError(
        `Feature "${spec.name}" has ${seen.length === 0 ? 'no values' : `only one level ("${seen[0]}")`} in the training data, so it cannot explain anything; remove it.`,
        { feature: spec.name },
      );
    }
    const chosen = references[spec.name];
    let reference = levels[mostFrequent];
    if (chosen !== undefined) {
      const idx = levels.indexOf(chosen);
      if (idx < 0) {
        throw modelInputError(`"${chosen}" is not a level of "${spec.name}" (levels: ${levels.join(', ')}).`, { feature: spec.name, level: chosen });
      }
      if (counts[idx] === 0) {
        throw modelInputError(`Reference level "${chosen}" of "${spec.name}" has no rows in the training data.`, { feature: spec.name, level: chosen });
      }
      reference = chosen;
    }
    const termLevels = seen.filter((level) => level !== reference);
    features.push({
      kind: 'categorical',
      name: spec.name,
      levels: [...levels],
      reference,
      termLevels,
      imputeLevel: impute === 'median' ? levels[mostFrequent] : null,
    });
    for (const level of termLevels) terms.push({ name: termName(spec.name, level, reference), feature: spec.name, level });
  });
  return { features, terms };
}

function missingError(feature: string, count: number, firstRow: number): Error {
  return modelInputError(
    `Feature "${feature}" has ${count} missing value${count === 1 ? '' : 's'} (first at row ${firstRow + 1}); ` +
      'logistic regression needs complete rows. Fill them in, drop those rows, or choose median imputation.',
    { feature, missing: count, firstRow: firstRow + 1 },
  );
}

function encodeNumeric(enc: NumericEncoding, column: Float64Array): Float64Array {
  const out = new Float64Array(column.length);
  let missing = 0;
  let firstMissing = -1;
  for (let i = 0; i < column.length; i++) {
    const v = column[i];
    if (Number.isNaN(v)) {
      if (firstMissing < 0) firstMissing = i;
      missing++;
      out[i] = enc.imputeValue ?? NaN;
    } else out[i] = v;
  }
  if (missing > 0 && enc.imputeValue === null) throw missingError(enc.name, missing, firstMissing);
  return out;
}

function encodeCategorical(enc: CategoricalEncoding, column: Float64Array, levels: string[]): Float64Array[] {
  // Map the scoring dataset's level indexes to term indexes by level NAME: -1 = reference, -2 = unseen in training.
  const termOf = new Int32Array(levels.length);
  levels.forEach((level, l) => {
    termOf[l] = level === enc.reference ? -1 : enc.termLevels.indexOf(level);
    if (termOf[l] < 0 && level !== enc.reference) termOf[l] = -2;
  });
  const imputeTerm = enc.imputeLevel === null ? -3 : enc.imputeLevel === enc.reference ? -1 : enc.termLevels.indexOf(enc.imputeLevel);
  const out = enc.termLevels.map(() => new Float64Array(column.length));
  let missing = 0;
  let firstMissing = -1;
  for (let i = 0; i < column.length; i++) {
    const v = column[i];
    let t: number;
    if (Number.isNaN(v)) {
      if (firstMissing < 0) firstMissing = i;
      missing++;
      t = imputeTerm;
    } else {
      if (!Number.isInteger(v) || v < 0 || v >= levels.length) {
        throw modelInputError(`Feature "${enc.name}" has a value (${v}) at row ${i + 1} that is not one of its levels.`, {
          feature: enc.name,
          row: i + 1,
          value: v,
        });
      }
      t = termOf[v];
      if (t === -2) {
        throw modelInputError(`Level "${levels[v]}" of "${enc.name}" (row ${i + 1}) was not seen when the model was fitted.`, {
          feature: enc.name,
          level: levels[v],
          row: i + 1,
        });
      }
    }
    if (t >= 0) out[t][i] = 1;
  }
  if (missing > 0 && enc.imputeLevel === null) throw missingError(enc.name, missing, firstMissing);
  return out;
}

/** The design columns (one Float64Array per term, no intercept) for `data`, matched to the encoding by feature name. */
export function encodeDesign(encoding: DesignEncoding, data: Dataset): Float64Array[] {
  const columns: Float64Array[] = [];
  for (const enc of encoding.features) {
    const j = data.features.findIndex((f) => f.name === enc.name);
    if (j < 0) throw modelInputError(`The model needs feature "${enc.name}", which this dataset does not have.`, { feature: enc.name });
    const spec = data.features[j];
    if (spec.kind !== enc.kind) {
      throw modelInputError(`Feature "${enc.name}" is ${spec.kind} here but was ${enc.kind} when the model was fitted.`, { feature: enc.name });
    }
    if (enc.kind === 'numeric') columns.push(encodeNumeric(enc, data.columns[j]));
    else columns.push(...encodeCategorical(enc, data.columns[j], spec.levels ?? []));
  }
  return columns;
}
