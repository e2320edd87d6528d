/**
 * Stratified k-fold cross-validation, generic over the model: the caller supplies
 * `fitAndPredict(train, yTrain, test)` returning PDs for the test rows, so the same routine
 * validates the logistic model, the forest, or anything else.
 */
import { rng, type Dataset, type Labels } from '../dataset';
import { modelInputError } from '../encoding/errors';
import type { ModelJob } from '../encoding/job';
import { binaryMetrics, BINARY_METRIC_NAMES, type BinaryMetricName, type BinaryMetrics } from '../metrics/summary';
import { rowsByClass, shuffleInPlace, subsetDataset, subsetLabels } from './split';

export type FitAndPredict = (train: Dataset, yTrain: Labels, test: Dataset, fold: number) => Float64Array | Promise<Float64Array>;

export interface FoldResult {
  /** 1-based fold number. */
  fold: number;
  trainRows: number;
  testRows: number;
  metrics: BinaryMetrics;
}

export interface CrossValidationResult {
  folds: FoldResult[];
  /** Mean of each metric over the folds. */
  mean: Record<BinaryMetricName, number>;
  /** Sample standard deviation (n − 1) of each metric over the folds. */
  sd: Record<BinaryMetricName, number>;
  /** Every row's PD from the one fold in which it was held out. */
  outOfFold: Float64Array;
  seed: number;
}

/**
 * Fold number (0..k−1) per row. Each class is shuffled by the seed and dealt round-robin, the
 * goods continuing where the bads stopped, so every fold gets the same bad rate (class counts
 * differ by at most one between folds) and fold sizes differ by at most one overall.
 */
export function stratifiedFolds(y: Labels, k: number, seed: number): Uint8Array {
  if (!Number.isInteger(k) || k < 2 || k > 255) throw modelInputError(`The number of folds must be a whole number from 2 to 255, not ${k}.`, { folds: k });
  const [goods, bads] = rowsByClass(y);
  if (bads.length < k || goods.length < k) {
    throw modelInputError(`${k}-fold cross-validation needs at least ${k} bads and ${k} goods; there are ${bads.length} bads and ${goods.length} goods.`, {
      folds: k,
      bads: bads.length,
      goods: goods.length,
    });
  }
  const next = rng(seed);
  const fold = new Uint8Array(y.length);
  let dealt = 0;
  for (const rows of [bads, goods]) {
    const shuffled = shuffleInPlace(rows.slice(), next);
    for (let i = 0; i < shuffled.length; i++) fold[shuffled[i]] = (dealt + i) % k;
    dealt += shuffled.length;
  }
  return fold;
}

function rowsWhere(fold: Uint8Array, f: number, inFold: boolean): Uint32Array {
  let n = 0;
  for (let i = 0; i < fold.length; i++) if ((fold[i] === f) === inFold) n++;
  const out = new Uint32Array(n);
  let j = 0;
  for (let i = 0; i < fold.length; i++) if ((fold[i] === f) === inFold) out[j++] = i;
  return out;
}

function meanAndSd(values: number[]): { mean: number; sd: number } {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const ss = values.reduce((s, v) => s + (v - mean) * (v - mean), 0);
  return { mean, sd: values.length > 1 ? Math.sqrt(ss / (values.length - 1)) : NaN };
}

export async function crossValidate(
  data: Dataset,
  y: Labels,
  fitAndPredict: FitAndPredict,
  options: { folds?: number; seed: number; job?: ModelJob },
): Promise<CrossValidationResult> {
  const k = options.folds ?? 5;
  if (y.length !== data.rows) throw modelInputError(`There are ${y.length} outcomes for ${data.rows} rows.`, { outcomes: y.length, rows: data.rows });
  const fold = stratifiedFolds(y, k, options.seed);
  const outOfFold = new Float64Array(y.length).fill(NaN);
  const folds: FoldResult[] = [];
  for (let f = 0; f < k; f++) {
    options.job?.throwIfCancelled();
    options.job?.progress(f, k, `Fold ${f + 1} of ${k}`);
    const trainRows = rowsWhere(fold, f, false);
    const testRows = rowsWhere(fold, f, true);
    const yTest = subsetLabels(y, testRows);
    const pd = await fitAndPredict(subsetDataset(data, trainRows), subsetLabels(y, trainRows), subsetDataset(data, testRows), f + 1);
    if (pd.length !== testRows.length) {
      throw modelInputError(`The model returned ${pd.length} predictions for the ${testRows.length} rows of fold ${f + 1}.`, { fold: f + 1 });
    }
    for (let i = 0; i < testRows.length; i++) outOfFold[testRows[i]] = pd[i];
    folds.push({ fold: f + 1, trainRows: trainRows.length, testRows: testRows.length, metrics: binaryMetrics(yTest, pd) });
  }
  options.job?.progress(k, k, 'Cross-validation done');
  const mean = {} as Record<BinaryMetricName, number>;
  const sd = {} as Record<BinaryMetricName, number>;
  for (const name of BINARY_METRIC_NAMES) {
    const s = meanAndSd(folds.map((f) => f.metrics[name]));
    mean[name] = s.mean;
    sd[name] = s.sd;
  }
  return { folds, mean, sd, outOfFold, seed: options.seed };
}
