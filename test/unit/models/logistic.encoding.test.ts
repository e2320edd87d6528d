/**
 * Categorical features (one-hot against a visible, choosable reference level), missing values,
 * L2 penalty, and the input errors and warnings the analyst sees. Reference figures come from
 * statsmodels / numpy via test/fixtures/scripts/logistic_reference.py.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset, FeatureSpec, Labels } from '../../../models/dataset';
import { ModelInputError } from '../../../models/encoding';
import { LogisticRegression } from '../../../models/logistic';
import { maxRelativeError, relativeError } from '../../fixtures/models/compare';
import { categoricalColumn, column, labels, pick, readUci, uciSplit, type UciTable } from '../../fixtures/models/uci';
import { REPO_ROOT } from '../../helpers/paths';

interface LogitTable {
  names: string[];
  coef: number[];
  std_err: number[];
  z: number[];
  p_value: number[];
  ci_low: number[];
  ci_high: number[];
  log_likelihood: number;
  ll_null: number;
  pseudo_r2: number;
  llr: number;
  llr_p_value: number;
  aic: number;
  bic: number;
}
interface Fixture {
  categorical: {
    education_map: Record<string, string>;
    marriage_map: Record<string, string>;
    education_levels: string[];
    marriage_levels: string[];
    numeric: string[];
    most_frequent: { EDUCATION: string; MARRIAGE: string };
    default_reference: LogitTable;
    chosen_reference: LogitTable & { EDUCATION: string; MARRIAGE: string };
  };
  l2: { lambda: number; features: string[]; coef: number[] };
}

const fixture = JSON.parse(readFileSync(join(REPO_ROOT, 'test/fixtures/models/logistic_reference.json'), 'utf8')) as Fixture;
const cat = fixture.categorical;

let table: UciTable;
let trainRows: number[];
let testRows: number[];
let yTrain: Labels;

/** LIMIT_BAL, EDUCATION (grouped), MARRIAGE (grouped), then the other numeric features: the fixture's design order. */
function categoricalDataset(rows: number[], educationLevels = cat.education_levels): Dataset {
  const numeric = cat.numeric.slice(1);
  const features: FeatureSpec[] = [
    { name: 'LIMIT_BAL', kind: 'numeric' },
    { name: 'EDUCATION', kind: 'categorical', levels: educationLevels },
    { name: 'MARRIAGE', kind: 'categorical', levels: cat.marriage_levels },
    ...numeric.map((name): FeatureSpec => ({ name, kind: 'numeric' })),
  ];
  const columns = [
    pick(column(table, 'LIMIT_BAL'), rows),
    categoricalColumn(column(table, 'EDUCATION'), rows, cat.education_map, educationLevels),
    categoricalColumn(column(table, 'MARRIAGE'), rows, cat.marriage_map, cat.marriage_levels),
    ...numeric.map((n) => pick(column(table, n), rows)),
  ];
  return { features, columns, rows: rows.length };
}

function expectMatchesStatsmodels(model: LogisticRegression, ref: LogitTable): void {
  const s = model.summary;
  expect(s.terms.map((t) => t.term)).toEqual(ref.names);
  const pairs: [string, number[], number[]][] = [
    ['coef', s.terms.map((t) => t.coef), ref.coef],
    ['std_err', s.terms.map((t) => t.stdErr), ref.std_err],
    ['z', s.terms.map((t) => t.z), ref.z],
    ['p_value', s.terms.map((t) => t.pValue), ref.p_value],
    ['ci_low', s.terms.map((t) => t.ciLow), ref.ci_low],
    ['ci_high', s.terms.map((t) => t.ciHigh), ref.ci_high],
  ];
  for (const [name, actual, expected] of pairs) {
    const { error, at } = maxRelativeError(actual, expected);
    expect(error, `${name}, worst at ${ref.names[at]}`).toBeLessThan(1e-6);
  }
  expect(relativeError(s.logLikelihood, ref.log_likelihood)).toBeLessThan(1e-9);
  expect(relativeError(s.llr, ref.llr)).toBeLessThan(1e-6);
  expect(relativeError(s.aic, ref.aic)).toBeLessThan(1e-9);
  expect(relativeError(s.bic, ref.bic)).toBeLessThan(1e-9);
  expect(relativeError(s.llrPValue, ref.llr_p_value)).toBeLessThan(1e-6);
}

beforeAll(() => {
  table = readUci();
  ({ train: trainRows, test: testRows } = uciSplit(table));
  yTrain = labels(table, trainRows);
});

