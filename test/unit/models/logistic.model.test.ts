/** The model contract: progress and cancellation, save/load, contributions, text summary, categorical imputation. */
import { describe, expect, it } from 'vitest';
import type { Dataset, Labels } from '../../../models/dataset';
import { rng } from '../../../models/dataset';
import type { ModelJob } from '../../../models/encoding';
import { formatSummary, LogisticRegression, type LogisticModelJSON } from '../../../models/logistic';
import { toErrorShape } from '../../../src/api/errors';

/** A small synthetic book: utilisation and days past due raise risk, product matters, seeded. */
function syntheticBook(rows: number, seed: number): { data: Dataset; y: Labels } {
  const next = rng(seed);
  const utilisation = new Float64Array(rows);
  const dpd = new Float64Array(rows);
  const product = new Float64Array(rows);
  const y = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    utilisation[i] = next();
    dpd[i] = Math.floor(next() * 4) * 30;
    product[i] = Math.floor(next() * 3); // card, consumer, mortgage
    const eta = -3 + 2.2 * utilisation[i] + 0.025 * dpd[i] + [0.4, 0.8, -0.9][product[i]];
    y[i] = next() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
  }
  return {
    data: {
      features: [
        { name: 'utilisation', kind: 'numeric' },
        { name: 'dpd', kind: 'numeric' },
        { name: 'product', kind: 'categorical', levels: ['card', 'consumer', 'mortgage'] },
      ],
      columns: [utilisation, dpd, product],
      rows,
    },
    y,
  };
}

describe('LogisticRegression contract', () => {
  const { data, y } = syntheticBook(5000, 7);

  it('recovers the generating coefficients roughly and labels the reference', () => {
    const model = new LogisticRegression({ referenceLevels: { product: 'card' } }).fit(data, y);
    const byTerm = new Map(model.summary.terms.map((t) => [t.term, t]));
    expect(byTerm.get('utilisation')?.coef).toBeGreaterThan(1.5);
    expect(byTerm.get('utilisation')?.coef).toBeLessThan(3);
    expect(byTerm.get('product=mortgage (ref: card)')?.coef).toBeLessThan(-0.8);
    expect(byTerm.has('product=card (ref: card)')).toBe(false);
  });

  it('reports progress per Newton iteration and stops when cancelled', () => {
    const seen: number[] = [];
    const job: ModelJob = { progress: (done) => seen.push(done), throwIfCancelled: () => undefined };
    const model = new LogisticRegression().fit(data, y, job);
    expect(seen.length).toBe(model.summary.iterations);
    expect(seen).toEqual(seen.map((_, i) => i + 1));

    let calls = 0;
    const cancelling: ModelJob = {
      progress: () => undefined,
      throwIfCancelled: () => {
        if (++calls === 3) throw Object.assign(new Error('Cancelled by the user.'), { kind: 'cancelled' });
      },
    };
    const unfinished = new LogisticRegression();
    expect(() => unfinished.fit(data, y, cancelling)).toThrow(/Cancelled/);
    expect(unfinished.isFitted).toBe(false);
  });

  it('feature contributions sum to the log-odds minus the average loan’s log-odds', () => {
    const model = new LogisticRegression().fit(data, y);
    const { features, columns } = model.featureContributions(data);
    expect(features).toEqual(['utilisation', 'dpd', 'product']); // one-hot group = one feature
    const eta = model.predictLogOdds(data);
    const c = model.coefficients;
    // The average training loan's log-odds: β0 + Σ β_j·mean_j; the mean of η over training rows is exactly that.
    let average = 0;
    for (let i = 0; i < data.rows; i++) average += eta[i];
    average /= data.rows;
    for (const i of [0, 17, 4999]) {
      const total = columns.reduce((s, col) => s + col[i], 0);
      expect(total).toBeCloseTo(eta[i] - average, 9);
    }
    expect(c.length).toBe(1 + 2 + 2);
  });

  it('imputes a missing categorical value with the most frequent training level', () => {
    const withGap: Dataset = { ...data, columns: data.columns.map((col) => col.slice()) };
    const counts = [0, 0, 0];
    for (const v of data.columns[2]) counts[v]++;
    const mode = counts.indexOf(Math.max(...counts));
    withGap.columns[2][10] = NaN;
    expect(() => new LogisticRegression().fit(withGap, y)).toThrow(/"product" has 1 missing value/);
    const model = new LogisticRegression({ impute: 'median' }).fit(withGap, y);
    const filled: Dataset = { ...withGap, columns: withGap.columns.map((col) => col.slice()) };
    filled.columns[2][10] = mode;
    expect(model.predictProba(withGap)[10]).toBe(model.predictProba(filled)[10]);
  });

  it('save/load: exact round trip, and refuses foreign or newer files', () => {
    const model = new LogisticRegression({ l2: 0.5, impute: 'median', referenceLevels: { product: 'mortgage' } }).fit(data, y);
    const json = JSON.parse(JSON.stringify(model.toJSON())) as LogisticModelJSON;
    expect(json.name).toBe('vigil.logistic');
    expect(json.version).toBe(1);
    const loaded = LogisticRegression.load(json);
    expect(Array.from(loaded.predictProba(data))).toEqual(Array.from(model.predictProba(data)));
    expect(loaded.summary).toEqual(model.summary);
    expect(() => LogisticRegression.load({ ...json, name: 'vigil.forest' } as unknown as LogisticModelJSON)).toThrow(/not a saved logistic model/);
    expect(() => LogisticRegression.load({ ...json, version: 2 })).toThrow(/version 2 is not supported/);
    expect(() => LogisticRegression.load({ ...json, coef: json.coef.slice(1) })).toThrow(/damaged/);
  });

  it('keeps NaN and Infinity through JSON text', () => {
    const model = new LogisticRegression().fit(data, y);
    const json = model.toJSON();
    json.vif[0] = 'Infinity';
    json.covariance[0] = 'NaN';
    const loaded = LogisticRegression.load(JSON.parse(JSON.stringify(json)) as LogisticModelJSON);
    expect(loaded.summary.terms[1].vif).toBe(Infinity);
    expect(loaded.summary.terms[0].stdErr).toBeNaN();
  });

  it('refuses to predict before fitting', () => {
    expect(() => new LogisticRegression().predictProba(data)).toThrow(/not been fitted/);
  });

  it('model input errors cross the engine boundary as bad_input with their details', () => {
    const gap: Dataset = { ...data, columns: [data.columns[0].slice(), data.columns[1], data.columns[2]] };
    gap.columns[0][2] = NaN;
    let shape: unknown;
    try {
      new LogisticRegression().fit(gap, y);
    } catch (e) {
      shape = toErrorShape(e);
    }
    expect(shape).toEqual({
      kind: 'bad_input',
      message: expect.stringMatching(/Feature "utilisation" has 1 missing value/),
      details: { feature: 'utilisation', missing: 1, firstRow: 3 },
    });
  });

  it('renders a statsmodels-style text summary', () => {
    const model = new LogisticRegression().fit(data, y);
    const text = formatSummary(model.summary, 'default_90d');
    expect(text).toContain('Logit Regression Results');
    expect(text).toMatch(/Dep\. Variable:\s+default_90d/);
    expect(text).toMatch(/No\. Observations:\s+5000/);
    expect(text).toMatch(/product=consumer \(ref: card\)/);
    const line = text.split('\n').find((l) => l.startsWith('utilisation'));
    const coef = model.summary.terms.find((t) => t.term === 'utilisation')?.coef ?? NaN;
    expect(line).toContain(coef.toFixed(4));
  });
});
