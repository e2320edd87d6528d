import { describe, expect, it } from 'vitest';
import { RandomForest } from '../../../models/forest';
import { auc } from '../../../models/metrics';
import { syntheticPortfolio } from '../../fixtures/models/forest-synthetic';

const book = syntheticPortfolio(3000, 7);
const holdout = syntheticPortfolio(2000, 8);

describe('random forest: determinism across threads', () => {
  it('gives byte-identical models with 0, 1, 2 and 3 worker threads', async () => {
    const json: string[] = [];
    for (const workers of [0, 1, 2, 3]) {
      const m = await RandomForest.fit(book.data, book.y, { nTrees: 12, seed: 42, workers });
      json.push(JSON.stringify(m.toJSON()));
    }
    expect(json[0].length).toBeGreaterThan(1000);
    expect(json[1]).toBe(json[0]);
    expect(json[2]).toBe(json[0]);
    expect(json[3]).toBe(json[0]);
  });

  it('changes with the seed', async () => {
    const a = await RandomForest.fit(book.data, book.y, { nTrees: 3, seed: 1, workers: 0 });
    const b = await RandomForest.fit(book.data, book.y, { nTrees: 3, seed: 2, workers: 0 });
    expect(JSON.stringify(a.toJSON().nodes)).not.toBe(JSON.stringify(b.toJSON().nodes));
  });
});

