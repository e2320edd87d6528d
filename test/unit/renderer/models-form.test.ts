/**
 * The Models page's pure parts: the train form becoming `TrainArgs` (every check it makes before the
 * engine is asked), the target suggestion, and the statistics formatting a validator reads.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_FORM, suggestTarget, targetMapsItself, trainArgsOf, type TrainForm } from '../../../renderer/pages/models/trainForm';
import { coefText, fixed, pClause, psiLevel, pValueText, shareText, significanceMark } from '../../../renderer/pages/models/modelFormat';

const BINARY = [
  { value: '0', rows: 23_364 },
  { value: '1', rows: 6_636 },
];
const BUCKETS = [
  { value: 'current', rows: 900 },
  { value: 'M1', rows: 60 },
  { value: 'M2+', rows: 40 },
];
const UCI_FORM: TrainForm = { ...DEFAULT_FORM, table: 'uci_credit_card', target: 'default_next_month', features: ['LIMIT_BAL', 'PAY_0'] };

describe('trainArgsOf', () => {
  it('turns a filled logistic form into the engine arguments, leaving the 0/1 target unmapped', () => {
    const check = trainArgsOf({ ...UCI_FORM, validation: 'where', testWhere: '  ID % 10 >= 7 ', l2: '0.5', name: ' pd_v1 ' }, BINARY);
    expect(check).toEqual({
      ok: true,
      args: {
        table: 'uci_credit_card',
        target: 'default_next_month',
        features: ['LIMIT_BAL', 'PAY_0'],
        model: 'logistic',
        name: 'pd_v1',
        validation: { kind: 'where', testWhere: 'ID % 10 >= 7' },
        seed: 42,
        logistic: { l2: 0.5, impute: 'none' },
      },
    });
  });

  it('sends forest parameters only as far as the analyst set them', () => {
    const check = trainArgsOf({ ...UCI_FORM, model: 'forest', trees: '20', crossValidate: true, cvFolds: '5' }, BINARY);
    expect(check.ok && check.args.forest).toEqual({ trees: 20, minSamplesLeaf: 1, maxFeatures: 'sqrt' });
    expect(check.ok && check.args.cvFolds).toBe(5);
    expect(check.ok && check.args.validation).toEqual({ kind: 'random', testFraction: 0.3 });
    const full = trainArgsOf(
      { ...UCI_FORM, model: 'forest', maxDepth: '8', minSamplesLeaf: '50', maxFeatures: 'custom', maxFeaturesValue: '0.4', classWeight: 'balanced' },
      BINARY,
    );
    expect(full.ok && full.args.forest).toEqual({ trees: 100, maxDepth: 8, minSamplesLeaf: 50, maxFeatures: 0.4, classWeight: 'balanced' });
    expect(full.ok && full.args.logistic).toBeUndefined();
  });

  it('maps a non-binary target with the ticked bad values, and insists on at least one good one', () => {
    const form = { ...UCI_FORM, target: 'bucket' };
    expect(trainArgsOf(form, BUCKETS)).toEqual({ ok: false, problem: 'models.problem.badNone', field: 'bad' });
    expect(trainArgsOf({ ...form, bad: ['current', 'M1', 'M2+'] }, BUCKETS)).toEqual({ ok: false, problem: 'models.problem.badAll', field: 'bad' });
    const ok = trainArgsOf({ ...form, bad: ['M2+'] }, BUCKETS);
    expect(ok.ok && ok.args.bad).toEqual(['M2+']);
  });

  it('names the first thing to fix, field by field', () => {
    const problem = (f: Partial<TrainForm>, values = BINARY) => {
      const c = trainArgsOf({ ...UCI_FORM, ...f }, values);
      return c.ok ? null : c.problem;
    };
    expect(problem({ table: '' })).toBe('models.problem.table');
    expect(problem({ target: '' })).toBe('models.problem.target');
    expect(trainArgsOf(UCI_FORM, null)).toMatchObject({ ok: false, problem: 'models.problem.targetUnchecked' });
    expect(problem({}, [{ value: '1', rows: 10 }])).toBe('models.problem.targetOneValue');
    expect(problem({ features: [] })).toBe('models.problem.features');
    expect(problem({ features: ['default_next_month'] })).toBe('models.problem.targetIsFeature');
    expect(problem({ seed: '-1' })).toBe('models.problem.seed');
    expect(problem({ seed: '4.5' })).toBe('models.problem.seed');
    expect(problem({ testFraction: '1' })).toBe('models.problem.testFraction');
    expect(problem({ testFraction: 'abc' })).toBe('models.problem.testFraction');
    expect(problem({ validation: 'where', testWhere: '   ' })).toBe('models.problem.testWhere');
    expect(problem({ crossValidate: true, cvFolds: '1' })).toBe('models.problem.cvFolds');
    expect(problem({ name: 'x'.repeat(101) })).toBe('models.problem.name');
    expect(problem({ l2: '-0.1' })).toBe('models.problem.l2');
    expect(problem({ model: 'forest', trees: '0' })).toBe('models.problem.trees');
    expect(problem({ model: 'forest', maxDepth: '2.5' })).toBe('models.problem.maxDepth');
    expect(problem({ model: 'forest', minSamplesLeaf: '' })).toBe('models.problem.minSamplesLeaf');
    expect(problem({ model: 'forest', maxFeatures: 'custom', maxFeaturesValue: '2.5' })).toBe('models.problem.maxFeatures');
    // No check at all for a validation that does not use the field.
    expect(problem({ validation: 'none', testFraction: 'abc' })).toBeNull();
  });
});

describe('target helpers', () => {
  it('a 0/1 or false/true column maps itself, anything else does not', () => {
    expect(targetMapsItself(BINARY)).toBe(true);
    expect(targetMapsItself([{ value: 'false', rows: 1 }, { value: 'true', rows: 1 }])).toBe(true);
    expect(targetMapsItself(BUCKETS)).toBe(false);
    expect(targetMapsItself([{ value: '1', rows: 1 }, { value: '2', rows: 1 }])).toBe(false);
  });

  it('suggests the outcome column by its name', () => {
    expect(suggestTarget(['ID', 'LIMIT_BAL', 'PAY_0', 'default_next_month'])).toBe('default_next_month');
    expect(suggestTarget(['loan_id', 'is_bad', 'target'])).toBe('target');
    expect(suggestTarget(['loan_id', 'ever_dpd90'])).toBe('ever_dpd90');
    expect(suggestTarget(['客户编号', '是否逾期'])).toBe('是否逾期');
    expect(suggestTarget(['loan_id', 'balance'])).toBe('');
  });
});

describe('statistics as printed', () => {
  it('marks significance the usual way', () => {
    expect([0.0001, 0.005, 0.03, 0.07, 0.2, Number.NaN].map(significanceMark)).toEqual(['***', '**', '*', '.', '', '']);
  });

  it('prints p-values like statsmodels and never as 0.000', () => {
    expect(pValueText(5.36e-8)).toBe('<0.001');
    expect(pValueText(0.0022)).toBe('0.002');
    expect(pValueText(null)).toBe('—');
    expect(pClause(1e-9)).toBe('p < 0.001');
    expect(pClause(0.2)).toBe('p = 0.200');
  });

  it('keeps tiny coefficients readable and the rest at four fixed decimals', () => {
    expect(coefText(-6.903750635749331e-7)).toBe('-6.904e-7');
    expect(coefText(0.5821787854757318)).toBe('0.5822');
    expect(coefText(-0.112)).toBe('-0.1120');
    expect(coefText(0)).toBe('0.0000');
    expect(fixed(0.464, 4)).toBe('0.4640');
    expect(shareText(0.22)).toBe('22.0%');
    expect(shareText(0.0004276, 2)).toBe('0.04%');
    expect(shareText(null)).toBe('—');
  });

  it('reads PSI with the usual 0.1 / 0.25 thresholds', () => {
    expect([0.0011, 0.1, 0.2499, 0.25, 0.43].map(psiLevel)).toEqual(['stable', 'watch', 'watch', 'shift', 'shift']);
  });
});
