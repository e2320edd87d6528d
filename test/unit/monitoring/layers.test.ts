import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Layer, LayerIndicator, LayerReport } from '../../../src/api/monitoring';
import { tempDir } from '../../helpers/paths';
import { openFixture, S1, S2, S3, S4, testCtx, type Fixture } from './fixture';

const cell = (r: LayerReport, layer: Layer, period: string, indicator: LayerIndicator) =>
  r.layers.find((l) => l.layer === layer && l.period === period)!.indicators.find((i) => i.indicator === indicator)!;
const val = (r: LayerReport, layer: Layer, period: string, indicator: LayerIndicator) => cell(r, layer, period, indicator).value;

let fx: Fixture;
let report: LayerReport;
beforeAll(async () => {
  fx = await openFixture();
  // Default layer rules (C: substandard+, red or PD ≥ 20%; B: special mention+, any warning or PD ≥ 5%)
  // and the default warning rules.
  report = await fx.api['monitoring.layers']({ panel: 'small', lgd: { mortgage: 0.2, default: 0.5 }, thresholds: { nplRatio: { max: 0.5 } } }, testCtx());
});
afterAll(async () => fx.cleanup());

describe('layered-risk report', () => {
  it('puts loans in layers and sizes them per period', () => {
    expect(report.periods).toEqual([S1, S2, S3, S4]);
    expect(report.notes).toEqual([]);
    const sizes = (p: string) => (['A', 'B', 'C'] as const).map((l) => [val(report, l, p, 'count'), val(report, l, p, 'balance')]);
    // Jan: A = L01, L03, L05, L09; B = L02 (LTV orange), L08 (SM), L10 (SM); C = L04 (SS), L06 (D)
    expect(sizes(S1)).toEqual([[4, 3100], [3, 4200], [2, 900]]);
    // Feb: L05's utilisation jump puts it in B; L08 cured to A
    expect(sizes(S2)).toEqual([[5, 4740], [3, 3900], [2, 900]]);
    // Mar: L02's PD 0.25 puts it in C with L04, L05 (restructured), L06, L10
    expect(sizes(S3)).toEqual([[3, 3280], [1, 1200], [5, 4800]]);
    // Apr: A = L01, L07, L10 (cured); B = L08, L09; C = L02, L04, L05
    expect(sizes(S4)).toEqual([[3, 2470], [2, 2700], [3, 3500]]);
    expect(val(report, 'B', S1, 'bookShare')).toBeCloseTo(4200 / 8200, 12);
  });

  it('computes stock indicators: overdue rates, NPL, PD, expected loss, coverage', () => {
    // B in Jan: L10 is 60 days past due (700 of 4200); no NPL; PD known for L02 only (0.05, mortgage LGD 0.2)
    expect(val(report, 'B', S1, 'overdue30Rate')).toBeCloseTo(700 / 4200, 12);
    expect(val(report, 'B', S1, 'overdue90Rate')).toBe(0);
    expect(val(report, 'B', S1, 'nplRatio')).toBe(0);
    expect(val(report, 'B', S1, 'averagePd')).toBeCloseTo(0.05, 12);
    expect(val(report, 'B', S1, 'expectedLoss')).toBeCloseTo(0.05 * 0.2 * 2000, 9);
    expect(val(report, 'B', S1, 'provisionCoverage')).toBeNull();
    // C in Jan: both loans over 90 days and NPL; provisions 25% × 300 + 50% × 600 = 375 of 900
    expect(val(report, 'C', S1, 'overdue90Rate')).toBe(1);
    expect(val(report, 'C', S1, 'nplRatio')).toBe(1);
    expect(val(report, 'C', S1, 'provisionCoverage')).toBeCloseTo(375 / 900, 12);
    expect(val(report, 'C', S1, 'averagePd')).toBeNull(); // no scored loan in C
    // C in Apr: PD of L02 0.40 × LGD 0.2 × 2000 (L04 and L05 have no PD)
    expect(val(report, 'C', S4, 'expectedLoss')).toBeCloseTo(0.4 * 0.2 * 2000, 9);
  });

  it('follows last period’s layer for migration, roll to 90+ and recovery', () => {
    expect(val(report, 'B', S1, 'migrationRate')).toBeNull(); // no earlier period
    // B in Jan → Feb: L02 N → SM downgraded (2000) of 4200
    expect(val(report, 'B', S2, 'migrationRate')).toBeCloseTo(2000 / 4200, 12);
    // Jan's past-due B loans L08 (1500) and L10 (700) paid 200 and 0 in Feb
    expect(val(report, 'B', S2, 'recoveryRate')).toBeCloseTo(200 / 2200, 12);
    expect(val(report, 'B', S2, 'rollTo90Rate')).toBeNull(); // nobody in B was 61–90 in Jan
    // B in Feb → Mar: L05 N → SS (1200), L10 SM → SS (700) of 3900; L10 rolled 90 → 120 days
    expect(val(report, 'B', S3, 'migrationRate')).toBeCloseTo(1900 / 3900, 12);
    expect(val(report, 'B', S3, 'rollTo90Rate')).toBe(1);
    expect(val(report, 'B', S3, 'recoveryRate')).toBeCloseTo(5 / 2700, 12);
    // A in Feb → Mar: L09 N → SM (1200) over 4740 less L03's 250 repaid
    expect(val(report, 'A', S3, 'migrationRate')).toBeCloseTo(1200 / 4490, 12);
    // C in Feb → Mar: L06 D → L (600) of 900
    expect(val(report, 'C', S3, 'migrationRate')).toBeCloseTo(600 / 900, 12);
  });

  it('marks trends and anomalies', () => {
    expect(cell(report, 'B', S2, 'balance').change).toBe(3900 - 4200);
    expect(cell(report, 'B', S1, 'balance').change).toBeNull();
    // C's balance 900, 900, 4800, 3500 moves 0, +3900, −1300: three moves are not yet a history to judge
    // the fourth period's move against (see stats.test.ts for the rule on longer series).
    expect(cell(report, 'C', S4, 'balance').z).toBeNull();
    expect(cell(report, 'C', S4, 'balance').anomaly).toBe(false);
    // Rule threshold: NPL ratio above 50% is an anomaly whatever the history
    expect(cell(report, 'C', S1, 'nplRatio').anomaly).toBe(true);
    expect(cell(report, 'A', S1, 'nplRatio').anomaly).toBe(false);
  });

  it('says so when the panel has no PD or paid amount', async () => {
    await fx.api['monitoring.saveMapping'](
      { mapping: { panel: 'thin', table: 'small_panel', columns: { loanId: 'loan_id', snapshotDate: 'snapshot_date', daysPastDue: 'dpd', balance: 'balance' } } },
      testCtx(),
    );
    const thin = await fx.api['monitoring.layers']({ panel: 'thin', rules: [{ layer: 'C', tierAtLeast: 'substandard' }] }, testCtx());
    expect(thin.notes).toHaveLength(2);
    expect(thin.notes[0]).toContain('No model PD');
    expect(val(thin, 'C', S1, 'averagePd')).toBeNull();
    expect(val(thin, 'C', S2, 'recoveryRate')).toBeNull();
    // Only the tier rule applies: C = L04, L06 in Jan
    expect(val(thin, 'C', S1, 'count')).toBe(2);
  });

  it('reports by week too (each month-end falls in its own week here)', async () => {
    const weekly = await fx.api['monitoring.layers']({ panel: 'small', period: 'week' }, testCtx());
    expect(weekly.periods).toEqual([S1, S2, S3, S4]);
    expect(val(weekly, 'C', S3, 'count')).toBe(5);
    await expect(fx.api['monitoring.layers']({ panel: 'small', period: 'day' as 'week' }, testCtx())).rejects.toMatchObject({ kind: 'bad_input' });
  });

  it('rejects a layer rule without conditions', async () => {
    await expect(fx.api['monitoring.layers']({ panel: 'small', rules: [{ layer: 'B' }] }, testCtx())).rejects.toMatchObject({
      kind: 'bad_input',
      details: { field: 'rules[0]' },
    });
  });
});