describe('random forest: learning', () => {
  it('separates goods from bads on a hold-out sample and ranks the real drivers first', async () => {
    const m = await RandomForest.fit(book.data, book.y, { nTrees: 60, seed: 3, workers: 2 });
    const p = m.predictProba(holdout.data);
    expect(p.length).toBe(holdout.data.rows);
    for (const v of p) expect(v >= 0 && v <= 1).toBe(true);
    expect(auc(holdout.y, p)).toBeGreaterThan(0.7);
    const imp = m.impurityImportance;
    expect(imp.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    // utilisation carries the strongest signal; pure noise must not beat it.
    expect(imp[0]).toBeGreaterThan(imp[4]);
  });
});

describe('random forest: out-of-bag', () => {
  for (const nTrees of [5, 10]) {
    it(`scores out-of-bag rows only with trees that did not see them (${nTrees} trees)`, async () => {
      const small = syntheticPortfolio(1500, 11);
      const m = await RandomForest.fit(small.data, small.y, { nTrees, seed: 5, workers: 2 });
      const oob = m.oob;
      const proba = m.oobProba;
      if (oob === null || proba === null) throw new Error('a fitted forest with bootstrap has out-of-bag results');
      // Independent recomputation from the bootstrap counts and the individual trees.
      const sum = new Float64Array(small.data.rows);
      const hits = new Int32Array(small.data.rows);
      for (let t = 0; t < nTrees; t++) {
        const counts = m.inBagCounts(t);
        const pt = m.predictTreeProba(t, small.data);
        for (let i = 0; i < small.data.rows; i++) {
          if (counts[i] === 0) {
            sum[i] += pt[i];
            hits[i]++;
          }
        }
      }
      let covered = 0;
      for (let i = 0; i < small.data.rows; i++) {
        if (hits[i] === 0) {
          expect(proba[i]).toBeNaN();
        } else {
          covered++;
          expect(proba[i]).toBe(sum[i] / hits[i]);
        }
      }
      expect(oob.rows).toBe(covered);
      // With 5 trees about (1 − 1/e)^5 ≈ 10% of rows are in every sample: they are left out, not a crash.
      if (nTrees === 5) expect(covered).toBeLessThan(small.data.rows);
      expect(covered).toBeGreaterThan(small.data.rows * 0.8);
      expect(oob.auc).not.toBeNull();
      expect(oob.auc ?? 0).toBeGreaterThan(0.55); // few trees per row: informative, not sharp
    });
  }

  it('has no out-of-bag result without bootstrap', async () => {
    const m = await RandomForest.fit(book.data, book.y, { nTrees: 2, bootstrap: false, workers: 0 });
    expect(m.oob).toBeNull();
    expect(m.oobProba).toBeNull();
    expect(Array.from(m.inBagCounts(0).slice(0, 5))).toEqual([1, 1, 1, 1, 1]);
  });
});

describe('random forest: class weights', () => {
  it("'balanced' puts the root at a 50% bad rate and raises the predicted PDs", async () => {
    const opts = { nTrees: 10, seed: 9, minSamplesLeaf: 25, bootstrap: false, workers: 0 } as const;
    const plain = await RandomForest.fit(book.data, book.y, opts);
    const balanced = await RandomForest.fit(book.data, book.y, { ...opts, classWeight: 'balanced' });
    const badRate = book.y.reduce((s, v) => s + v, 0) / book.data.rows;
    expect(badRate).toBeLessThan(0.25);
    expect(plain.contributions(book.data, 0).bias).toBeCloseTo(badRate, 6);
    expect(balanced.contributions(book.data, 0).bias).toBeCloseTo(0.5, 6);
    const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / a.length;
    const pPlain = plain.predictProba(holdout.data);
    const pBalanced = balanced.predictProba(holdout.data);
    expect(mean(pPlain)).toBeCloseTo(badRate, 1);
    expect(mean(pBalanced)).toBeGreaterThan(mean(pPlain) + 0.1);
  });

  it('explicit weights {0: 1, 1: 1} are the unweighted forest, {0: 1, 1: 4} raises PDs', async () => {
    const opts = { nTrees: 6, seed: 4, minSamplesLeaf: 10, workers: 0 } as const;
    const plain = await RandomForest.fit(book.data, book.y, opts);
    const ones = await RandomForest.fit(book.data, book.y, { ...opts, classWeight: { 0: 1, 1: 1 } });
    const heavy = await RandomForest.fit(book.data, book.y, { ...opts, classWeight: { 0: 1, 1: 4 } });
    expect(ones.toJSON().nodes).toEqual(plain.toJSON().nodes);
    const p = plain.predictProba(holdout.data);
    const h = heavy.predictProba(holdout.data);
    let higher = 0;
    for (let i = 0; i < p.length; i++) if (h[i] > p[i]) higher++;
    expect(higher / p.length).toBeGreaterThan(0.8);
  });
});

describe('random forest: per-loan explanations', () => {
  it('path contributions add up to the prediction and give reason codes', async () => {
    const m = await RandomForest.fit(book.data, book.y, { nTrees: 20, seed: 1, workers: 0 });
    const p = m.predictProba(holdout.data);
    for (const row of [0, 1, 17, 500, 1999]) {
      const c = m.contributions(holdout.data, row);
      const total = c.bias + c.contributions.reduce((s, v) => s + v, 0);
      expect(total).toBeCloseTo(p[row], 9);
      expect(c.prediction).toBeCloseTo(p[row], 12);
    }
    // The riskiest loan's reasons are features that pushed it up, largest first.
    let riskiest = 0;
    for (let i = 1; i < p.length; i++) if (p[i] > p[riskiest]) riskiest = i;
    const reasons = m.reasonCodes(holdout.data, riskiest, 3);
    expect(reasons.length).toBeGreaterThan(0);
    for (let k = 0; k < reasons.length; k++) {
      expect(reasons[k].contribution).toBeGreaterThan(0);
      if (k > 0) expect(reasons[k].contribution).toBeLessThanOrEqual(reasons[k - 1].contribution);
    }
    expect(book.data.features.map((f) => f.name)).toContain(reasons[0].feature);
  });
});

describe('random forest: permutation importance', () => {
  it('finds the drivers, ignores noise, and is reproducible by seed', async () => {
    const m = await RandomForest.fit(book.data, book.y, { nTrees: 30, seed: 2, workers: 0 });
    const a = await m.permutationImportance(holdout.data, holdout.y, { seed: 1, repeats: 3 });
    const b = await m.permutationImportance(holdout.data, holdout.y, { seed: 1, repeats: 3 });
    const c = await m.permutationImportance(holdout.data, holdout.y, { seed: 2, repeats: 3 });
    expect(a.baselineAuc).toBe(auc(holdout.y, m.predictProba(holdout.data)));
    expect(Array.from(a.mean)).toEqual(Array.from(b.mean));
    expect(Array.from(a.mean)).not.toEqual(Array.from(c.mean));
    expect(a.mean[0]).toBeGreaterThan(0.03); // utilisation
    expect(Math.abs(a.mean[4])).toBeLessThan(0.02); // noise
    expect(a.mean[0]).toBeGreaterThan(a.mean[4] + 0.02);
    for (const s of a.sd) expect(s).toBeGreaterThanOrEqual(0);
  });
});
