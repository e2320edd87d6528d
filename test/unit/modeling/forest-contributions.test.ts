/**
 * The blocked path contributions used for forest reason codes give exactly (bit for bit) what the
 * forest's own per-row `contributions` gives, including missing values and categorical splits.
 */
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../../models/dataset';
import { rng } from '../../../models/dataset';
import { RandomForest } from '../../../models/forest';
import { ForestContributions } from '../../../src/modeling/forest-contributions';

/** 9000 loans: a numeric risk driver with gaps, a noise column and a 4-level product. */
function loans(): { data: Dataset; y: Uint8Array } {
  const next = rng(5);
  const n = 9000;
  const util = new Float64Array(n);
  const noise = new Float64Array(n);
  const product = new Float64Array(n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    util[i] = i % 37 === 0 ? NaN : next();
    noise[i] = next();
    product[i] = i % 53 === 0 ? NaN : Math.floor(next() * 4);
    const risk = 0.05 + 0.5 * (Number.isNaN(util[i]) ? 0.5 : util[i]) + (product[i] === 3 ? 0.2 : 0);
    y[i] = next() < risk ? 1 : 0;
  }
  return {
    data: {
      features: [
        { name: 'utilisation', kind: 'numeric' },
        { name: 'noise', kind: 'numeric' },
        { name: 'product', kind: 'categorical', levels: ['card', 'auto', 'mortgage', 'payday'] },
      ],
      columns: [util, noise, product],
      rows: n,
    },
    y,
  };
}

describe('ForestContributions', () => {
  it('matches RandomForest.contributions exactly, for any subset of rows across blocks', async () => {
    const { data, y } = loans();
    const forest = await RandomForest.fit(data, y, { nTrees: 12, minSamplesLeaf: 5, seed: 3, workers: 0 });
    const rows = Array.from({ length: data.rows }, (_, i) => i).filter((i) => i % 3 !== 1); // 6000 rows, not contiguous: two blocks
    const batch = new ForestContributions(forest).of(data, rows);
    expect(batch).toHaveLength(3);
    rows.forEach((row, k) => {
      const one = forest.contributions(data, row).contributions;
      for (let j = 0; j < 3; j++) expect(batch[j][k]).toBe(one[j]);
    });
    // The riskier product and the utilisation drive the forest, not the noise column.
    const meanAbs = batch.map((col) => col.reduce((s, v) => s + Math.abs(v), 0) / col.length);
    expect(meanAbs[0]).toBeGreaterThan(meanAbs[1]);
  });

  it('explains no rows when none are asked for', async () => {
    const { data, y } = loans();
    const forest = await RandomForest.fit(data, y, { nTrees: 2, seed: 1, workers: 0 });
    expect(new ForestContributions(forest).of(data, []).map((c) => c.length)).toEqual([0, 0, 0]);
  });
});
