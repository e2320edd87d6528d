/**
 * The Monitoring rule editors' pure halves: each form turns the saved rules into what the user edits
 * and back without loss, says which row and field is wrong (every message, each in its own case),
 * keeps the order that decides "first match wins", and places the engine's refusal on its row.
 */
import { describe, expect, it } from 'vitest';
import { toErrorShape } from '../../../src/api/errors';
import type { CaseAllocationRule, DeskRules, PanelMapping, TierRuleSet, WarningRules } from '../../../src/api/monitoring';
import { validateDeskRules } from '../../../src/monitoring/deskRules';
import { validateWarningRules } from '../../../src/monitoring/warningRules';
import { allocationFormFrom, allocationFrom, newAllocationRow, placeAllocationError, toggleIn, type AllocationRow } from '../../../renderer/pages/monitoring/allocationForm';
import { deskFormFrom, deskRulesFrom, isDefaultLgd, newLayerRow, newLgdRow, placeDeskError, type DeskRulesForm } from '../../../renderer/pages/monitoring/deskRulesForm';
import { fieldLocation, moveRow, parseNumber, parseOptional, removeRow, uniqueId, type FieldLocation } from '../../../renderer/pages/monitoring/orderedRows';
import { productsSql } from '../../../renderer/pages/monitoring/sqlText';
import { formFrom, newProductLimitsRow, productList, ruleSetFrom, type RuleSetForm } from '../../../renderer/pages/monitoring/ruleSetForm';
import { newLoanRow, newPortfolioRow, placeWarningError, warningFormFrom, warningRulesFrom, type WarningRulesForm } from '../../../renderer/pages/monitoring/warningRulesForm';

/** Form rows carry React keys the models do not have. */
const unkeyed = <T extends { key: string }>(rows: readonly T[]) => rows.map(({ key: _key, ...rest }) => rest);

// ------------------------------------------------------------------ ordered rows

