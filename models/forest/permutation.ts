/**
 * Permutation importance: how much the AUC on a given dataset drops when one feature's column is
 * shuffled (breaking its link with the outcome while keeping its distribution). Model-agnostic and
 * measured on the data the analyst chooses (a hold-out sample, typically), unlike impurity importance.
 */
import { rng, type Dataset, type Labels } from '../dataset';
import { modelInputError } from '../encoding/errors';
import { auc } from '../metrics';
import { treeSeed } from './seeding';
import { abortError, type FitControl } from './tree-pool';

export interface PermutationImportance {
  baselineAuc: number;
  /** Mean AUC drop per feature over the repeats (positive = the model relies on it). */
  mean: Float64Array;
  /** Standard deviation of the drop over the repeats (population form, as scikit-learn reports it). */
  sd: Float64Array;
  repeats: number;
}

export interface PermutationOptions {
  /** Shuffles per feature (default 5). */
  repeats?: number;
  /** Seed of the shuffles (default 0): same seed, same importances. */
  seed?: number;
}

export async function permutationImportance(
  predict: (d: Dataset) => Float64Array,
  data: Dataset,
  y: Labels,
  opts: PermutationOptions = {},
  control: FitControl = {},
): Promise<PermutationImportance> {
  const repeats = opts.repeats ?? 5;
  if (!Number.isInteger(repeats) || repeats < 1) throw modelInputError(`Permutation repeats must be a whole number >= 1; got ${repeats}.`, { repeats });
  const seed = opts.seed ?? 0;
  const p = data.features.length;
  const baselineAuc = auc(y, predict(data));
  const mean = new Float64Array(p);
  const sd = new Float64Array(p);
  const drops = new Float64Array(repeats);
  const shuffled = new Float64Array(data.rows);
  const total = p * repeats;
  for (let f = 0; f < p; f++) {
    const columns = data.columns.slice();
    columns[f] = shuffled;
    for (let r = 0; r < repeats; r++) {
      if (control.signal?.aborted) throw abortError();
      shuffled.set(data.columns[f]);
      shuffle(shuffled, rng(treeSeed(seed, f * repeats + r)));
      drops[r] = baselineAuc - auc(y, predict({ ...data, columns }));
      control.onProgress?.(f * repeats + r + 1, total);
      // Yield so a host can deliver progress and cancellation between predictions.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    let s = 0;
    for (let r = 0; r < repeats; r++) s += drops[r];
    mean[f] = s / repeats;
    let ss = 0;
    for (let r = 0; r < repeats; r++) ss += (drops[r] - mean[f]) ** 2;
    sd[f] = Math.sqrt(ss / repeats);
  }
  return { baselineAuc, mean, sd, repeats };
}

/** Fisher–Yates with the given stream. */
function shuffle(a: Float64Array, random: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
