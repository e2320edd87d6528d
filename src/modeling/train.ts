/**
 * `models.train`: read the rows once, split them (seeded stratified split or the analyst's SQL
 * holdout), optionally cross-validate on the training part, fit, judge on both parts, and save
 * everything to the registry in one transaction. A cancel at any point leaves no registry row.
 */
import type { CrossValidationSummary, ScorecardScaling, TrainArgs, TrainResult, Validation } from '../api/models';
import { badInput } from '../api/errors';
import type { JobContext } from '../api/jobs';
import type { Dataset, Labels } from '../../models/dataset';
import { psi } from '../../models/metrics';
import { crossValidate, maskSplit, stratifiedSplit, subsetDataset, subsetLabels, type SampleSplit } from '../../models/validation';
import type { Workspace } from '../workspace/workspace';
import { chooseFeatures } from './features';
import { forestParams, fitPdModel, logisticOptions, type FitRequest } from './fit';
import { describeTable, featureSpecs } from './frame';
import { metricSet } from './metric-set';
import { modelReport } from './model-report';
import type { PdModel } from './pd-model';
import { insertModel } from './registry';
import { DEFAULT_SCORE_SCALING, GRADE_BANDS } from './scorecard';
import { resolveTarget } from './target';
import { fingerprint, knownOutcome, missingOutcomeRows, readLabelled } from './training-data';

export const DEFAULT_SEED = 42;
export const DEFAULT_VALIDATION: Validation = { kind: 'random', testFraction: 0.3 };

function checkArgs(args: TrainArgs): { seed: number; validation: Validation; scaling: ScorecardScaling } {
  if (!args || typeof args.table !== 'string' || args.table === '') throw badInput('Choose the table to train on.', { field: 'table' });
  if (typeof args.target !== 'string' || args.target === '') throw badInput('Choose the target (outcome) column.', { field: 'target' });
  if (args.model !== 'logistic' && args.model !== 'forest') {
    throw badInput(`Unknown model "${String(args.model)}"; choose logistic or forest.`, { field: 'model' });
  }
  const seed = args.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(seed) || seed < 0) throw badInput(`The seed must be a whole number >= 0, not ${seed}.`, { field: 'seed' });
  const validation = args.validation ?? DEFAULT_VALIDATION;
  if (validation.kind === 'random' && !(validation.testFraction > 0 && validation.testFraction < 1)) {
    throw badInput(`The test fraction must be between 0 and 1, not ${validation.testFraction}.`, { field: 'testFraction' });
  }
  if (validation.kind === 'where' && (typeof validation.testWhere !== 'string' || validation.testWhere.trim() === '')) {
    throw badInput('Write the holdout condition (for example: month >= \'2024-07\').', { field: 'testWhere' });
  }
  if (!['random', 'where', 'none'].includes(validation.kind)) throw badInput('Validation must be random, where or none.', { field: 'validation' });
  if (args.cvFolds !== undefined && (!Number.isInteger(args.cvFolds) || args.cvFolds < 2 || args.cvFolds > 20)) {
    throw badInput(`Cross-validation needs 2 to 20 folds, not ${args.cvFolds}.`, { field: 'cvFolds' });
  }
  if (args.cutoff !== undefined && !(args.cutoff > 0 && args.cutoff < 1)) {
    throw badInput(`The cutoff is a PD between 0 and 1, not ${args.cutoff}.`, { field: 'cutoff' });
  }
  if (args.name !== undefined && (typeof args.name !== 'string' || args.name.trim() === '' || args.name.length > 100)) {
    throw badInput('A model name is 1 to 100 characters.', { field: 'name' });
  }
  return { seed, validation, scaling: args.scaling ?? DEFAULT_SCORE_SCALING };
}

async function crossValidation(req: FitRequest, data: Dataset, y: Labels, folds: number, ctx: JobContext): Promise<CrossValidationSummary> {
  const cv = await crossValidate(data, y, async (train, yTrain, test) => (await fitPdModel(req, train, yTrain, ctx, false)).predict(test), {
    folds,
    seed: req.seed,
    job: ctx,
  });
  return {
    folds,
    aucMean: cv.mean.auc,
    aucSd: cv.sd.auc,
    ksMean: cv.mean.ks,
    ksSd: cv.sd.ks,
    giniMean: cv.mean.gini,
    giniSd: cv.sd.gini,
    perFold: cv.folds.map((f) => ({ fold: f.fold, rows: f.testRows, auc: f.metrics.auc, ks: f.metrics.ks })),
  };
}

