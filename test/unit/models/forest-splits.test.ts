import { describe, expect, it } from 'vitest';
import { rng, type Dataset, type Labels } from '../../../models/dataset';
import { RandomForest, type ForestOptions } from '../../../models/forest';
import { binTraining } from '../../../models/forest/binning';
import { growParams, resolveSettings } from '../../../models/forest/options';
import { TreeGrower } from '../../../models/forest/tree-grower';
import { numericDataset, syntheticPortfolio } from '../../fixtures/models/forest-synthetic';

/** One unpruned-at-depth-1 tree on all rows and all features: the root split, exactly. */
const STUMP: ForestOptions = { nTrees: 1, maxDepth: 1, bootstrap: false, maxFeatures: 'all', workers: 0 };

function uniform(rows: number, seed: number): Float64Array {
  const random = rng(seed);
  return Float64Array.from({ length: rows }, () => random());
}

/** Values on a 0.01 grid: fewer distinct values than bins, so a stump can cut exactly at any of them. */
function grid(rows: number, seed: number): Float64Array {
  return uniform(rows, seed).map((u) => Math.floor(u * 100) / 100);
}

describe('missing values', () => {
  it('learns that a missing value is a bad sign and scores missing rows high', async () => {
    const rows = 4000;
    const random = rng(3);
    const x = uniform(rows, 1);
    const y = new Uint8Array(rows);
    for (let i = 0; i < rows; i++) {
      if (random() < 0.2) x[i] = NaN;
      y[i] = random() < (Number.isNaN(x[i]) ? 0.8 : 0.05 + 0.2 * x[i]) ? 1 : 0;
    }
    const m = await RandomForest.fit(numericDataset([x, uniform(rows, 2)]), y, { nTrees: 30, seed: 1, workers: 0, minSamplesLeaf: 5 });
    const probe = numericDataset([Float64Array.from([NaN, NaN, 0.1, 0.5, 0.9]), Float64Array.from([0.2, 0.7, 0.5, 0.5, 0.5])]);
    const p = m.predictProba(probe);
    expect(p[0]).toBeGreaterThan(0.6);
    expect(p[1]).toBeGreaterThan(0.6);
    for (const k of [2, 3, 4]) expect(p[k]).toBeLessThan(0.35);
  });

  for (const missingBad of [1, 0] as const) {
    it(`sends missing rows ${missingBad ? 'right (with the bads)' : 'left (with the goods)'} when that splits better`, async () => {
      const rows = 1000;
      const x = grid(rows, 5);
      const y = new Uint8Array(rows);
      for (let i = 0; i < rows; i++) {
        if (i % 10 === 0) {
          x[i] = NaN;
          y[i] = missingBad;
        } else {
          y[i] = x[i] > 0.5 ? 1 : 0;
        }
      }
      const m = await RandomForest.fit(numericDataset([x]), y, STUMP);
      const p = m.predictProba(numericDataset([Float64Array.from([NaN, 0.1, 0.9])]));
      expect(p[1]).toBe(0);
      expect(p[2]).toBe(1);
      expect(p[0]).toBe(missingBad);
    });
  }

  for (const cut of [0.7, 0.3]) {
    it(`sends missing values to the larger child when training had none (bads above ${cut})`, async () => {
      const rows = 1000;
      const x = grid(rows, 9);
      const y = Uint8Array.from(x, (v) => (v > cut ? 1 : 0));
      const m = await RandomForest.fit(numericDataset([x]), y, STUMP);
      const p = m.predictProba(numericDataset([Float64Array.from([NaN, 0.01, 0.99])]));
      expect(p[1]).toBe(0);
      expect(p[2]).toBe(1);
      // More goods than bads below 0.7: the left child is larger; above 0.3 it is the right one.
      expect(p[0]).toBe(cut === 0.7 ? 0 : 1);
    });
  }
});

