import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RandomForest } from '../../../models/forest';
import { auc } from '../../../models/metrics';
import { REPO_ROOT } from '../../helpers/paths';
import { loadUciSplit, type UciSplit } from '../../fixtures/models/forest-uci';

/** scikit-learn 1.2 on the same split (test/fixtures/scripts/forest_uci_sklearn.py). */
interface SklearnForest {
  features: string[];
  runs: { seed: number; test_auc: number; oob_auc: number; importances: number[] }[];
  mean_importance: number[];
  top_features: string[];
}

const sklearn = JSON.parse(readFileSync(join(REPO_ROOT, 'test/fixtures/models/forest-uci-sklearn.json'), 'utf8')) as SklearnForest;

function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] / n;
    mb += b[i] / n;
  }
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

describe('random forest on the UCI credit-card data (train ID%10<7, test ID%10>=7)', () => {
  let uci: UciSplit;
  let forest: RandomForest;

  beforeAll(async () => {
    uci = loadUciSplit();
    forest = await RandomForest.fit(uci.train, uci.yTrain, { nTrees: 100, seed: 0 });
  });

  it('reaches the reference test AUC of scikit-learn (mean over seeds − 0.005)', () => {
    expect(uci.train.rows).toBe(21000);
    expect(uci.test.rows).toBe(9000);
    const testAuc = auc(uci.yTest, forest.predictProba(uci.test));
    expect(testAuc).toBeGreaterThanOrEqual(uci.reference.random_forest.test_auc_mean - 0.005);
  });

  it('has an out-of-bag AUC close to scikit-learn’s', () => {
    const sk = sklearn.runs.reduce((s, r) => s + r.oob_auc, 0) / sklearn.runs.length;
    expect(forest.oob?.rows).toBe(21000); // with 100 trees every row is out of bag somewhere
    expect(Math.abs((forest.oob?.auc ?? 0) - sk)).toBeLessThan(0.01);
  });

  it('ranks features like scikit-learn (impurity importance)', () => {
    expect(sklearn.features).toEqual(uci.reference.features);
    const ours = Array.from(forest.impurityImportance);
    const top3 = ours.map((v, j) => [v, j] as const).sort((a, b) => b[0] - a[0]).slice(0, 3).map(([, j]) => sklearn.features[j]);
    const overlap = top3.filter((f) => sklearn.top_features.slice(0, 3).includes(f));
    expect(overlap.length).toBeGreaterThanOrEqual(2);
    expect(top3[0]).toBe('PAY_0');
    expect(pearson(ours, sklearn.mean_importance)).toBeGreaterThan(0.9);
  });

  it('finds the latest repayment status (PAY_0) the most important by permutation on the test split', async () => {
    const perm = await forest.permutationImportance(uci.test, uci.yTest, { seed: 0, repeats: 1 });
    const best = perm.mean.indexOf(Math.max(...perm.mean));
    expect(uci.test.features[best].name).toBe('PAY_0');
    expect(perm.mean[best]).toBeGreaterThan(0.02);
  });
});
