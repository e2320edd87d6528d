/**
 * Fitting either model kind from the analyst's parameters, with the job's progress and cancel wired
 * through: the logistic fit checks the job between Newton steps; the forest gets the abort signal
 * (its worker threads stop at once) and reports each finished tree.
 */
import type { ForestParams, LogisticParams, ModelKind } from '../api/models';
import { badInput, cancelled } from '../api/errors';
import type { JobContext } from '../api/jobs';
import type { Dataset, Labels } from '../../models/dataset';
import { RandomForest, type ForestOptions } from '../../models/forest';
import { LogisticRegression, type LogisticOptions } from '../../models/logistic';
import { ForestPdModel, LogisticPdModel, type PdModel } from './pd-model';

export const DEFAULT_PERMUTATION_REPEATS = 3;

/** The forest settings that define a model, as recorded in the registry (what a re-run needs). */
export interface ResolvedForestParams {
  trees: number;
  maxDepth: number | null;
  minSamplesLeaf: number;
  maxFeatures: NonNullable<ForestParams['maxFeatures']>;
  classWeight: ForestParams['classWeight'] | null;
  permutationRepeats: number;
}

function optionalNumber(v: unknown, name: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw badInput(`${name} must be a number.`, { option: name, value: v });
  return v;
}

export function logisticOptions(p: LogisticParams = {}): LogisticOptions {
  const impute = p.impute ?? 'none';
  if (impute !== 'none' && impute !== 'median') throw badInput(`impute must be "none" or "median", not "${String(impute)}".`, { option: 'impute' });
  return { l2: optionalNumber(p.l2, 'l2') ?? 0, impute, referenceLevels: { ...(p.referenceLevels ?? {}) } };
}

export function forestParams(p: ForestParams = {}): ResolvedForestParams {
  const repeats = optionalNumber(p.permutationRepeats, 'permutationRepeats') ?? DEFAULT_PERMUTATION_REPEATS;
  if (!Number.isInteger(repeats) || repeats < 0) throw badInput('permutationRepeats must be a whole number >= 0.', { option: 'permutationRepeats' });
  return {
    trees: optionalNumber(p.trees, 'trees') ?? 100,
    maxDepth: optionalNumber(p.maxDepth, 'maxDepth') ?? null,
    minSamplesLeaf: optionalNumber(p.minSamplesLeaf, 'minSamplesLeaf') ?? 1,
    maxFeatures: p.maxFeatures ?? 'sqrt',
    classWeight: p.classWeight ?? null,
    permutationRepeats: repeats,
  };
}

export function forestOptions(p: ResolvedForestParams, seed: number, workers: number | undefined): ForestOptions {
  return {
    nTrees: p.trees,
    ...(p.maxDepth === null ? {} : { maxDepth: p.maxDepth }),
    minSamplesLeaf: p.minSamplesLeaf,
    maxFeatures: p.maxFeatures,
    classWeight: p.classWeight ?? null,
    seed,
    ...(workers === undefined ? {} : { workers }),
  };
}

export interface FitRequest {
  kind: ModelKind;
  logistic?: LogisticParams;
  forest?: ForestParams;
  seed: number;
}

/**
 * Fit one model. With `report` the job's progress shows the fit (Newton steps or trees); without it
 * (cross-validation folds) only cancellation is wired, so the fold counter stays what the user sees.
 */
export async function fitPdModel(req: FitRequest, data: Dataset, y: Labels, ctx: JobContext, report: boolean): Promise<PdModel> {
  ctx.throwIfCancelled();
  const job = report ? ctx : { progress: () => undefined, throwIfCancelled: () => ctx.throwIfCancelled() };
  if (req.kind === 'logistic') {
    return new LogisticPdModel(new LogisticRegression(logisticOptions(req.logistic)).fit(data, y, job));
  }
  if (req.kind === 'forest') {
    const p = forestParams(req.forest);
    try {
      const forest = await RandomForest.fit(data, y, forestOptions(p, req.seed, req.forest?.workers), {
        signal: ctx.signal,
        onProgress: (done, total) => job.progress(done, total, `Tree ${done} of ${total}`),
      });
      return new ForestPdModel(forest);
    } catch (e) {
      if (ctx.signal.aborted || (e instanceof Error && e.name === 'AbortError')) throw cancelled();
      throw e;
    }
  }
  throw badInput(`Unknown model "${String(req.kind)}"; choose logistic or forest.`, { option: 'model' });
}
