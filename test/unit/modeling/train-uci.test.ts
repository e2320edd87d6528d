/**
 * models.train through the engine on the real UCI accounts: the logistic model reproduces the
 * statsmodels reference (uci_reference.json) on the out-of-time style holdout `ID % 10 >= 7`, the
 * forest clears the AUC bar, and every metric set is internally consistent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/host/engine';
import type { MetricSet, TrainResult } from '../../../src/api/models';
import { psi } from '../../../models/metrics';
import { maxRelativeError } from '../../fixtures/models/compare';
import { rejection, UCI_HOLDOUT, UCI_TARGET, uciEngine, uciReference } from './fixture';

let engine: Engine;
let cleanup: () => Promise<void>;
let logistic: TrainResult;
const ref = uciReference();

beforeAll(async () => {
  ({ engine, cleanup } = await uciEngine());
  logistic = await engine.call('models.train', {
    table: 'uci',
    target: UCI_TARGET,
    model: 'logistic',
    validation: { kind: 'where', testWhere: UCI_HOLDOUT },
  });
});
afterAll(() => cleanup());

function checkMetricSet(m: MetricSet): void {
  expect(m.aucCi[0]).toBeLessThan(m.auc);
  expect(m.aucCi[1]).toBeGreaterThan(m.auc);
  expect(m.gini).toBeCloseTo(2 * m.auc - 1, 12);
  const c = m.confusion;
  expect(c.tp + c.fp + c.tn + c.fn).toBe(m.rows);
  expect(c.tp + c.fn).toBe(m.bads);
  expect(m.gains).toHaveLength(10);
  expect(m.gains.reduce((s, g) => s + g.count, 0)).toBe(m.rows);
  expect(m.gains.at(-1)?.cumBadCapture).toBeCloseTo(1, 12);
  // Riskiest decile first: its bad rate beats the last one's.
  expect(m.gains[0].badRate).toBeGreaterThan(m.gains[9].badRate);
  expect(m.calibration.reduce((s, r) => s + r.observedBads, 0)).toBe(m.bads);
  expect(m.roc[0]).toEqual({ fpr: 0, tpr: 0 });
  expect(m.roc.at(-1)).toEqual({ fpr: 1, tpr: 1 });
  expect(m.roc.length).toBeLessThanOrEqual(202);
  // The KS curve's widest gap is the KS statistic (up to the thinning of the curve).
  const widest = Math.max(...m.ksCurve.map((p) => p.cumBad - p.cumGood));
  expect(widest).toBeLessThanOrEqual(m.ks + 1e-12);
  expect(widest).toBeGreaterThan(m.ks - 0.02);
  const dist = m.scoreDistribution;
  expect(dist.reduce((s, b) => s + b.goods + b.bads, 0)).toBe(m.rows);
  expect(dist.reduce((s, b) => s + b.bads, 0)).toBe(m.bads);
}

describe('what the train form asks before training', () => {
  it('lists the target values with their counts, and the default features with their kinds', async () => {
    expect(await engine.call('models.targetValues', { table: 'uci', target: UCI_TARGET })).toEqual([
      { value: '0', rows: 23364 },
      { value: '1', rows: 6636 },
    ]);
    const features = await engine.call('models.defaultFeatures', { table: 'UCI', target: UCI_TARGET });
    expect(features.map((f) => f.name)).toEqual(ref.features);
    expect(features.every((f) => f.kind === 'numeric')).toBe(true);
  });
});

describe('logistic regression on UCI through the engine', () => {
  it('trains on ID % 10 < 7 and tests on ID % 10 >= 7, as the reference', () => {
    expect(logistic.metrics.train.rows).toBe(21000);
    expect(logistic.metrics.test?.rows).toBe(9000);
    expect(logistic.model.features).toEqual(ref.features); // ID is id-like, the target is the target
  });

  it('reproduces the statsmodels coefficients and standard errors to 1e-6 relative', () => {
    const rows = logistic.coefficients ?? [];
    expect(rows.map((r) => r.name)).toEqual(ref.logit.names);
    const coef = maxRelativeError(rows.map((r) => r.coef), ref.logit.coef);
    const se = maxRelativeError(rows.map((r) => r.stdErr), ref.logit.std_err);
    expect(coef.error, `coef worst at ${ref.logit.names[coef.at]}`).toBeLessThan(1e-6);
    expect(se.error, `std err worst at ${ref.logit.names[se.at]}`).toBeLessThan(1e-6);
    expect(Math.abs((logistic.summary?.logLikelihood ?? 0) - ref.logit.log_likelihood)).toBeLessThan(1e-6);
    expect(logistic.summary?.text).toContain('Logit Regression Results');
  });

  it('reproduces the test AUC to 1e-9 and the test KS', () => {
    expect(Math.abs((logistic.metrics.test?.auc ?? 0) - ref.logit.test_auc)).toBeLessThan(1e-9);
    expect(Math.abs((logistic.metrics.test?.ks ?? 0) - ref.logit.test_ks)).toBeLessThan(1e-9);
    expect(logistic.model.testAuc).toBe(logistic.metrics.test?.auc);
  });

  it('reports full, consistent metric sets on both samples, a cutoff at the training bad rate and a small PSI', () => {
    checkMetricSet(logistic.metrics.train);
    checkMetricSet(logistic.metrics.test as MetricSet);
    expect(logistic.cutoff).toBeCloseTo(logistic.metrics.train.badRate, 15);
    // The same population split by ID digit: the PD distributions barely differ.
    expect(logistic.psi).toBeGreaterThan(0);
    expect(logistic.psi).toBeLessThan(0.01);
  });

  it('records the data fingerprint: the rows and a content hash', () => {
    expect(logistic.model.dataRows).toBe(30000);
    expect(logistic.model.dataHash).toMatch(/^\d+$/);
    expect(logistic.model.validation).toEqual({ kind: 'where', testWhere: UCI_HOLDOUT });
  });

  it('refuses a holdout condition that is not one expression, naming it', async () => {
    const e = await rejection(
      engine.call('models.train', { table: 'uci', target: UCI_TARGET, model: 'logistic', validation: { kind: 'where', testWhere: '1=1) OR (1=1' } }),
    );
    expect(e.kind).toBe('bad_input');
    expect(e.details?.predicate).toBe('1=1) OR (1=1');
  });

  it('refuses a target that is not 0/1 until the bad values are named, then maps them', async () => {
    const e = await rejection(engine.call('models.train', { table: 'uci', target: 'EDUCATION', model: 'logistic', features: ['AGE', 'LIMIT_BAL'] }));
    expect(e.kind).toBe('bad_input');
    expect(e.message).toMatch(/not a 0\/1 flag/);
    const mapped = await engine.call('models.train', {
      table: 'uci',
      target: 'EDUCATION',
      bad: [3, 4],
      model: 'logistic',
      features: ['AGE', 'LIMIT_BAL'],
      validation: { kind: 'none' },
      name: 'education_probe',
    });
    const [{ n }] = await engine.workspace.all<{ n: number }>('SELECT count(*) AS n FROM uci WHERE EDUCATION IN (3, 4)');
    expect(mapped.metrics.train.bads).toBe(n);
    expect(mapped.metrics.test).toBeNull();
    expect(mapped.model.bad).toEqual(['3', '4']);
  });
});

describe('random forest on UCI through the engine', () => {
  let forest: TrainResult;
  beforeAll(async () => {
    forest = await engine.call('models.train', {
      table: 'uci',
      target: UCI_TARGET,
      model: 'forest',
      validation: { kind: 'where', testWhere: UCI_HOLDOUT },
      forest: { trees: 30, permutationRepeats: 1 },
      seed: 7,
    });
  });

  it('reaches a test AUC above 0.74 with 30 trees', () => {
    expect(forest.metrics.test?.auc).toBeGreaterThan(0.74);
    checkMetricSet(forest.metrics.test as MetricSet);
  });

  it('measures PSI against the out-of-bag PDs, not the overfit in-sample ones', async () => {
    // A fully grown forest nearly memorises its training rows (train AUC near 1), so their in-sample PDs
    // are far more extreme than the test PDs: a PSI against them reports a "major shift" between two
    // halves of one population. The out-of-bag PDs shrink that artefact (to ~0.03 at 100 trees).
    expect(forest.metrics.train.auc).toBeGreaterThan(0.95);
    await engine.call('models.score', { id: forest.model.id, table: 'uci', output: 'forest_in_sample' });
    const pdOf = async (where: string) =>
      Float64Array.from((await engine.workspace.all<{ pd: number }>(`SELECT pd FROM forest_in_sample WHERE ${where} ORDER BY ID`)).map((r) => r.pd));
    const inSample = psi(await pdOf(`NOT (${UCI_HOLDOUT})`), await pdOf(UCI_HOLDOUT)).psi;
    expect(inSample).toBeGreaterThan(0.5);
    expect(forest.psi).toBeLessThan(inSample / 2);
  });

  it('reports impurity and permutation importance (PAY_0 first) and the out-of-bag AUC', () => {
    const imp = forest.importance ?? [];
    expect(imp.map((i) => i.name)).toEqual(ref.features);
    expect(imp.reduce((s, i) => s + (i.impurity ?? 0), 0)).toBeCloseTo(1, 9);
    const byPermutation = [...imp].sort((a, b) => (b.permutation ?? 0) - (a.permutation ?? 0));
    expect(byPermutation[0].name).toBe('PAY_0');
    expect(forest.oobAuc).toBeGreaterThan(0.7);
    expect(forest.oobAuc).toBeLessThan(0.8);
    expect(forest.model.params).toMatchObject({ trees: 30, maxFeatures: 'sqrt' });
  });
});

describe('reproducibility and cross-validation', () => {
  it('the same seed on the same table gives an identical model JSON and fingerprint', async () => {
    const args = {
      table: 'uci',
      target: UCI_TARGET,
      model: 'forest' as const,
      validation: { kind: 'random' as const, testFraction: 0.25 },
      forest: { trees: 6, maxDepth: 8, permutationRepeats: 0 },
      seed: 11,
      name: 'repro',
    };
    const a = await engine.call('models.train', args);
    const b = await engine.call('models.train', args);
    expect([a.model.version, b.model.version]).toEqual([1, 2]);
    const rows = await engine.workspace.all<{ id: string; model: string; data_rows: number; data_hash: string }>(
      'SELECT id, model, data_rows, data_hash FROM _vigil_models WHERE name = $1 ORDER BY version',
      ['repro'],
    );
    expect(rows).toHaveLength(2);
    expect(rows[0].model).toBe(rows[1].model);
    expect(rows[0].data_hash).toBe(rows[1].data_hash);
    expect(rows[0].data_rows).toBe(30000);
    expect(a.metrics.test?.auc).toBe(b.metrics.test?.auc);
    // A different seed is a different split and different trees.
    const c = await engine.call('models.train', { ...args, seed: 12 });
    const [{ model }] = await engine.workspace.all<{ model: string }>('SELECT model FROM _vigil_models WHERE id = $1', [c.model.id]);
    expect(model).not.toBe(rows[0].model);
  });

  it('k-fold cross-validation on the training part gives a mean ± sd near the holdout AUC', async () => {
    const r = await engine.call('models.train', {
      table: 'uci',
      target: UCI_TARGET,
      model: 'logistic',
      validation: { kind: 'where', testWhere: UCI_HOLDOUT },
      cvFolds: 5,
      name: 'cv_probe',
    });
    const cv = r.metrics.cv;
    expect(cv?.folds).toBe(5);
    expect(cv?.perFold.reduce((s, f) => s + f.rows, 0)).toBe(21000);
    expect(cv?.aucSd).toBeGreaterThan(0);
    expect(Math.abs((cv?.aucMean ?? 0) - ref.logit.test_auc)).toBeLessThan(3 * (cv?.aucSd ?? 0) + 0.01);
  });
});
