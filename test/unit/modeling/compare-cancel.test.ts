/**
 * models.compare scores saved models on the same rows and tests their AUC difference (DeLong);
 * cancelling a forest mid-training stops it with `cancelled` and leaves no registry row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/host/engine';
import type { TrainResult } from '../../../src/api/models';
import { rejection, UCI_HOLDOUT, UCI_TARGET, uciEngine } from './fixture';

let engine: Engine;
let cleanup: () => Promise<void>;
let logistic: TrainResult;
let weak: TrainResult;

beforeAll(async () => {
  ({ engine, cleanup } = await uciEngine());
  const validation = { kind: 'where' as const, testWhere: UCI_HOLDOUT };
  logistic = await engine.call('models.train', { table: 'uci', target: UCI_TARGET, model: 'logistic', validation });
  // A deliberately weaker model: demographics only, no repayment history.
  weak = await engine.call('models.train', {
    table: 'uci',
    target: UCI_TARGET,
    model: 'logistic',
    features: ['AGE', 'SEX', 'MARRIAGE'],
    validation,
    name: 'demographics_only',
  });
});
afterAll(() => cleanup());

describe('comparing models', () => {
  it('scores both on the first model’s test set, best AUC first, with a DeLong test', async () => {
    const r = await engine.call('models.compare', { ids: [weak.model.id, logistic.model.id] });
    expect(r.rows).toBe(9000);
    expect(r.rowsUsed).toContain(UCI_HOLDOUT);
    expect(r.models.map((m) => m.id)).toEqual([logistic.model.id, weak.model.id]);
    expect(r.models[0].auc).toBe(logistic.metrics.test?.auc);
    expect(r.models[1].auc).toBe(weak.metrics.test?.auc);
    expect(r.pairs).toHaveLength(1);
    const [pair] = r.pairs;
    expect(pair).toMatchObject({ a: logistic.model.id, b: weak.model.id });
    expect(pair.aucDiff).toBeCloseTo(r.models[0].auc - r.models[1].auc, 12);
    expect(pair.pValue).toBeGreaterThanOrEqual(0);
    expect(pair.pValue).toBeLessThanOrEqual(1);
    expect(pair.pValue).toBeLessThan(1e-6); // repayment history matters, a lot
    expect(r.warnings).toEqual([]);
  });

  it('compares on the rows a condition picks, and finds no difference between a model and itself', async () => {
    const again = await engine.call('models.train', {
      table: 'uci',
      target: UCI_TARGET,
      model: 'logistic',
      validation: { kind: 'where', testWhere: UCI_HOLDOUT },
    });
    const r = await engine.call('models.compare', { ids: [logistic.model.id, again.model.id], testWhere: 'ID % 10 = 0' });
    expect(r.rows).toBe(3000);
    expect(r.pairs[0].aucDiff).toBe(0);
    expect(r.pairs[0].pValue).toBe(1);
    // ID % 10 = 0 lies inside both models' training part (ID % 10 < 7): the comparison says so.
    expect(r.warnings).toEqual([
      `uci_logistic v1 was trained on 3000 of these 3000 rows: its figures here are optimistic.`,
      `uci_logistic v${again.model.version} was trained on 3000 of these 3000 rows: its figures here are optimistic.`,
    ]);
  });

  it('warns when a model is judged on rows of its own random training split', async () => {
    const random = await engine.call('models.train', {
      table: 'uci',
      target: UCI_TARGET,
      model: 'logistic',
      validation: { kind: 'random', testFraction: 0.3 },
      name: 'random_split',
    });
    const r = await engine.call('models.compare', { ids: [logistic.model.id, random.model.id] });
    expect(r.rows).toBe(9000);
    expect(r.warnings).toHaveLength(1);
    const overlap = Number(/^random_split v1 was trained on (\d+) of these 9000 rows/.exec(r.warnings[0])?.[1]);
    // About 70% of any rows went to its training part.
    expect(overlap).toBeGreaterThan(0.65 * 9000);
    expect(overlap).toBeLessThan(0.75 * 9000);
  });

  it('needs at least two distinct models', async () => {
    expect((await rejection(engine.call('models.compare', { ids: [logistic.model.id] }))).kind).toBe('bad_input');
    expect((await rejection(engine.call('models.compare', { ids: [logistic.model.id, logistic.model.id] }))).kind).toBe('bad_input');
  });
});

describe('cancelling a training', () => {
  it('stops a forest mid-way with kind cancelled and saves nothing', async () => {
    const before = (await engine.call('models.list', {})).length;
    const jobId = 'forest-to-cancel';
    let treesSeen = 0;
    const stop = engine.onProgress((p) => {
      if (p.jobId !== jobId || !p.message?.startsWith('Tree')) return;
      treesSeen = p.done;
      if (p.done >= 2) engine.cancel(jobId);
    });
    try {
      const e = await rejection(
        engine.call('models.train', { table: 'uci', target: UCI_TARGET, model: 'forest', forest: { trees: 500 }, name: 'cancelled_forest' }, jobId),
      );
      expect(e.kind).toBe('cancelled');
    } finally {
      stop();
    }
    expect(treesSeen).toBeGreaterThanOrEqual(2);
    expect(treesSeen).toBeLessThan(500);
    const after = await engine.call('models.list', {});
    expect(after.length).toBe(before);
    expect(after.some((m) => m.name === 'cancelled_forest')).toBe(false);
    expect(engine.runningJobs()).toEqual([]);
  });
});