describe('categorical features', () => {
  const LEVELS = ['a', 'b', 'c', 'd', 'e'];
  function levelsData(rows: number, withMissing: boolean): { data: Dataset; y: Labels } {
    const random = rng(21);
    const level = new Float64Array(rows);
    const y = new Uint8Array(rows);
    for (let i = 0; i < rows; i++) {
      // a, c, e are 70% of the book; b and d (the bad ones) are not adjacent in level order.
      const u = random();
      level[i] = u < 0.25 ? 0 : u < 0.4 ? 1 : u < 0.65 ? 2 : u < 0.8 ? 3 : 4;
      if (withMissing && i % 20 === 0) level[i] = NaN;
      y[i] = Number.isNaN(level[i]) || level[i] === 1 || level[i] === 3 ? 1 : 0;
    }
    return {
      data: { features: [{ name: 'product', kind: 'categorical', levels: LEVELS }, { name: 'noise', kind: 'numeric' }], columns: [level, uniform(rows, 22)], rows },
      y,
    };
  }
  const probe = (levels: number[]): Dataset => ({
    features: [{ name: 'product', kind: 'categorical', levels: LEVELS }, { name: 'noise', kind: 'numeric' }],
    columns: [Float64Array.from(levels), new Float64Array(levels.length).fill(0.5)],
    rows: levels.length,
  });

  it('splits off the level set {b, d} in a single depth-1 split', async () => {
    const { data, y } = levelsData(2000, false);
    const m = await RandomForest.fit(data, y, STUMP);
    expect(m.nodeCount).toBe(3);
    const p = m.predictProba(probe([0, 1, 2, 3, 4]));
    expect(Array.from(p)).toEqual([0, 1, 0, 1, 0]);
    // Unseen level and missing: the larger child (the goods a, c, e).
    expect(Array.from(m.predictProba(probe([7, NaN, 2.5])))).toEqual([0, 0, 0]);
  });

  it('puts missing levels with the side they resemble when training had them', async () => {
    const { data, y } = levelsData(2000, true);
    const m = await RandomForest.fit(data, y, STUMP);
    expect(Array.from(m.predictProba(probe([NaN, 0, 1, 3])))).toEqual([1, 0, 1, 1]);
  });

  it('rejects a value that is not a level index, saying where', async () => {
    const { data, y } = levelsData(100, false);
    data.columns[0][42] = 9;
    await expect(RandomForest.fit(data, y, STUMP)).rejects.toMatchObject({ kind: 'bad_input', details: { feature: 'product', row: 43 } });
  });
});

describe('histogram subtraction', () => {
  it('changes nothing: trees are identical with and without the subtract trick, and it is used', () => {
    const { data, y } = syntheticPortfolio(4000, 13);
    const binned = binTraining(data, 255, false);
    const base = growParams(resolveSettings({ maxFeatures: 'all' }), data.features.length, y);
    const withTrick = new TreeGrower(binned, y, base);
    const without = new TreeGrower(binned, y, { ...base, subtract: false });
    for (let t = 0; t < 4; t++) {
      const a = withTrick.grow(t);
      const b = without.grow(t);
      // Unit class weights: every histogram entry is an integer, so subtraction is exact.
      expect(Array.from(a.feature)).toEqual(Array.from(b.feature));
      expect(Array.from(a.threshold)).toEqual(Array.from(b.threshold));
      expect(Array.from(a.value)).toEqual(Array.from(b.value));
    }
    expect(withTrick.histogramStats.subtracted).toBeGreaterThan(100);
    expect(without.histogramStats.subtracted).toBe(0);
    expect(withTrick.histogramStats.built).toBeLessThan(without.histogramStats.built);
  });
});

describe('limits', () => {
  it('respects maxDepth and minSamplesLeaf', async () => {
    const { data, y } = syntheticPortfolio(2000, 3);
    const shallow = await RandomForest.fit(data, y, { nTrees: 3, maxDepth: 2, workers: 0 });
    expect(shallow.nodeCount).toBeLessThanOrEqual(3 * 7);
    const coarse = await RandomForest.fit(data, y, { nTrees: 1, minSamplesLeaf: 200, bootstrap: false, workers: 0 });
    const full = await RandomForest.fit(data, y, { nTrees: 1, bootstrap: false, workers: 0 });
    // Every leaf holds >= 200 of 2000 rows: at most 10 leaves, 19 nodes.
    expect(coarse.nodeCount).toBeLessThanOrEqual(19);
    expect(full.nodeCount).toBeGreaterThan(100);
  });
});
