/**
 * Development / holdout splits. Both return sorted row indexes so subsets keep the original row
 * order (scores written back to the portfolio line up with their loans).
 */
import { rng, type Dataset, type Labels } from '../dataset';
import { modelInputError } from '../encoding/errors';

export interface SampleSplit {
  /** Rows to fit on, ascending. */
  train: Uint32Array;
  /** Rows to validate on, ascending. */
  test: Uint32Array;
}

/** Fisher–Yates shuffle driven by the seeded PRNG, in place. */
export function shuffleInPlace(rows: Uint32Array, next: () => number): Uint32Array {
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const t = rows[i];
    rows[i] = rows[j];
    rows[j] = t;
  }
  return rows;
}

/** Row indexes of each class, in row order: [goods, bads]. */
export function rowsByClass(y: Labels): [Uint32Array, Uint32Array] {
  let bads = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw modelInputError(`Outcome at row ${i + 1} is ${y[i]}; outcomes must be 0 (good) or 1 (bad).`, { row: i + 1 });
    bads += y[i];
  }
  const goods = new Uint32Array(y.length - bads);
  const badRows = new Uint32Array(bads);
  let g = 0;
  let b = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] === 1) badRows[b++] = i;
    else goods[g++] = i;
  }
  return [goods, badRows];
}

function checkNonEmpty(split: SampleSplit, how: string): SampleSplit {
  if (split.train.length === 0 || split.test.length === 0) {
    throw modelInputError(`${how} leaves the ${split.train.length === 0 ? 'training' : 'test'} sample empty.`, {
      trainRows: split.train.length,
      testRows: split.test.length,
    });
  }
  return split;
}

/**
 * Stratified random split: in each class exactly round(testFraction · class size) rows go to the
 * test sample, so the bad rate is the same on both sides. Same seed, same split, on every machine.
 */
export function stratifiedSplit(y: Labels, options: { testFraction: number; seed: number }): SampleSplit {
  const { testFraction, seed } = options;
  if (!(testFraction > 0 && testFraction < 1)) {
    throw modelInputError(`The test fraction must be between 0 and 1 (exclusive), not ${testFraction}.`, { testFraction });
  }
  const next = rng(seed);
  const isTest = new Uint8Array(y.length);
  for (const rows of rowsByClass(y)) {
    const shuffled = shuffleInPlace(rows.slice(), next);
    const nTest = Math.round(testFraction * rows.length);
    for (let i = 0; i < nTest; i++) isTest[shuffled[i]] = 1;
  }
  return checkNonEmpty(splitByMask(isTest), `A test fraction of ${testFraction}`);
}

function splitByMask(mask: ArrayLike<number | boolean>): SampleSplit {
  let nTest = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) nTest++;
  const train = new Uint32Array(mask.length - nTest);
  const test = new Uint32Array(nTest);
  let a = 0;
  let b = 0;
  for (let i = 0; i < mask.length; i++) {
    if (mask[i]) test[b++] = i;
    else train[a++] = i;
  }
  return { train, test };
}

/**
 * Split by a precomputed mask: true/1 = test row. The engine evaluates the analyst's SQL holdout
 * predicate (`--test-where`, e.g. `vintage >= '2024-01'`) in DuckDB and passes the result here.
 */
export function maskSplit(mask: ArrayLike<number | boolean>, rows: number): SampleSplit {
  if (mask.length !== rows) {
    throw modelInputError(`The holdout mask has ${mask.length} values but the data has ${rows} rows.`, { maskLength: mask.length, rows });
  }
  return checkNonEmpty(splitByMask(mask), 'The holdout condition');
}

/** The given rows of a dataset (typed-array copies, same features). */
export function subsetDataset(data: Dataset, rows: Uint32Array): Dataset {
  return {
    features: data.features,
    columns: data.columns.map((c) => {
      const out = new Float64Array(rows.length);
      for (let i = 0; i < rows.length; i++) out[i] = c[rows[i]];
      return out;
    }),
    rows: rows.length,
  };
}

export function subsetLabels(y: Labels, rows: Uint32Array): Labels {
  const out = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = y[rows[i]];
  return out;
}
