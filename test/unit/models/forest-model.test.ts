import { describe, expect, it } from 'vitest';
import { rng } from '../../../models/dataset';
import { RandomForest } from '../../../models/forest';
import { binEdges, binOf, MISSING_BIN } from '../../../models/forest/binning';
import { syntheticPortfolio } from '../../fixtures/models/forest-synthetic';

const book = syntheticPortfolio(3000, 31);
const other = syntheticPortfolio(1000, 32);

describe('serialization', () => {
  it('round-trips through JSON text to identical predictions and identical JSON', async () => {
    const m = await RandomForest.fit(book.data, book.y, { nTrees: 15, seed: 8, workers: 2 });
    const text = JSON.stringify(m.toJSON());
    const loaded = RandomForest.load(JSON.parse(text));
    expect(JSON.stringify(loaded.toJSON())).toBe(text);
    const a = m.predictProba(other.data);
    const b = loaded.predictProba(other.data);
    for (let i = 0; i < a.length; i++) expect(Object.is(a[i], b[i])).toBe(true);
    expect(loaded.contributions(other.data, 3)).toEqual(m.contributions(other.data, 3));
    expect(loaded.treeCount).toBe(15);
    expect(loaded.oob).toEqual(m.oob);
    expect(loaded.oobProba).toBeNull();
    // Compact: base64 node arrays, about 21 bytes (28 characters) per node.
    expect(text.length / m.nodeCount).toBeLessThan(32);
    const json = m.toJSON();
    expect(json.name).toBe('vigil.forest');
    expect(json.version).toBe(1);
    expect(json.settings).not.toHaveProperty('workers');
  });

  it('refuses what is not a forest, another version, or damaged node arrays', async () => {
    const m = await RandomForest.fit(book.data, book.y, { nTrees: 2, workers: 0 });
    const good = m.toJSON();
    expect(() => RandomForest.load({ ...good, name: 'vigil.logistic' })).toThrow(expect.objectContaining({ kind: 'bad_input' }));
    expect(() => RandomForest.load({ ...good, version: 99 })).toThrow(/version 99/);
    expect(() => RandomForest.load({ ...good, nodes: { ...good.nodes, threshold: 'AAAA' } })).toThrow(/damaged/);
    expect(() => RandomForest.load(null)).toThrow(/not a random-forest model/);
    // A split on a feature the model does not have (only 5 features, indexes 0..4).
    const feature = new Int32Array(Uint8Array.from(Buffer.from(good.nodes.feature, 'base64')).buffer);
    const firstSplit = feature.findIndex((f) => f >= 0);
    feature[firstSplit] = 9;
    const badFeature = Buffer.from(feature.buffer).toString('base64');
    expect(() => RandomForest.load({ ...good, nodes: { ...good.nodes, feature: badFeature } })).toThrow(/splits on feature 9 of 5/);
  });
});