function splitRows(validation: Validation, y: Labels, testMask: Uint8Array | null, seed: number): SampleSplit | null {
  if (validation.kind === 'random') return stratifiedSplit(y, { testFraction: validation.testFraction, seed });
  if (validation.kind === 'where') return maskSplit(testMask ?? new Uint8Array(y.length), y.length);
  return null;
}

interface Sample {
  data: Dataset;
  y: Labels;
}

/** Everything the result says about the fitted model: metrics on both samples, PSI, the model's own report. */
async function evaluate(
  model: PdModel,
  train: Sample,
  test: Sample | null,
  o: { args: TrainArgs; outcome: string; seed: number; scaling: ScorecardScaling; ctx: JobContext },
): Promise<{ result: Omit<TrainResult, 'model'>; developmentPd: Float64Array }> {
  o.ctx.progress(0, null, 'Validating');
  const trainPd = model.predict(train.data);
  const testPd = test ? model.predict(test.data) : null;
  const developmentPd = model.developmentPd(trainPd);
  let trainBads = 0;
  for (let i = 0; i < train.y.length; i++) trainBads += train.y[i];
  const cutoff = o.args.cutoff ?? trainBads / train.y.length;
  const { warnings, ...report } = await modelReport(model, {
    outcome: o.outcome,
    test,
    permutationRepeats: o.args.model === 'forest' ? forestParams(o.args.forest).permutationRepeats : 0,
    seed: o.seed,
    ctx: o.ctx,
  });
  return {
    developmentPd,
    result: {
      metrics: {
        train: metricSet(train.y, trainPd, { cutoff, scaling: o.scaling }),
        test: test && testPd ? metricSet(test.y, testPd, { cutoff, scaling: o.scaling }) : null,
        cv: null,
      },
      psi: testPd ? psi(developmentPd, testPd).psi : null,
      cutoff,
      ...report,
      scaling: o.scaling,
      grades: GRADE_BANDS.map((b) => ({ grade: b.grade, minScore: b.minScore })),
      warnings,
    },
  };
}

export async function trainModel(ws: Workspace, args: TrainArgs, ctx: JobContext): Promise<TrainResult> {
  const { seed, validation, scaling } = checkArgs(args);
  const testWhere = validation.kind === 'where' ? validation.testWhere : null;
  // One transaction, so the features, outcome, mask and fingerprint all come from one snapshot of the table.
  const input = await ws.transaction(async (c) => {
    const t = await describeTable(c, args.table);
    const target = await resolveTarget(c, t, args.target, args.bad);
    const specs = await featureSpecs(c, t, chooseFeatures(t, target.column, args.features), knownOutcome(target));
    const labelled = await readLabelled(c, t, target, specs, testWhere, ctx);
    return { t, target, specs, labelled, print: await fingerprint(c, t.table, target, specs), noOutcome: await missingOutcomeRows(c, t.table, target) };
  }, ctx);
  const { data, y, testMask } = input.labelled;
  const split = splitRows(validation, y, testMask, seed);
  const train: Sample = split ? { data: subsetDataset(data, split.train), y: subsetLabels(y, split.train) } : { data, y };
  const test: Sample | null = split ? { data: subsetDataset(data, split.test), y: subsetLabels(y, split.test) } : null;

  const req: FitRequest = { kind: args.model, logistic: args.logistic, forest: args.forest, seed };
  const cv = args.cvFolds ? await crossValidation(req, train.data, train.y, args.cvFolds, ctx) : null;
  const model = await fitPdModel(req, train.data, train.y, ctx, true);

  const judged = await evaluate(model, train, test, { args, outcome: input.target.column, seed, scaling, ctx });
  judged.result.metrics.cv = cv;
  if (input.noOutcome > 0) judged.result.warnings.unshift(`${input.noOutcome} rows have no value in "${input.target.column}" and were left out.`);
  const { result, developmentPd } = judged;
  const params: Record<string, unknown> = args.model === 'logistic' ? { ...logisticOptions(args.logistic) } : { ...forestParams(args.forest) };

  ctx.progress(0, null, 'Saving the model');
  const summary = await ws.transaction(
    (c) =>
      insertModel(c, {
        name: args.name?.trim() ?? `${input.t.table}_${args.model}`,
        kind: args.model,
        table: input.t.table,
        target: input.target.column,
        bad: input.target.bad,
        featureSpecs: input.specs.map((s) => ({ name: s.name, kind: s.kind, ...(s.levels ? { levels: [...s.levels] } : {}) })),
        dataRows: input.print.rows,
        dataHash: input.print.hash,
        seed,
        validation,
        params,
        result,
        developmentPd,
        modelJson: JSON.stringify(model.toJSON()),
      }),
    ctx,
  );
  return { model: summary, ...result };
}
