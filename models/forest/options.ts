/**
 * Forest hyper-parameters: what the analyst can set, the scikit-learn-like defaults, and their
 * resolution into the plain numbers the tree grower works with.
 */
import type { Labels } from '../dataset';
import { modelInputError } from '../encoding/errors';

export type MaxFeatures = number | 'sqrt' | 'log2' | 'all';

/** Per-class weights: `'balanced'` reweights so both classes weigh the same in total (sklearn's rule). */
export type ClassWeight = 'balanced' | { 0: number; 1: number };

export interface ForestOptions {
  /** Number of trees. Default 100. */
  nTrees?: number;
  /** Features drawn at each node: a count (integer >= 1), a fraction in (0, 1), 'sqrt' (default), 'log2' or 'all'. */
  maxFeatures?: MaxFeatures;
  /** Deepest level a node may sit at (root = 0). Default unlimited. */
  maxDepth?: number;
  /** Fewest training rows a leaf may hold. Default 1. */
  minSamplesLeaf?: number;
  /** Fewest training rows a node needs before it may be split. Default 2. */
  minSamplesSplit?: number;
  /** Reweight the classes for imbalanced defaults. Default none (both 1). */
  classWeight?: ClassWeight | null;
  /** Draw a bootstrap sample per tree (default true). Without it every tree sees every row once. */
  bootstrap?: boolean;
  /** Value bins per numeric feature, 2..255 (default 255). Missing values always get a bin of their own. */
  maxBins?: number;
  /** Seed of every random choice. Same seed, same data, same options: byte-identical model. Default 0. */
  seed?: number;
  /**
   * Worker threads growing trees. Default `os.availableParallelism()`. 0 grows the trees in the calling
   * thread (tiny data, or hosts without worker threads). Never changes the model, only the wall time.
   */
  workers?: number;
}

/** The options that define a model (everything but `workers`), as stored in the model JSON. */
export interface ForestSettings {
  nTrees: number;
  maxFeatures: MaxFeatures;
  maxDepth: number | null;
  minSamplesLeaf: number;
  minSamplesSplit: number;
  classWeight: ClassWeight | null;
  bootstrap: boolean;
  maxBins: number;
  seed: number;
}

/** What one tree grower needs to know, as plain numbers (crosses the worker boundary as is). */
export interface GrowParams {
  seed: number;
  maxFeatures: number;
  /** Unlimited depth is `0x7fffffff`. */
  maxDepth: number;
  minSamplesLeaf: number;
  minSamplesSplit: number;
  classWeight0: number;
  classWeight1: number;
  bootstrap: boolean;
  /** Derive the larger child's histograms as parent − sibling (default true; off only to test that it changes nothing). */
  subtract?: boolean;
}

export const UNLIMITED_DEPTH = 0x7fffffff;

function positiveInteger(name: string, v: number, min: number): number {
  if (!Number.isInteger(v) || v < min) throw modelInputError(`Forest option ${name} must be a whole number >= ${min}; got ${v}.`, { option: name, value: v });
  return v;
}

export function resolveSettings(opts: ForestOptions): ForestSettings {
  const maxBins = positiveInteger('maxBins', opts.maxBins ?? 255, 2);
  if (maxBins > 255) throw modelInputError(`Forest option maxBins must be at most 255; got ${maxBins}.`, { option: 'maxBins', value: maxBins });
  const maxDepth = opts.maxDepth === undefined || opts.maxDepth === Infinity ? null : positiveInteger('maxDepth', opts.maxDepth, 0);
  const classWeight = opts.classWeight ?? null;
  if (classWeight !== null && classWeight !== 'balanced') {
    for (const k of [0, 1] as const) {
      const w = classWeight[k];
      if (!(typeof w === 'number' && Number.isFinite(w) && w > 0)) {
        throw modelInputError(`Forest option classWeight[${k}] must be a positive number; got ${String(w)}.`, { option: 'classWeight', class: k });
      }
    }
  }
  const maxFeatures = opts.maxFeatures ?? 'sqrt';
  if (typeof maxFeatures === 'number' && !(maxFeatures > 0 && (maxFeatures < 1 || Number.isInteger(maxFeatures)))) {
    throw modelInputError(`Forest option maxFeatures must be a whole count >= 1 or a fraction in (0, 1); got ${maxFeatures}.`, {
      option: 'maxFeatures',
      value: maxFeatures,
    });
  }
  const seed = opts.seed ?? 0;
  if (!Number.isInteger(seed)) throw modelInputError(`Forest option seed must be a whole number; got ${seed}.`, { option: 'seed', value: seed });
  return {
    nTrees: positiveInteger('nTrees', opts.nTrees ?? 100, 1),
    maxFeatures,
    maxDepth,
    minSamplesLeaf: positiveInteger('minSamplesLeaf', opts.minSamplesLeaf ?? 1, 1),
    minSamplesSplit: positiveInteger('minSamplesSplit', opts.minSamplesSplit ?? 2, 2),
    classWeight: classWeight === null || classWeight === 'balanced' ? classWeight : { 0: classWeight[0], 1: classWeight[1] },
    bootstrap: opts.bootstrap ?? true,
    maxBins,
    seed,
  };
}

/** Features examined per node, as sklearn counts them (at least 1, at most p). */
export function featuresPerNode(m: MaxFeatures, p: number): number {
  let k: number;
  if (m === 'sqrt') k = Math.floor(Math.sqrt(p));
  else if (m === 'log2') k = Math.floor(Math.log2(p));
  else if (m === 'all') k = p;
  else if (m < 1) k = Math.floor(m * p);
  else k = m;
  return Math.min(p, Math.max(1, k));
}

/** Class weights as two numbers; 'balanced' is n / (2 · count(class)) over the training labels, as in sklearn. */
export function classWeights(cw: ClassWeight | null, y: Labels): [number, number] {
  if (cw === null) return [1, 1];
  if (cw !== 'balanced') return [cw[0], cw[1]];
  let bads = 0;
  for (let i = 0; i < y.length; i++) bads += y[i];
  const goods = y.length - bads;
  return [y.length / (2 * goods), y.length / (2 * bads)];
}

export function growParams(s: ForestSettings, p: number, y: Labels): GrowParams {
  const [w0, w1] = classWeights(s.classWeight, y);
  return {
    seed: s.seed,
    maxFeatures: featuresPerNode(s.maxFeatures, p),
    maxDepth: s.maxDepth ?? UNLIMITED_DEPTH,
    minSamplesLeaf: s.minSamplesLeaf,
    minSamplesSplit: s.minSamplesSplit,
    classWeight0: w0,
    classWeight1: w1,
    bootstrap: s.bootstrap,
  };
}
