import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoanWarningRule, WarningRules, WarningsResult } from '../../../src/api/monitoring';
import { DEFAULT_WARNING_RULES } from '../../../src/monitoring/warningRules';
import { openFixture, S1, S2, S3, S4, SMALL_MAPPING, testCtx, type Fixture } from './fixture';

const rule = (id: string, metric: LoanWarningRule['metric'], comparison: LoanWarningRule['comparison'], threshold: number, level: LoanWarningRule['level']): LoanWarningRule => ({
  id,
  label: id,
  metric,
  comparison,
  threshold,
  level,
  enabled: true,
});

const RULES: WarningRules = {
  loan: [
    rule('dpd_any', 'dpd', '>=', 1, 'yellow'),
    rule('dpd_30', 'dpd', '>', 30, 'orange'),
    rule('dpd_90', 'dpd', '>', 90, 'red'),
    rule('paid_decline_3', 'paidDeclineStreak', '>=', 3, 'orange'),
    rule('pd_high', 'pd', '>', 0.2, 'orange'),
    rule('pd_jump', 'pdChange', '>', 0.05, 'yellow'),
    rule('ltv_high', 'ltv', '>', 0.9, 'orange'),
    rule('util_jump', 'utilisationChange', '>', 30, 'yellow'),
  ],
  portfolio: [
    { id: 'npl', indicator: 'nplRatio', light: 0.1, moderate: 0.15, severe: 0.2, enabled: true },
    { id: 'normal_mig', indicator: 'normalMigrationRate', light: 0.3, moderate: 0.4, severe: 0.5, enabled: true },
    { id: 'region_top', indicator: 'regionTopShare', light: 0.5, moderate: 0.6, severe: 0.7, enabled: true },
    { id: 'region_hhi', indicator: 'regionHhi', light: 0.5, moderate: 0.6, severe: 0.7, enabled: true },
    { id: 'industry_top', indicator: 'industryTopShare', light: 0.5, moderate: 0.6, severe: 0.7, enabled: true },
  ],
};

const levels = (res: WarningsResult, snapshot: string) =>
  Object.fromEntries(res.byLevel.filter((x) => x.snapshot === snapshot).map((x) => [x.level, [x.count, x.balance]]));

let fx: Fixture;
let res: WarningsResult;
beforeAll(async () => {
  fx = await openFixture();
  await fx.api['monitoring.saveWarningRules']({ rules: RULES }, testCtx());
  res = await fx.api['monitoring.warnings']({ panel: 'small' }, testCtx());
});
afterAll(async () => fx.cleanup());

describe('warning rules are data', () => {
  it('starts from the shipped defaults and round-trips the desk’s own book', async () => {
    const other = await openFixture(false);
    try {
      expect(await other.api['monitoring.warningRules']({}, testCtx())).toEqual(DEFAULT_WARNING_RULES);
      await other.api['monitoring.saveWarningRules']({ rules: { loan: [], portfolio: [] } }, testCtx());
      expect(await other.api['monitoring.warningRules']({}, testCtx())).toEqual({ loan: [], portfolio: [] });
    } finally {
      await other.cleanup();
    }
    expect(await fx.api['monitoring.warningRules']({}, testCtx())).toEqual(RULES);
  });

  it('rejects unknown metrics, bad comparisons, unordered thresholds and duplicate ids', async () => {
    const save = (rules: WarningRules) => fx.api['monitoring.saveWarningRules']({ rules }, testCtx());
    const bad = (patch: Partial<LoanWarningRule>) => save({ loan: [{ ...RULES.loan[0], ...patch }], portfolio: [] });
    await expect(bad({ metric: 'mood' as LoanWarningRule['metric'] })).rejects.toMatchObject({ kind: 'bad_input', details: { field: 'loan[0]' } });
    await expect(bad({ comparison: '=' as LoanWarningRule['comparison'] })).rejects.toMatchObject({ kind: 'bad_input' });
    await expect(bad({ id: 'Has Space' })).rejects.toMatchObject({ kind: 'bad_input' });
    await expect(save({ loan: [RULES.loan[0], RULES.loan[0]], portfolio: [] })).rejects.toMatchObject({ kind: 'bad_input' });
    await expect(save({ loan: [], portfolio: [{ ...RULES.portfolio[0], light: 0.3 }] })).rejects.toMatchObject({ kind: 'bad_input' });
    // A failed save leaves the saved book untouched
    expect(await fx.api['monitoring.warningRules']({}, testCtx())).toEqual(RULES);
  });
});