describe('ordered rows', () => {
  it('moves a row one place up or down and leaves the ends where they are', () => {
    expect(moveRow(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveRow(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveRow(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveRow(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
    expect(removeRow(['a', 'b', 'c'], 1)).toEqual(['a', 'c']);
  });

  it('gives a new rule the first free id', () => {
    expect(uniqueId('rule', [])).toBe('rule_1');
    expect(uniqueId('rule', ['rule_1', 'rule_3', 'dpd_1'])).toBe('rule_2');
  });

  it('reads numbers as typed: blank is "not set" for optional fields, text is wrong', () => {
    expect(parseNumber(' 0.25 ')).toBe(0.25);
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('abc')).toBeNull();
    expect(parseOptional('  ')).toBeUndefined();
    expect(parseOptional('12')).toBe(12);
    expect(parseOptional('1e')).toBeNull();
  });

  it("reads where an engine bad_input points, and nothing from other errors", () => {
    expect(fieldLocation({ kind: 'bad_input', message: 'x', details: { field: 'loan[3]', rule: 'dpd_30' } })).toEqual({ list: 'loan', row: 3, key: null });
    expect(fieldLocation({ kind: 'bad_input', message: 'x', details: { field: 'lgd.credit_card' } })).toEqual({ list: 'lgd', row: null, key: 'credit_card' });
    expect(fieldLocation({ kind: 'bad_input', message: 'x', details: { field: 'rules' } })).toEqual({ list: 'rules', row: null, key: null });
    expect(fieldLocation({ kind: 'bad_input', message: 'x' })).toBeNull();
    expect(fieldLocation({ kind: 'internal', message: 'x', details: { field: 'loan[0]' } })).toBeNull();
  });
});

// ------------------------------------------------------------------ warning rules

const WARNING_RULES: WarningRules = {
  loan: [
    { id: 'dpd_30', label: 'More than 30 days past due', metric: 'dpd', comparison: '>', threshold: 30, level: 'orange', enabled: true },
    { id: 'pd_high', label: 'Model PD above 20%', metric: 'pd', comparison: '>', threshold: 0.2, level: 'orange', enabled: false },
    { id: 'pd_jump', label: 'PD up 5 points', metric: 'pdChange', comparison: '>', threshold: 0.05, level: 'yellow', enabled: true },
  ],
  portfolio: [
    { id: 'npl_ratio', indicator: 'nplRatio', light: 0.02, moderate: 0.03, severe: 0.05, enabled: true },
    { id: 'region_hhi', indicator: 'regionHhi', light: 0.25, moderate: 0.35, severe: 0.5, enabled: false },
  ],
};

describe('warning rules form', () => {
  it('round-trips a rule book, enabled flags and order included', () => {
    const form = warningFormFrom(WARNING_RULES);
    expect(form.loan.map((r) => r.threshold)).toEqual(['30', '0.2', '0.05']);
    expect(warningRulesFrom(form)).toEqual({ ok: true, value: WARNING_RULES });
    const edited: WarningRulesForm = { ...form, loan: moveRow(form.loan, 0, 1).map((r) => (r.id === 'dpd_30' ? { ...r, threshold: ' 60 ', label: ' Over 60 days ' } : r)) };
    const out = warningRulesFrom(edited);
    expect(out.ok && out.value.loan.map((r) => [r.id, r.threshold, r.label])).toEqual([
      ['pd_high', 0.2, 'Model PD above 20%'],
      ['dpd_30', 60, 'Over 60 days'],
      ['pd_jump', 0.05, 'PD up 5 points'],
    ]);
  });

  it('gives new rows ids no rule of either list has, and a new portfolio rule an unwatched indicator', () => {
    const form = warningFormFrom({ ...WARNING_RULES, loan: [{ ...WARNING_RULES.loan[0], id: 'rule_1' }], portfolio: [{ ...WARNING_RULES.portfolio[0], id: 'portfolio_1' }] });
    const loan = newLoanRow(form);
    expect(loan.id).toBe('rule_2');
    const portfolio = newPortfolioRow(form);
    expect(portfolio.id).toBe('portfolio_2');
    expect(portfolio.indicator).toBe('normalMigrationRate');
    // A blank new row is not saved silently: it needs a label and a threshold first.
    const out = warningRulesFrom({ ...form, loan: [...form.loan, loan] });
    expect(out).toEqual({ ok: false, problems: [{ list: 'loan', row: 1, field: 'label', problem: 'mon.wr.noLabel' }] });
    const filled = warningRulesFrom({ ...form, loan: [...form.loan, { ...loan, label: 'Over 60', threshold: '60' }] });
    expect(filled.ok && filled.value.loan[1]).toEqual({ id: 'rule_2', label: 'Over 60', metric: 'dpd', comparison: '>=', threshold: 60, level: 'yellow', enabled: true });
  });

  it("checks a loan rule's threshold against its metric's unit", () => {
    const form = warningFormFrom(WARNING_RULES);
    const withRow = (patch: Partial<WarningRulesForm['loan'][number]>) => warningRulesFrom({ ...form, loan: [{ ...form.loan[0], ...patch }] });
    const problem = (patch: Partial<WarningRulesForm['loan'][number]>) => {
      const out = withRow(patch);
      return out.ok ? null : out.problems.map((p) => [p.field, p.problem]);
    };
    expect(problem({ threshold: '' })).toEqual([['threshold', 'mon.wr.badNumber']]);
    expect(problem({ threshold: 'thirty' })).toEqual([['threshold', 'mon.wr.badNumber']]);
    expect(problem({ metric: 'dpd', threshold: '30.5' })).toEqual([['threshold', 'mon.wr.range.dpd']]);
    expect(problem({ metric: 'dpd', threshold: '-1' })).toEqual([['threshold', 'mon.wr.range.dpd']]);
    expect(problem({ metric: 'paidDeclineStreak', threshold: '0' })).toEqual([['threshold', 'mon.wr.range.paidDeclineStreak']]);
    expect(problem({ metric: 'pd', threshold: '20' })).toEqual([['threshold', 'mon.wr.range.pd']]);
    expect(problem({ metric: 'pdChange', threshold: '5' })).toEqual([['threshold', 'mon.wr.range.pdChange']]);
    expect(problem({ metric: 'ltv', threshold: '-0.1' })).toEqual([['threshold', 'mon.wr.range.ltv']]);
    expect(problem({ metric: 'utilisationChange', threshold: '130' })).toEqual([['threshold', 'mon.wr.range.utilisationChange']]);
    // The same numbers are fine in the units they belong to.
    for (const ok of [{ metric: 'pd', threshold: '0.2' }, { metric: 'ltv', threshold: '1.2' }, { metric: 'utilisationChange', threshold: '-30' }, { metric: 'pdChange', threshold: '-0.05' }] as const) {
      expect(withRow(ok).ok, JSON.stringify(ok)).toBe(true);
    }
  });

  it('checks portfolio thresholds: numbers, shares, light ≤ moderate ≤ severe, one rule per indicator', () => {
    const form = warningFormFrom(WARNING_RULES);
    const npl = form.portfolio[0];
    const check = (rows: WarningRulesForm['portfolio']) => {
      const out = warningRulesFrom({ ...form, portfolio: rows });
      return out.ok ? [] : out.problems;
    };
    expect(check([{ ...npl, moderate: '' }])).toEqual([{ list: 'portfolio', row: 0, field: 'moderate', problem: 'mon.wr.badNumber' }]);
    expect(check([{ ...npl, severe: '5' }])).toEqual([{ list: 'portfolio', row: 0, field: 'severe', problem: 'mon.wr.share' }]);
    expect(check([{ ...npl, light: '0.04' }])).toEqual([{ list: 'portfolio', row: 0, field: 'moderate', problem: 'mon.wr.order' }]);
    expect(check([{ ...npl, severe: '0.025' }])).toEqual([{ list: 'portfolio', row: 0, field: 'severe', problem: 'mon.wr.order' }]);
    // Equal thresholds are allowed (≤), as the engine allows them.
    expect(check([{ ...npl, moderate: '0.02', severe: '0.02' }])).toEqual([]);
    expect(check([npl, { ...form.portfolio[1], indicator: 'nplRatio' }])).toEqual([{ list: 'portfolio', row: 1, field: 'indicator', problem: 'mon.wr.duplicate' }]);
  });

  it('reports every wrong row of both lists at once, in order', () => {
    const form = warningFormFrom(WARNING_RULES);
    const out = warningRulesFrom({
      loan: [form.loan[0], { ...form.loan[1], label: '  ' }, { ...form.loan[2], threshold: 'x' }],
      portfolio: [{ ...form.portfolio[0], light: '0.9' }],
    });
    expect(out.ok ? [] : out.problems.map((p) => `${p.list}[${p.row}].${p.field}`)).toEqual(['loan[1].label', 'loan[2].threshold', 'portfolio[0].moderate']);
  });
});

// ------------------------------------------------------------------ desk rules

const DESK: DeskRules = {
  layerRules: [
    { layer: 'C', tierAtLeast: 'substandard', warningAtLeast: 'red', pdAtLeast: 0.2 },
    { layer: 'B', tierAtLeast: 'special_mention' },
    { layer: 'B', pdAtLeast: 0.05 },
  ],
  lgd: { default: 0.45, mortgage: 0.25, credit_card: 0.8 },
  thresholds: { nplRatio: { max: 0.05 }, count: { min: 10, max: 5000 } },
  allocation: [{ team: 'late_recovery', stages: ['late'] }],
  savedAt: '2025-01-31T10:00:00.000Z',
};
const { savedAt: _savedAt, ...DESK_RULES } = DESK;

describe('desk rules form', () => {
  it('round-trips layer rules, LGD per product and anomaly thresholds, allocation passed through', () => {
    const form = deskFormFrom(DESK);
    expect(form.lgd.map((r) => [r.product, r.lgd])).toEqual([
      ['default', '0.45'],
      ['mortgage', '0.25'],
      ['credit_card', '0.8'],
    ]);
    expect(form.thresholds.nplRatio).toEqual({ min: '', max: '0.05' });
    expect(form.thresholds.averagePd).toEqual({ min: '', max: '' });
    expect(unkeyed(form.layerRules)[1]).toEqual({ layer: 'B', tierAtLeast: 'special_mention', warningAtLeast: '', pdAtLeast: '' });
    expect(deskRulesFrom(form, DESK.allocation)).toEqual({ ok: true, value: DESK_RULES });
  });

  it('always offers the default LGD, at the documented 0.45 when none was saved', () => {
    const form = deskFormFrom({ ...DESK, lgd: { card: 0.9 } });
    expect(form.lgd.map((r) => [r.product, r.lgd, isDefaultLgd(r)])).toEqual([
      ['default', '0.45', true],
      ['card', '0.9', false],
    ]);
  });

  it('keeps the order of layer rules as moved (first match wins) and saves only the conditions set', () => {
    const form = deskFormFrom(DESK);
    const out = deskRulesFrom({ ...form, layerRules: moveRow(form.layerRules, 2, -1) }, []);
    expect(out.ok && out.value.layerRules).toEqual([DESK.layerRules[0], DESK.layerRules[2], DESK.layerRules[1]]);
    const added = deskRulesFrom({ ...form, layerRules: [...form.layerRules, { ...newLayerRow(), layer: 'C', warningAtLeast: 'orange' }] }, []);
    expect(added.ok && added.value.layerRules[3]).toEqual({ layer: 'C', warningAtLeast: 'orange' });
  });

  it('says which layer rule, LGD row or threshold is wrong', () => {
    const form = deskFormFrom(DESK);
    const problems = (f: Partial<DeskRulesForm>) => {
      const out = deskRulesFrom({ ...form, ...f }, []);
      return out.ok ? [] : out.problems;
    };
    expect(problems({ layerRules: [{ ...form.layerRules[0], pdAtLeast: '20%' }] })).toEqual([{ list: 'layerRules', row: 0, field: 'pdAtLeast', problem: 'mon.desk.badPd' }]);
    expect(problems({ layerRules: [{ ...form.layerRules[0], pdAtLeast: '1.5' }] })).toEqual([{ list: 'layerRules', row: 0, field: 'pdAtLeast', problem: 'mon.desk.badPd' }]);
    expect(problems({ layerRules: [form.layerRules[0], newLayerRow()] })).toEqual([{ list: 'layerRules', row: 1, field: null, problem: 'mon.desk.noCondition' }]);
    expect(problems({ lgd: [...form.lgd, newLgdRow()] })).toEqual([{ list: 'lgd', row: 3, field: 'product', problem: 'mon.desk.noProduct' }]);
    expect(problems({ lgd: [...form.lgd, { ...newLgdRow(), product: ' mortgage ', lgd: '0.3' }] })).toEqual([{ list: 'lgd', row: 3, field: 'product', problem: 'mon.desk.duplicateProduct' }]);
    expect(problems({ lgd: [...form.lgd, { ...newLgdRow(), product: 'default', lgd: '0.3' }] })).toEqual([{ list: 'lgd', row: 3, field: 'product', problem: 'mon.desk.duplicateProduct' }]);
    expect(problems({ lgd: [{ ...form.lgd[0], lgd: '45' }] })).toEqual([{ list: 'lgd', row: 0, field: 'lgd', problem: 'mon.desk.badLgd' }]);
    expect(problems({ lgd: [{ ...form.lgd[0], lgd: '' }] })).toEqual([{ list: 'lgd', row: 0, field: 'lgd', problem: 'mon.desk.badLgd' }]);
    // Thresholds are reported by the indicator's place in the report (count is the first, nplRatio the sixth).
    expect(problems({ thresholds: { ...form.thresholds, count: { min: 'ten', max: '' } } })).toEqual([{ list: 'thresholds', row: 0, field: 'min', problem: 'mon.wr.badNumber' }]);
    expect(problems({ thresholds: { ...form.thresholds, nplRatio: { min: '', max: '5%' } } })).toEqual([{ list: 'thresholds', row: 5, field: 'max', problem: 'mon.wr.badNumber' }]);
    expect(problems({ thresholds: { ...form.thresholds, nplRatio: { min: '0.06', max: '0.05' } } })).toEqual([{ list: 'thresholds', row: 5, field: 'max', problem: 'mon.desk.boundOrder' }]);
  });

  it('sets LGD default to 1 and drops cleared thresholds', () => {
    const form = deskFormFrom(DESK);
    const out = deskRulesFrom({ ...form, lgd: [{ ...form.lgd[0], lgd: '1' }, form.lgd[1]], thresholds: { ...form.thresholds, count: { min: '', max: '' } } }, []);
    expect(out.ok && out.value.lgd).toEqual({ default: 1, mortgage: 0.25 });
    expect(out.ok && out.value.thresholds).toEqual({ nplRatio: { max: 0.05 } });
  });
});

// ------------------------------------------------------------------ case allocation

const ALLOCATION: CaseAllocationRule[] = [
  { team: 'late_recovery', stages: ['late'] },
  { team: 'middle_senior', stages: ['middle'], layers: ['C'] },
  { team: 'early_phone', stages: ['early'], minBalance: 50_000 },
  { team: 'small_early', stages: ['early', 'middle'], layers: ['A', 'B'], maxBalance: 5_000 },
];

describe('case allocation form', () => {
  it('round-trips the ordered rules, and keeps a new order', () => {
    const rows = allocationFormFrom(ALLOCATION);
    expect(unkeyed(rows)[2]).toEqual({ team: 'early_phone', stages: ['early'], layers: [], minBalance: '50000', maxBalance: '' });
    expect(allocationFrom(rows)).toEqual({ ok: true, value: ALLOCATION });
    const moved = allocationFrom(moveRow(rows, 3, -1));
    expect(moved.ok && moved.value.map((r) => r.team)).toEqual(['late_recovery', 'middle_senior', 'small_early', 'early_phone']);
  });

  it('ticks stages and layers into their canonical order, empty meaning all', () => {
    expect(toggleIn(['early', 'middle', 'late'] as const, ['late'], 'early', true)).toEqual(['early', 'late']);
    expect(toggleIn(['A', 'B', 'C'] as const, ['A', 'C'], 'A', false)).toEqual(['C']);
    const rows: AllocationRow[] = [{ ...newAllocationRow(), team: ' early_all ', stages: ['late', 'early'] }];
    expect(allocationFrom(rows)).toEqual({ ok: true, value: [{ team: 'early_all', stages: ['early', 'late'] }] });
  });

  it('says which row is wrong: no team, a bad balance, bounds the wrong way, a row nothing reaches', () => {
    const rows = allocationFormFrom(ALLOCATION);
    const problems = (r: AllocationRow[]) => {
      const out = allocationFrom(r);
      return out.ok ? [] : out.problems.map((p) => [p.row, p.field, p.problem]);
    };
    expect(problems([{ ...rows[0], team: ' ' }])).toEqual([[0, 'team', 'mon.alloc.noTeam']]);
    expect(problems([{ ...rows[0], minBalance: '5k' }])).toEqual([[0, 'minBalance', 'mon.alloc.badBalance']]);
    expect(problems([{ ...rows[0], maxBalance: '-1' }])).toEqual([[0, 'maxBalance', 'mon.alloc.badBalance']]);
    // The engine routes on from ≤ balance < below: equal bounds would take no case.
    expect(problems([{ ...rows[0], minBalance: '5000', maxBalance: '5000' }])).toEqual([[0, 'maxBalance', 'mon.alloc.balanceOrder']]);
    const catchAll: AllocationRow = { ...newAllocationRow(), team: 'everyone' };
    expect(problems([rows[0], catchAll, rows[1], rows[2]])).toEqual([
      [2, null, 'mon.alloc.unreachable'],
      [3, null, 'mon.alloc.unreachable'],
    ]);
    // Moved to the end, the catch-all takes only what the others leave.
    expect(problems(moveRow([rows[0], catchAll, rows[1]], 1, 1))).toEqual([]);
  });
});

// ------------------------------------------------------------------ tier rule sets per product

const MIXED: TierRuleSet = {
  name: 'desk_mixed',
  label: 'Retail with cards',
  maxDpd: { normal: 0, special_mention: 90, substandard: 270, doubtful: 360 },
  byProduct: [
    { products: ['credit_card', 'card_gold'], maxDpd: { normal: 0, special_mention: 90, substandard: 120, doubtful: 180 } },
    { products: ['auto'], maxDpd: { normal: 0, special_mention: 60, substandard: 180, doubtful: 360 } },
  ],
  overrides: [{ flag: 'restructured', atLeast: 'substandard' }],
  grades: [],
  provisionRates: { normal: 0.01, special_mention: 0.02, substandard: 0.25, doubtful: 0.5, loss: 1 },
};

describe('rule set form: other limits for some products', () => {
  it('round-trips per-product limits in order, and leaves them out when there are none', () => {
    const form = formFrom(MIXED);
    expect(form.byProduct.map((r) => r.products)).toEqual(['credit_card, card_gold', 'auto']);
    expect(ruleSetFrom(form)).toEqual({ ok: true, ruleSet: MIXED });
    const moved = ruleSetFrom({ ...form, byProduct: moveRow(form.byProduct, 1, -1) });
    expect(moved.ok && moved.ruleSet.byProduct?.map((p) => p.products)).toEqual([['auto'], ['credit_card', 'card_gold']]);
    const none = ruleSetFrom({ ...form, byProduct: [] });
    expect(none.ok && 'byProduct' in none.ruleSet).toBe(false);
  });

  it('splits products on Western and Chinese commas, each once', () => {
    expect(productList(' credit_card，card_gold, ,card_gold、auto ')).toEqual(['credit_card', 'card_gold', 'auto']);
  });

  it('names the wrong product row with the same day checks as the main limits', () => {
    const form = formFrom(MIXED);
    const withRow = (patch: Partial<RuleSetForm['byProduct'][number]>, row = 1): ReturnType<typeof ruleSetFrom> =>
      ruleSetFrom({ ...form, byProduct: form.byProduct.map((r, i) => (i === row ? { ...r, ...patch } : r)) });
    expect(withRow({ products: ' , ' })).toEqual({ ok: false, problem: 'mon.rules.noProducts', productRow: 1 });
    expect(withRow({ products: 'auto, card_gold' })).toEqual({ ok: false, problem: 'mon.rules.productRepeated', productRow: 1 });
    expect(withRow({ maxDpd: { ...form.byProduct[1].maxDpd, substandard: '45' } })).toEqual({ ok: false, problem: 'mon.rules.daysOrder', productRow: 1 });
    expect(withRow({ maxDpd: { ...form.byProduct[0].maxDpd, doubtful: '180.5' } }, 0)).toEqual({ ok: false, problem: 'mon.rules.badDays', productRow: 0 });
    // A problem in the main limits names no product row.
    expect(ruleSetFrom({ ...form, maxDpd: { ...form.maxDpd, normal: '' } })).toEqual({ ok: false, problem: 'mon.rules.badDays' });
  });

  it('starts a new product row from the main limits', () => {
    const form = formFrom(MIXED);
    const row = newProductLimitsRow(form.maxDpd);
    expect(row.maxDpd).toEqual(form.maxDpd);
    expect(row.maxDpd).not.toBe(form.maxDpd);
    expect(ruleSetFrom({ ...form, byProduct: [...form.byProduct, { ...row, products: 'mortgage' }] })).toMatchObject({ ok: true });
  });
});

// ------------------------------------------------------------------ products of a panel

describe('products of a panel', () => {
  const base: PanelMapping = { panel: 'p', table: 'perf', columns: { loanId: 'loan_id', snapshotDate: 'snapshot_date', daysPastDue: 'dpd', balance: 'balance' } };

  it('reads them from the panel, or from the attributes table, quoting every name', () => {
    expect(productsSql({ ...base, columns: { ...base.columns, product: 'prod"uct' } })).toBe(
      'SELECT DISTINCT CAST("prod""uct" AS VARCHAR) AS product FROM "perf" WHERE "prod""uct" IS NOT NULL ORDER BY 1',
    );
    expect(productsSql({ ...base, attributes: { table: 'loans', key: 'loan_id', columns: { product: 'product' } } })).toBe(
      'SELECT DISTINCT CAST("product" AS VARCHAR) AS product FROM "loans" WHERE "product" IS NOT NULL ORDER BY 1',
    );
  });

  it('asks nothing when no product column is mapped', () => {
    expect(productsSql(base)).toBeNull();
    expect(productsSql({ ...base, attributes: { table: 'loans', key: 'loan_id', columns: { region: 'region' } } })).toBeNull();
  });
});

// ------------------------------------------------------------------ the engine's refusal, on its row

/** Where the engine's own validator points when it refuses these rules (what the dialog receives). */
function refusal(validate: () => unknown): FieldLocation {
  try {
    validate();
  } catch (e) {
    const at = fieldLocation(toErrorShape(e));
    if (at) return at;
    throw new Error("The engine's error names no field", { cause: e });
  }
  throw new Error('The engine accepted the rules');
}

describe("the engine's validation error, placed next to the row it names", () => {
  it('warning rules: a repeated id or thresholds out of order, by list and row', () => {
    const form = warningFormFrom(WARNING_RULES);
    const repeated = { ...WARNING_RULES, loan: [WARNING_RULES.loan[0], WARNING_RULES.loan[1], { ...WARNING_RULES.loan[2], id: 'dpd_30' }] };
    expect(placeWarningError(refusal(() => validateWarningRules(repeated)), form)).toEqual({ list: 'loan', row: 2 });
    const unordered = { ...WARNING_RULES, portfolio: [WARNING_RULES.portfolio[0], { ...WARNING_RULES.portfolio[1], severe: 0.3 }] };
    expect(placeWarningError(refusal(() => validateWarningRules(unordered)), form)).toEqual({ list: 'portfolio', row: 1 });
    // A row the form does not have (or no row at all) stays at the foot of the dialog.
    expect(placeWarningError({ list: 'loan', row: 9, key: null }, form)).toBeNull();
    expect(placeWarningError({ list: 'rules', row: null, key: null }, form)).toBeNull();
  });

  it('desk rules: a layer rule by position, an LGD by product, a threshold by indicator', () => {
    const form = deskFormFrom(DESK);
    const noCondition = { ...DESK_RULES, layerRules: [DESK.layerRules[0], { layer: 'B' as const }] };
    expect(placeDeskError(refusal(() => validateDeskRules(noCondition)), form)).toEqual({ list: 'layerRules', row: 1 });
    const badLgd = { ...DESK_RULES, lgd: { ...DESK.lgd, credit_card: 1.5 } };
    expect(placeDeskError(refusal(() => validateDeskRules(badLgd)), form)).toEqual({ list: 'lgd', row: 2 });
    const badBounds = { ...DESK_RULES, thresholds: { nplRatio: { min: 0.2, max: 0.1 } } };
    expect(placeDeskError(refusal(() => validateDeskRules(badBounds)), form)).toEqual({ list: 'thresholds', row: 5 });
    // Allocation is not edited in this dialog: its refusal is shown at the foot.
    const badTeam = { ...DESK_RULES, allocation: [{ team: ' ' }] };
    expect(placeDeskError(refusal(() => validateDeskRules(badTeam)), form)).toBeNull();
  });

  it('case allocation: the rule by position', () => {
    const rows = allocationFormFrom(ALLOCATION);
    const badTeam = { ...DESK_RULES, allocation: [...ALLOCATION.slice(0, 3), { team: '' }] };
    expect(placeAllocationError(refusal(() => validateDeskRules(badTeam)), rows)).toEqual({ list: 'allocation', row: 3 });
    expect(placeAllocationError({ list: 'lgd', row: null, key: 'card' }, rows)).toBeNull();
  });
});