describe('categorical features', () => {
  it('default reference = most frequent level, named in each term, matching statsmodels', () => {
    const model = new LogisticRegression().fit(categoricalDataset(trainRows), yTrain);
    expect(model.summary.referenceLevels).toEqual([
      { feature: 'EDUCATION', reference: cat.most_frequent.EDUCATION },
      { feature: 'MARRIAGE', reference: cat.most_frequent.MARRIAGE },
    ]);
    expect(model.termNames).toContain('EDUCATION=graduate (ref: university)');
    const graduate = model.summary.terms.find((t) => t.term === 'EDUCATION=graduate (ref: university)');
    expect(graduate?.feature).toBe('EDUCATION');
    expect(graduate?.level).toBe('graduate');
    expectMatchesStatsmodels(model, cat.default_reference);
  });

  it('a chosen reference level changes the terms but not the fitted PDs', () => {
    const ref = cat.chosen_reference;
    const chosen = new LogisticRegression({ referenceLevels: { EDUCATION: ref.EDUCATION, MARRIAGE: ref.MARRIAGE } }).fit(
      categoricalDataset(trainRows),
      yTrain,
    );
    expectMatchesStatsmodels(chosen, ref);
    const byDefault = new LogisticRegression().fit(categoricalDataset(trainRows), yTrain);
    const test = categoricalDataset(testRows);
    const a = chosen.predictProba(test);
    const b = byDefault.predictProba(test);
    const { error } = maxRelativeError(a, b);
    expect(error).toBeLessThan(1e-9); // same model space, only re-parametrized
    expect(chosen.summary.logLikelihood).toBeCloseTo(byDefault.summary.logLikelihood, 8);
  });

  it('matches scoring-time levels by NAME, not by index', () => {
    const model = new LogisticRegression().fit(categoricalDataset(trainRows), yTrain);
    const reordered = [...cat.education_levels].reverse();
    const p1 = model.predictProba(categoricalDataset(testRows));
    const p2 = model.predictProba(categoricalDataset(testRows, reordered));
    expect(Array.from(p2)).toEqual(Array.from(p1));
  });

  it('rejects a level that was not seen in training, naming it', () => {
    const model = new LogisticRegression().fit(categoricalDataset(trainRows), yTrain);
    const data = categoricalDataset(testRows.slice(0, 50));
    data.features[1] = { name: 'EDUCATION', kind: 'categorical', levels: [...cat.education_levels, 'doctorate'] };
    data.columns[1][7] = 4;
    expect(() => model.predictProba(data)).toThrow(/Level "doctorate" of "EDUCATION" \(row 8\) was not seen/);
  });

  it('rejects unknown reference levels and references on numeric features', () => {
    const data = categoricalDataset(trainRows.slice(0, 500));
    const y = yTrain.slice(0, 500);
    expect(() => new LogisticRegression({ referenceLevels: { EDUCATION: 'phd' } }).fit(data, y)).toThrow(/"phd" is not a level of "EDUCATION"/);
    expect(() => new LogisticRegression({ referenceLevels: { AGE: '30' } }).fit(data, y)).toThrow(/not a categorical feature/);
  });

  it('warns (does not throw) on quasi-separation: raw EDUCATION code 0 has no bads', () => {
    const codes = ['0', '1', '2', '3', '4', '5', '6'];
    const identity = Object.fromEntries(codes.map((c) => [c, c]));
    const data: Dataset = {
      features: [
        { name: 'EDUCATION', kind: 'categorical', levels: codes },
        { name: 'PAY_0', kind: 'numeric' },
      ],
      columns: [categoricalColumn(column(table, 'EDUCATION'), trainRows, identity, codes), pick(column(table, 'PAY_0'), trainRows)],
      rows: trainRows.length,
    };
    const model = new LogisticRegression().fit(data, yTrain);
    const s = model.summary;
    expect(s.converged).toBe(false);
    expect(s.warnings.join(' ')).toMatch(/Quasi-separation: \d+ of 21000 training rows/);
    expect(s.warnings.join(' ')).toContain('EDUCATION=0 (ref: 2)');
    expect(s.perfectlyPredicted).toBeGreaterThanOrEqual(10);
    const level0 = s.terms.find((t) => t.term === 'EDUCATION=0 (ref: 2)');
    expect(level0?.coef).toBeLessThan(-15); // diverging towards −∞: code 0 is always good
  });
});

