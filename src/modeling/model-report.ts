/**
 * What each model kind says about itself beyond its PDs: the logistic coefficient table and fit
 * statistics (statsmodels' Logit summary), or the forest's importances and out-of-bag AUC.
 */
import type { CoefficientRow, ImportanceRow, LogisticSummary } from '../api/models';
import { cancelled } from '../api/errors';
import type { JobContext } from '../api/jobs';
import type { Dataset, Labels } from '../../models/dataset';
import { formatSummary, type LogisticSummary as FitSummary } from '../../models/logistic';
import { ForestPdModel, LogisticPdModel, type PdModel } from './pd-model';

export interface ModelReport {
  coefficients?: CoefficientRow[];
  summary?: LogisticSummary;
  importance?: ImportanceRow[];
  oobAuc?: number | null;
  warnings: string[];
}

function coefficientRows(s: FitSummary): CoefficientRow[] {
  return s.terms.map((t) => ({
    name: t.term,
    feature: t.feature,
    coef: t.coef,
    stdErr: t.stdErr,
    z: t.z,
    pValue: t.pValue,
    ciLow: t.ciLow,
    ciHigh: t.ciHigh,
    oddsRatio: t.oddsRatio,
    vif: t.vif,
  }));
}

function logisticReport(model: LogisticPdModel, outcome: string): ModelReport {
  const s = model.model.summary;
  return {
    coefficients: coefficientRows(s),
    summary: {
      rows: s.rows,
      dfModel: s.dfModel,
      dfResiduals: s.dfResiduals,
      logLikelihood: s.logLikelihood,
      llNull: s.llNull,
      pseudoR2: s.pseudoR2,
      llrPValue: s.llrPValue,
      aic: s.aic,
      bic: s.bic,
      iterations: s.iterations,
      converged: s.converged,
      warnings: [...s.warnings],
      referenceLevels: Object.fromEntries(s.referenceLevels.map((r) => [r.feature, r.reference])),
      text: formatSummary(s, outcome),
    },
    warnings: [...s.warnings],
  };
}

/** Impurity importance always; permutation importance (AUC drop) on the test rows when there are any. */
async function forestReport(model: ForestPdModel, test: { data: Dataset; y: Labels } | null, repeats: number, seed: number, ctx: JobContext): Promise<ModelReport> {
  const forest = model.model;
  let permutation: { mean: Float64Array; sd: Float64Array } | null = null;
  if (test !== null && repeats > 0) {
    try {
      permutation = await forest.permutationImportance(test.data, test.y, { repeats, seed }, {
        signal: ctx.signal,
        onProgress: (done, total) => ctx.progress(done, total, 'Permutation importance'),
      });
    } catch (e) {
      if (ctx.signal.aborted || (e instanceof Error && e.name === 'AbortError')) throw cancelled();
      throw e;
    }
  }
  return {
    importance: forest.features.map((f, j) => ({
      name: f.name,
      impurity: forest.impurityImportance[j],
      permutation: permutation ? permutation.mean[j] : null,
      permutationSd: permutation ? permutation.sd[j] : null,
    })),
    oobAuc: forest.oob?.auc ?? null,
    warnings: [],
  };
}

export function modelReport(
  model: PdModel,
  opts: { outcome: string; test: { data: Dataset; y: Labels } | null; permutationRepeats: number; seed: number; ctx: JobContext },
): Promise<ModelReport> | ModelReport {
  if (model instanceof LogisticPdModel) return logisticReport(model, opts.outcome);
  if (model instanceof ForestPdModel) return forestReport(model, opts.test, opts.permutationRepeats, opts.seed, opts.ctx);
  return { warnings: [] };
}