describe('collection stages and case allocation', () => {
  it('counts early / middle / late per snapshot and routes the latest cases to teams', async () => {
    const res = await fx.api['monitoring.collections']({ panel: 'small' }, testCtx());
    const at = (s: string) => res.stages.filter((x) => x.snapshot === s).map((x) => [x.stage, x.count, x.balance]);
    // Jan: early L08 (15 d); middle L10 (60 d); late L04 (100 d), L06 (280 d)
    expect(at(S1)).toEqual([['early', 1, 1500], ['middle', 1, 700], ['late', 2, 900]]);
    // Apr: early L08 (10 d); middle L02 (65 d), L09 (50 d); late L04 (190 d)
    expect(at(S4)).toEqual([['early', 1, 1500], ['middle', 2, 3200], ['late', 1, 300]]);
    expect(res.snapshot).toBe(S4);
    // Default routing: late → late_recovery; middle & C (L02) → middle_senior; middle → middle_phone (L09); early → early_sms (L08)
    expect(res.teams).toEqual([
      { team: 'early_sms', cases: 1, balance: 1500 },
      { team: 'late_recovery', cases: 1, balance: 300 },
      { team: 'middle_phone', cases: 1, balance: 1200 },
      { team: 'middle_senior', cases: 1, balance: 2000 },
    ]);
    const cases = await fx.ws.all(`SELECT loan_id, stage, layer, team FROM small_collection_cases ORDER BY loan_id`);
    expect(cases).toEqual([
      { loan_id: 'L02', stage: 'middle', layer: 'C', team: 'middle_senior' },
      { loan_id: 'L04', stage: 'late', layer: 'C', team: 'late_recovery' },
      { loan_id: 'L08', stage: 'early', layer: 'B', team: 'early_sms' },
      { loan_id: 'L09', stage: 'middle', layer: 'B', team: 'middle_phone' },
    ]);
  });

  it('applies the desk’s own allocation rules at a chosen snapshot and exports the cases', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const csvPath = join(dir, 'cases.csv');
      const res = await fx.api['monitoring.collections'](
        { panel: 'small', snapshot: S3, allocation: [{ team: 'big', minBalance: 1500 }, { team: 'rest' }], csvPath },
        testCtx(),
      );
      // March cases: L02 2000 (big); L04 300, L06 600, L09 1200, L10 700 (rest)
      expect(res.teams).toEqual([
        { team: 'big', cases: 1, balance: 2000 },
        { team: 'rest', cases: 4, balance: 2800 },
      ]);
      const text = readFileSync(csvPath, 'utf8');
      expect(text.startsWith('\uFEFF')).toBe(true); // a byte-order mark, so Excel reads UTF-8
      const lines = text.slice(1).trim().split('\n');
      expect(lines[0]).toBe('loan_id,snapshot_date,dpd,stage,layer,balance,product,team');
      expect(lines).toHaveLength(6);
      expect(res.csvPath).toBe(csvPath);
    } finally {
      cleanup();
    }
  });

  it('rejects a snapshot the panel does not have', async () => {
    await expect(fx.api['monitoring.collections']({ panel: 'small', snapshot: '2024-05-31' }, testCtx())).rejects.toMatchObject({ kind: 'bad_input' });
  });
});