describe('loan-level watchlist', () => {
  it('counts loans by highest level per snapshot, as counted by hand', () => {
    expect(res.watchlistTable).toBe('small_watchlist');
    expect(res.notes).toEqual([]);
    // Jan: red L04 (100 d) + L06 (280 d); orange L02 (LTV 0.95) + L10 (60 d); yellow L08 (15 d)
    expect(levels(res, S1)).toEqual({ red: [2, 900], orange: [2, 2700], yellow: [1, 1500] });
    // Feb: L10 at exactly 90 days is orange, not red; L05's utilisation 20% → 60% is yellow
    expect(levels(res, S2)).toEqual({ red: [2, 900], orange: [2, 2700], yellow: [1, 1200] });
    // Mar: red L04, L06, L10 (120 d); orange L02; yellow L09 (20 d, PD +7 points)
    expect(levels(res, S3)).toEqual({ red: [3, 1600], orange: [1, 2000], yellow: [1, 1200] });
    // Apr: red L04; orange L02, L09 (50 d); yellow L08 (10 d)
    expect(levels(res, S4)).toEqual({ red: [1, 300], orange: [2, 3200], yellow: [1, 1500] });
    expect(res.watchlistRows).toBe(5 + 5 + 5 + 4);
  });

  it('lists each signal and the first snapshot of the current run', async () => {
    const rows = await fx.ws.all<Record<string, unknown>>(
      `SELECT loan_id, snapshot_date, highest_level, signals, first_seen, sig_paid_decline_3, sig_util_jump FROM small_watchlist ORDER BY loan_id, snapshot_date`,
    );
    const at = (loan: string, snap: string) => rows.find((r) => r.loan_id === loan && r.snapshot_date === snap);
    // L02 in April: 65 days, paid 20 → 10 → 5 → 0 (three declines), PD 0.40 up 0.15, LTV 0.95
    expect(at('L02', S4)).toMatchObject({
      highest_level: 'orange',
      signals: 'dpd_any,dpd_30,paid_decline_3,pd_high,pd_jump,ltv_high',
      first_seen: S1,
      sig_paid_decline_3: 'orange',
    });
    expect(at('L02', S3)?.sig_paid_decline_3).toBeNull(); // only two declines by March
    expect(at('L05', S2)).toMatchObject({ signals: 'util_jump', sig_util_jump: 'yellow', first_seen: S2 });
    // L08 flagged in Jan, clean in Feb and Mar, flagged again in Apr: a new run starts
    expect(at('L08', S4)?.first_seen).toBe(S4);
    expect(at('L09', S4)?.first_seen).toBe(S3);
    expect(at('L10', S3)?.first_seen).toBe(S1);
    expect(at('L10', S4)).toBeUndefined(); // cured
  });

  it('drills into a level and snapshot', async () => {
    const d = await fx.api['monitoring.drill']({ panel: 'small', cell: { kind: 'warning', snapshot: S3, level: 'red' } }, testCtx());
    expect(d.rows.map((r) => r.loan_id)).toEqual(['L04', 'L06', 'L10']);
    expect(d.balance).toBe(1600);
  });

  it('skips rules the panel cannot evaluate, with a note saying why', async () => {
    await fx.api['monitoring.saveMapping']({ mapping: { ...SMALL_MAPPING, panel: 'noscores', scores: undefined, attributes: undefined } }, testCtx());
    const r = await fx.api['monitoring.warnings']({ panel: 'noscores' }, testCtx());
    expect(r.notes).toEqual([
      'Rule "pd_high" skipped: the panel has no model PD (map a scores table).',
      'Rule "pd_jump" skipped: the panel has no model PD (map a scores table).',
      'Rule "ltv_high" skipped: the panel has no LTV.',
      'region concentration skipped: the panel has no region column.',
      'industry concentration skipped: the panel has no industry column.',
    ]);
    // Without the LTV rule L02 is not flagged in January (0 days past due)
    expect(levels(r, S1)).toEqual({ red: [2, 900], orange: [1, 700], yellow: [1, 1500] });
  });
});

describe('portfolio indicators', () => {
  const value = (indicator: string, snapshot: string) => res.portfolio.find((p) => p.indicator === indicator && p.snapshot === snapshot)!;

  it('grades NPL ratio and migration rate against light / moderate / severe', () => {
    expect(value('nplRatio', S1)).toMatchObject({ severity: 'light', breach: true }); // 900 / 8200 = 0.1098
    expect(value('nplRatio', S1).value).toBeCloseTo(900 / 8200, 12);
    expect(value('nplRatio', S2)).toMatchObject({ severity: null, breach: false }); // 900 / 9540 = 0.094
    expect(value('nplRatio', S3)).toMatchObject({ severity: 'severe' }); // 2800 / 9280 = 0.302
    expect(value('nplRatio', S4)).toMatchObject({ severity: 'moderate' }); // 1500 / 8670 = 0.173
    expect(value('normalMigrationRate', S1)).toMatchObject({ value: null, breach: false }); // no period ends in Jan
    expect(value('normalMigrationRate', S2)).toMatchObject({ severity: 'light' }); // 2000 / 5100 = 0.392
    expect(value('normalMigrationRate', S3).value).toBeCloseTo(2400 / 5690, 12);
  });

  it('measures concentration by region and industry', () => {
    // Jan by region: East 1000 + 2000 + 1500 + 700 = 5200, North 800, South 1000, West 1200 of 8200
    expect(value('regionTopShare', S1).value).toBeCloseTo(5200 / 8200, 12);
    expect(value('regionTopShare', S1).severity).toBe('moderate');
    expect(value('regionHhi', S1).value).toBeCloseTo((5200 ** 2 + 800 ** 2 + 1000 ** 2 + 1200 ** 2) / 8200 ** 2, 12);
    expect(value('regionHhi', S1).breach).toBe(false); // 0.448 < 0.5
    // Feb: East 990 + 2000 + 1500 + 700 = 5190 of 9540
    expect(value('regionTopShare', S2).value).toBeCloseTo(5190 / 9540, 12);
    // Industry is known for the two small-business loans only: Retail 1500, Manufacturing 700
    expect(value('industryTopShare', S1).value).toBeCloseTo(1500 / 2200, 12);
  });
});
