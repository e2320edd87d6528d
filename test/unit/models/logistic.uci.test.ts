/**
 * The accuracy target of the logistic model: on the UCI credit-card split of uci_reference.json
 * (raw 23 features + intercept) it must reproduce statsmodels' Logit table to 1e-6 relative and
 * its test AUC to 1e-9.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset, Labels } from '../../../models/dataset';
import { LogisticRegression, type LogisticModelJSON } from '../../../models/logistic';
import { auc, ks } from '../../../models/metrics';
import { maxRelativeError, relativeError } from '../../fixtures/models/compare';
import { labels, numericDataset, readUci, readUciReference, uciSplit, type UciReference } from '../../fixtures/models/uci';
import { REPO_ROOT } from '../../helpers/paths';

const fixture = JSON.parse(readFileSync(join(REPO_ROOT, 'test/fixtures/models/logistic_reference.json'), 'utf8')) as {
  vif_raw: { names: string[]; vif: number[] };
};

let ref: UciReference;
let train: Dataset;
let yTrain: Labels;
let test: Dataset;
let yTest: Labels;
let model: LogisticRegression;

beforeAll(() => {
  ref = readUciReference();
  const table = readUci();
  const split = uciSplit(table);
  train = numericDataset(table, ref.features, split.train);
  yTrain = labels(table, split.train);
  test = numericDataset(table, ref.features, split.test);
  yTest = labels(table, split.test);
  model = new LogisticRegression().fit(train, yTrain);
});

describe('logistic regression on UCI vs statsmodels', () => {
  it('uses the reference split sizes', () => {
    expect(train.rows).toBe(21000);
    expect(test.rows).toBe(9000);
  });

  it('names the terms like statsmodels', () => {
    expect(model.summary.terms.map((t) => t.term)).toEqual(ref.logit.names);
  });

  it('matches coef, std err, z, p-value and the 95% CI to 1e-6 relative', () => {
    const terms = model.summary.terms;
    const checks: [string, number[], number[]][] = [
      ['coef', terms.map((t) => t.coef), ref.logit.coef],
      ['std_err', terms.map((t) => t.stdErr), ref.logit.std_err],
      ['z', terms.map((t) => t.z), ref.logit.z],
      ['p_value', terms.map((t) => t.pValue), ref.logit.p_value],
      ['ci_low', terms.map((t) => t.ciLow), ref.logit.ci_low],
      ['ci_high', terms.map((t) => t.ciHigh), ref.logit.ci_high],
    ];
    for (const [name, actual, expected] of checks) {
      const { error, at } = maxRelativeError(actual, expected);
      expect(error, `${name}: worst at ${ref.logit.names[at]}`).toBeLessThan(1e-6);
    }
  });

  it('matches the log-likelihoods and pseudo R²', () => {
    const s = model.summary;
    expect(relativeError(s.logLikelihood, ref.logit.log_likelihood)).toBeLessThan(1e-9);
    // LL-null is the closed form B·ln(B/n) + G·ln(G/n): the exact maximum, a hair above the value
    // statsmodels reaches by iterating (6e-11 relative), so it is checked to 1e-9.
    expect(relativeError(s.llNull, ref.logit.ll_null)).toBeLessThan(1e-9);
    expect(s.llNull).toBeGreaterThanOrEqual(ref.logit.ll_null);
    expect(relativeError(s.pseudoR2, ref.logit.pseudo_r2)).toBeLessThan(1e-8);
    expect(s.llrPValue).toBe(ref.logit.llr_p_value); // 0: far below the smallest double
    expect(s.aic).toBeCloseTo(-2 * ref.logit.log_likelihood + 2 * 24, 6);
    expect(s.bic).toBeCloseTo(-2 * ref.logit.log_likelihood + Math.log(21000) * 24, 6);
    expect(s.dfModel).toBe(23);
    expect(s.dfResiduals).toBe(21000 - 24);
  });

  it('converges tightly, in as few Newton steps as statsmodels, without warnings', () => {
    const s = model.summary;
    expect(s.converged).toBe(true);
    expect(s.iterations).toBeLessThanOrEqual(ref.logit.iterations + 1);
    expect(s.maxAbsGradient).toBeLessThan(1e-8);
    expect(s.warnings).toEqual([]);
    // One account (huge repayments) gets a fitted PD within 1e-8 of its outcome: reported, but a converged fit is no separation.
    expect(s.perfectlyPredicted).toBeLessThanOrEqual(1);
  });

  it('reproduces the test AUC to 1e-9 and the test KS', () => {
    const p = model.predictProba(test);
    expect(Math.abs(auc(yTest, p) - ref.logit.test_auc)).toBeLessThan(1e-9);
    expect(Math.abs(ks(yTest, p).statistic - ref.logit.test_ks)).toBeLessThan(1e-9);
  });

  it('reports VIFs equal to statsmodels variance_inflation_factor', () => {
    const vif = model.summary.terms.slice(1).map((t) => t.vif ?? NaN);
    const { error, at } = maxRelativeError(vif, fixture.vif_raw.vif);
    expect(error, `worst at ${fixture.vif_raw.names[at]}`).toBeLessThan(1e-6);
    // BILL_AMT1..6 are strongly collinear month to month: the table must show it.
    expect(Math.max(...vif)).toBeGreaterThan(10);
  });

  it('odds ratios are exp(coef) with the CI mapped the same way', () => {
    for (const t of model.summary.terms) {
      expect(t.oddsRatio).toBe(Math.exp(t.coef));
      expect(t.oddsRatioCiLow).toBe(Math.exp(t.ciLow));
      expect(t.oddsRatioCiHigh).toBe(Math.exp(t.ciHigh));
    }
  });

  it('round-trips through JSON text exactly', () => {
    const text = JSON.stringify(model.toJSON());
    const loaded = LogisticRegression.load(JSON.parse(text) as LogisticModelJSON);
    expect(loaded.summary).toEqual(model.summary);
    expect(Array.from(loaded.predictProba(test))).toEqual(Array.from(model.predictProba(test)));
    expect(JSON.stringify(loaded.toJSON())).toBe(text);
  });
});