describe('perfect separation, collinearity and degenerate inputs', () => {
  const tiny = (values: number[][], names: string[]): Dataset => ({
    features: names.map((name) => ({ name, kind: 'numeric' })),
    columns: values.map((v) => Float64Array.from(v)),
    rows: values[0].length,
  });
  const x = Array.from({ length: 40 }, (_, i) => i);
  const noise = x.map((i) => Math.sin(i * 12.9898) * 3);

  it('perfect separation gives a model with a clear warning', () => {
    const y = Uint8Array.from(x, (i) => (i >= 20 ? 1 : 0));
    const model = new LogisticRegression().fit(tiny([x, noise], ['days_past_due', 'noise']), y);
    const w = model.summary.warnings.join(' ');
    expect(w).toMatch(/Perfect separation: every one of the 40 training rows/);
    expect(w).toContain('days_past_due');
    expect(model.summary.converged).toBe(false);
  });

  it('names the collinear term', () => {
    const y = Uint8Array.from(x, (i) => (Math.sin(i) > 0 ? 1 : 0));
    const doubled = x.map((v) => 2 * v + 1);
    expect(() => new LogisticRegression().fit(tiny([x, noise, doubled], ['balance', 'noise', 'balance_x2']), y)).toThrow(
      /"balance_x2" is an exact linear combination/,
    );
  });

  it('rejects a constant feature, one-outcome labels and too few rows', () => {
    const y = Uint8Array.from(x, (i) => (Math.sin(i) > 0 ? 1 : 0));
    expect(() => new LogisticRegression().fit(tiny([x, x.map(() => 5)], ['balance', 'branch']), y)).toThrow(/"branch" has the same value on every training row/);
    expect(() => new LogisticRegression().fit(tiny([x], ['balance']), new Uint8Array(40))).toThrow(/all good/);
    expect(() => new LogisticRegression().fit(tiny([[1, 2], [3, 1]], ['a', 'b']), Uint8Array.from([0, 1]))).toThrow(/cannot support 3 coefficients/);
  });

  it('rejects a categorical feature with one level in training', () => {
    const data: Dataset = {
      features: [
        { name: 'balance', kind: 'numeric' },
        { name: 'product', kind: 'categorical', levels: ['card', 'mortgage'] },
      ],
      columns: [Float64Array.from(x), new Float64Array(40)],
      rows: 40,
    };
    const y = Uint8Array.from(x, (i) => (Math.sin(i) > 0 ? 1 : 0));
    expect(() => new LogisticRegression().fit(data, y)).toThrow(/"product" has only one level \("card"\)/);
  });

  it('rejects invalid options', () => {
    expect(() => new LogisticRegression({ l2: -1 })).toThrow(/L2 penalty must be a number ≥ 0/);
    expect(() => new LogisticRegression({ maxIterations: 0 })).toThrow(/iteration limit/);
    expect(() => new LogisticRegression({ tolerance: 0 })).toThrow(/tolerance/);
  });
});

describe('missing values', () => {
  const features = ['LIMIT_BAL', 'AGE', 'PAY_0'];
  const build = (rows: number[]): Dataset => ({
    features: features.map((name) => ({ name, kind: 'numeric' })),
    columns: features.map((n) => pick(column(table, n), rows)),
    rows: rows.length,
  });

  it('refuses incomplete rows with an error naming the feature and the count', () => {
    const data = build(trainRows);
    data.columns[1][4] = NaN;
    data.columns[1][40] = NaN;
    data.columns[1][400] = NaN;
    let caught: unknown;
    try {
      new LogisticRegression().fit(data, yTrain);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ModelInputError);
    const err = caught as ModelInputError;
    expect(err.kind).toBe('bad_input');
    expect(err.message).toMatch(/Feature "AGE" has 3 missing values \(first at row 5\)/);
    expect(err.details).toEqual({ feature: 'AGE', missing: 3, firstRow: 5 });
  });

  it('median imputation fills training and scoring gaps with the training median', () => {
    const data = build(trainRows);
    data.columns[1][4] = NaN;
    const present = Array.from(data.columns[1]).filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
    expect(present.length).toBe(20999); // odd: the median is the middle age
    const median = present[(present.length - 1) / 2];
    const model = new LogisticRegression({ impute: 'median' }).fit(data, yTrain);
    const score = build(testRows.slice(0, 20));
    const filled = build(testRows.slice(0, 20));
    score.columns[1][3] = NaN;
    filled.columns[1][3] = median;
    expect(model.predictProba(score)[3]).toBe(model.predictProba(filled)[3]);
    expect(model.predictProba(score)[3]).not.toBe(model.predictProba(build(testRows.slice(0, 20)))[3]);
  });
});

describe('L2 penalty', () => {
  it('matches the penalized optimum (numpy Newton, confirmed by scikit-learn C = 1/λ)', () => {
    const names = fixture.l2.features.slice(1);
    const data: Dataset = {
      features: fixture.l2.features.map((name) => ({ name, kind: 'numeric' })),
      columns: [Float64Array.from(trainRows, (i) => column(table, 'LIMIT_BAL')[i] / 100000), ...names.map((n) => pick(column(table, n), trainRows))],
      rows: trainRows.length,
    };
    const penalized = new LogisticRegression({ l2: fixture.l2.lambda }).fit(data, yTrain);
    const { error } = maxRelativeError(penalized.coefficients, fixture.l2.coef);
    expect(error).toBeLessThan(1e-8);
    expect(penalized.summary.warnings.join(' ')).toMatch(/L2 penalty \(λ = 200\)/);
    // Shrinkage: the penalized slopes are smaller in total than the unpenalized ones; the intercept is free.
    const plain = new LogisticRegression().fit(data, yTrain);
    const norm = (c: Float64Array): number => c.slice(1).reduce((s, v) => s + v * v, 0);
    expect(norm(penalized.coefficients)).toBeLessThan(norm(plain.coefficients));
  });
});
