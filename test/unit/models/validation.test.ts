/** Splits and stratified k-fold cross-validation: exact class fractions, determinism by seed, generic models. */
import { describe, expect, it } from 'vitest';
import { rng, type Dataset, type Labels } from '../../../models/dataset';
import { LogisticRegression } from '../../../models/logistic';
import { auc } from '../../../models/metrics';
import { crossValidate, maskSplit, stratifiedFolds, stratifiedSplit, subsetDataset, subsetLabels } from '../../../models/validation';

function book(rows: number, seed: number): { data: Dataset; y: Labels } {
  const next = rng(seed);
  const score = new Float64Array(rows);
  const y = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    score[i] = next() * 4 - 2;
    y[i] = next() < 1 / (1 + Math.exp(-(-1.5 + 1.2 * score[i]))) ? 1 : 0;
  }
  return { data: { features: [{ name: 'behaviour_score', kind: 'numeric' }], columns: [score], rows }, y };
}

const count = (y: Labels, rows: Uint32Array): number => rows.reduce((s, r) => s + y[r], 0);

describe('stratified split', () => {
  const { y } = book(1003, 1);
  const bads = y.reduce((s, v) => s + v, 0);

  it('puts exactly round(fraction × class size) of each class in the test sample', () => {
    const split = stratifiedSplit(y, { testFraction: 0.3, seed: 42 });
    expect(count(y, split.test)).toBe(Math.round(0.3 * bads));
    expect(split.test.length - count(y, split.test)).toBe(Math.round(0.3 * (1003 - bads)));
    expect(split.train.length + split.test.length).toBe(1003);
    const all = new Set([...split.train, ...split.test]);
    expect(all.size).toBe(1003); // disjoint and complete
    for (let i = 1; i < split.test.length; i++) expect(split.test[i]).toBeGreaterThan(split.test[i - 1]);
  });

  it('is deterministic by seed and changes with the seed', () => {
    const a = stratifiedSplit(y, { testFraction: 0.25, seed: 9 });
    const b = stratifiedSplit(y, { testFraction: 0.25, seed: 9 });
    const c = stratifiedSplit(y, { testFraction: 0.25, seed: 10 });
    expect(Array.from(a.test)).toEqual(Array.from(b.test));
    expect(Array.from(a.test)).not.toEqual(Array.from(c.test));
  });

  it('rejects fractions outside (0, 1) and splits that leave a side empty', () => {
    expect(() => stratifiedSplit(y, { testFraction: 1, seed: 1 })).toThrow(/between 0 and 1/);
    expect(() => stratifiedSplit(Uint8Array.from([0, 1]), { testFraction: 0.1, seed: 1 })).toThrow(/test sample empty/);
  });
});

describe('mask split (SQL holdout predicate evaluated by the engine)', () => {
  it('takes the flagged rows as the test sample', () => {
    const split = maskSplit(Uint8Array.from([0, 1, 1, 0, 0, 1]), 6);
    expect(Array.from(split.test)).toEqual([1, 2, 5]);
    expect(Array.from(split.train)).toEqual([0, 3, 4]);
    expect(Array.from(maskSplit([true, false], 2).test)).toEqual([0]);
  });

  it('rejects a mask of the wrong length or with no test rows', () => {
    expect(() => maskSplit(new Uint8Array(3), 4)).toThrow(/3 values but the data has 4 rows/);
    expect(() => maskSplit(new Uint8Array(3), 3)).toThrow(/leaves the test sample empty/);
  });

  it('subsets datasets and labels in row order', () => {
    const { data, y } = book(10, 3);
    const rows = Uint32Array.from([2, 5, 7]);
    const sub = subsetDataset(data, rows);
    expect(sub.rows).toBe(3);
    expect(Array.from(sub.columns[0])).toEqual([data.columns[0][2], data.columns[0][5], data.columns[0][7]]);
    expect(Array.from(subsetLabels(y, rows))).toEqual([y[2], y[5], y[7]]);
  });
});

describe('stratified k-fold cross-validation', () => {
  const { data, y } = book(2000, 5);

  it('folds have equal bad counts (±1) and sizes (±1)', () => {
    const fold = stratifiedFolds(y, 5, 11);
    const sizes = [0, 0, 0, 0, 0];
    const badsPerFold = [0, 0, 0, 0, 0];
    fold.forEach((f, i) => {
      sizes[f]++;
      badsPerFold[f] += y[i];
    });
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(Math.max(...badsPerFold) - Math.min(...badsPerFold)).toBeLessThanOrEqual(1);
    expect(Array.from(stratifiedFolds(y, 5, 11))).toEqual(Array.from(fold));
  });

  it('runs any fitAndPredict (sync or async) and summarises per-fold metrics', async () => {
    const progress: string[] = [];
    const result = await crossValidate(
      data,
      y,
      async (train, yTrain, test) => new LogisticRegression().fit(train, yTrain).predictProba(test),
      { folds: 4, seed: 3, job: { progress: (_d, _t, m) => progress.push(m ?? ''), throwIfCancelled: () => undefined } },
    );
    expect(result.folds.map((f) => f.fold)).toEqual([1, 2, 3, 4]);
    expect(result.folds.reduce((s, f) => s + f.testRows, 0)).toBe(2000);
    expect(result.outOfFold.every((v) => v > 0 && v < 1)).toBe(true);
    const aucs = result.folds.map((f) => f.metrics.auc);
    const mean = aucs.reduce((s, v) => s + v, 0) / 4;
    expect(result.mean.auc).toBeCloseTo(mean, 14);
    const sd = Math.sqrt(aucs.reduce((s, v) => s + (v - mean) ** 2, 0) / 3);
    expect(result.sd.auc).toBeCloseTo(sd, 14);
    expect(result.mean.gini).toBeCloseTo(2 * mean - 1, 14);
    // Fold 2's AUC is the AUC of its own held-out rows.
    const fold = stratifiedFolds(y, 4, 3);
    const rows = Uint32Array.from(Array.from(fold.keys()).filter((i) => fold[i] === 1));
    expect(result.folds[1].metrics.auc).toBe(auc(subsetLabels(y, rows), Float64Array.from(rows, (r) => result.outOfFold[r])));
    expect(progress).toEqual(['Fold 1 of 4', 'Fold 2 of 4', 'Fold 3 of 4', 'Fold 4 of 4', 'Cross-validation done']);
  });

  it('stops between folds when cancelled and rejects a model that returns the wrong number of PDs', async () => {
    let folds = 0;
    const job = {
      progress: () => undefined,
      throwIfCancelled: () => {
        if (folds === 2) throw new Error('Cancelled by the user.');
      },
    };
    await expect(
      crossValidate(data, y, (_tr, _y, test) => {
        folds++;
        return new Float64Array(test.rows).fill(0.2);
      }, { folds: 5, seed: 1, job }),
    ).rejects.toThrow(/Cancelled/);
    expect(folds).toBe(2);
    await expect(crossValidate(data, y, () => new Float64Array(3), { folds: 3, seed: 1 })).rejects.toThrow(/returned 3 predictions/);
  });

  it('needs at least k bads', () => {
    expect(() => stratifiedFolds(Uint8Array.from([1, 0, 0, 0, 0, 0]), 3, 1)).toThrow(/needs at least 3 bads/);
  });
});