describe('progress and cancellation', () => {
  const big = syntheticPortfolio(20000, 33);

  it('reports every finished tree', async () => {
    const seen: number[] = [];
    await RandomForest.fit(book.data, book.y, { nTrees: 7, workers: 2 }, { onProgress: (done, total) => seen.push(done * 100 + total) });
    expect(seen).toEqual([107, 207, 307, 407, 507, 607, 707]);
  });

  for (const workers of [2, 0]) {
    it(`aborts mid-fit with an AbortError (${workers} workers)`, async () => {
      const controller = new AbortController();
      let progress = 0;
      const fit = RandomForest.fit(big.data, big.y, { nTrees: 500, workers }, {
        signal: controller.signal,
        onProgress: (done) => {
          progress = done;
          if (done === 2) controller.abort();
        },
      });
      await expect(fit).rejects.toMatchObject({ name: 'AbortError' });
      expect(progress).toBeGreaterThanOrEqual(2);
      expect(progress).toBeLessThan(500);
    });
  }

  it('fits correctly after a cancelled fit, and with two fits at once (workers are pooled)', async () => {
    const controller = new AbortController();
    const cancelled = RandomForest.fit(big.data, big.y, { nTrees: 50, workers: 2 }, {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
    const reference = JSON.stringify((await RandomForest.fit(book.data, book.y, { nTrees: 8, seed: 6, workers: 0 })).toJSON());
    const [a, b] = await Promise.all([
      RandomForest.fit(book.data, book.y, { nTrees: 8, seed: 6, workers: 2 }),
      RandomForest.fit(book.data, book.y, { nTrees: 8, seed: 6, workers: 3 }),
    ]);
    expect(JSON.stringify(a.toJSON())).toBe(reference);
    expect(JSON.stringify(b.toJSON())).toBe(reference);
    const again = await RandomForest.fit(book.data, book.y, { nTrees: 8, seed: 6, workers: 2 });
    expect(JSON.stringify(again.toJSON())).toBe(reference);
  });

  it('does not start when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    let progress = 0;
    await expect(
      RandomForest.fit(book.data, book.y, { nTrees: 5, workers: 2 }, { signal: controller.signal, onProgress: () => progress++ }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(progress).toBe(0);
  });
});

describe('input checks', () => {
  it('says why it cannot fit or predict', async () => {
    const allGood = new Uint8Array(book.data.rows);
    await expect(RandomForest.fit(book.data, allGood, { workers: 0 })).rejects.toMatchObject({ kind: 'bad_input', message: expect.stringMatching(/all 3000 training rows are good/) });
    await expect(RandomForest.fit(book.data, book.y, { nTrees: 0 })).rejects.toMatchObject({ kind: 'bad_input', details: { option: 'nTrees' } });
    await expect(RandomForest.fit(book.data, book.y, { maxBins: 300 })).rejects.toMatchObject({ details: { option: 'maxBins' } });
    await expect(RandomForest.fit(book.data, book.y, { classWeight: { 0: 1, 1: -2 } })).rejects.toMatchObject({ details: { option: 'classWeight' } });
    const m = await RandomForest.fit(book.data, book.y, { nTrees: 1, workers: 0 });
    const renamed = { ...other.data, features: other.data.features.map((f, j) => (j === 1 ? { ...f, name: 'days_past_due' } : f)) };
    expect(() => m.predictProba(renamed)).toThrow(/Feature 2 is "days_past_due".*expects "dpd"/);
    expect(() => m.predictProba({ ...other.data, features: other.data.features.slice(1), columns: other.data.columns.slice(1) })).toThrow(/trained on 5 features/);
  });
});

describe('binning', () => {
  it('gives each distinct value its own bin when there are few, cutting at midpoints', () => {
    const col = Float64Array.from([3, 1, 2, 2, NaN, 5, 1]);
    const edges = binEdges(col, 255);
    expect(Array.from(edges)).toEqual([1.5, 2.5, 4]);
    expect([1, 2, 3, 5, NaN].map((x) => binOf(edges, x))).toEqual([0, 1, 2, 3, MISSING_BIN]);
  });

  it('uses quantile bins when there are many values, so bins hold similar counts', () => {
    const random = rng(4);
    const col = Float64Array.from({ length: 50000 }, () => Math.exp(3 * random()));
    const edges = binEdges(col, 255);
    expect(edges.length).toBeLessThanOrEqual(254);
    expect(edges.length).toBeGreaterThan(240);
    const counts = new Int32Array(edges.length + 1);
    for (const x of col) counts[binOf(edges, x)]++;
    const expected = col.length / counts.length;
    for (const c of counts) expect(Math.abs(c - expected)).toBeLessThan(expected * 0.5);
    // Bin b holds edges[b-1] < x <= edges[b]: the raw-value test at predict time agrees with the bins.
    for (const x of col.subarray(0, 2000)) {
      const b = binOf(edges, x);
      if (b < edges.length) expect(x <= edges[b]).toBe(true);
      if (b > 0) expect(x > edges[b - 1]).toBe(true);
    }
  });
});
