/**
 * The desk's saved rules (layer rules, LGD per product, anomaly bounds, case allocation) and the
 * warning rule book's reset: saved once, used by the layered report and case allocation whenever a
 * call passes none, validated before anything is replaced. Expected figures are hand-counted on the
 * 10-loan fixture (see layers.test.ts for the loan-by-loan reasoning).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskRules, Layer, LayerIndicator, LayerReport } from '../../../src/api/monitoring';
import { openFixture, S1, S3, testCtx, type Fixture } from './fixture';

const cell = (r: LayerReport, layer: Layer, period: string, indicator: LayerIndicator) =>
  r.layers.find((l) => l.layer === layer && l.period === period)!.indicators.find((i) => i.indicator === indicator)!;

let fx: Fixture;
beforeAll(async () => {
  fx = await openFixture();
});
afterAll(async () => fx.cleanup());

const desk: Omit<DeskRules, 'savedAt'> = {
  layerRules: [{ layer: 'C', tierAtLeast: 'substandard' }],
  lgd: { mortgage: 0.2, default: 0.5 },
  thresholds: { nplRatio: { max: 0.5 } },
  allocation: [{ team: 'big', minBalance: 1500 }, { team: 'rest' }],
};

describe('desk rules', () => {
  it('starts from the built-in defaults, marked as never saved', async () => {
    const rules = await fx.api['monitoring.deskRules']({}, testCtx());
    expect(rules.savedAt).toBeNull();
    expect(rules.lgd).toEqual({ default: 0.45 });
    expect(rules.layerRules.map((r) => r.layer)).toEqual(['C', 'B']);
    expect(rules.allocation.length).toBeGreaterThan(0);
  });

  it('saves them, and the layered report and case allocation use them when the call passes none', async () => {
    const saved = await fx.api['monitoring.saveDeskRules']({ rules: desk }, testCtx());
    expect(saved.savedAt).not.toBeNull();
    expect(saved.lgd).toEqual(desk.lgd);
    const again = await fx.api['monitoring.deskRules']({}, testCtx());
    expect(again).toEqual(saved);

    const report = await fx.api['monitoring.layers']({ panel: 'small' }, testCtx());
    // Only the tier rule: C = L04 (SS), L06 (D) in Jan; B is empty (no B rule), everything else is A.
    expect(cell(report, 'C', S1, 'count').value).toBe(2);
    expect(cell(report, 'B', S1, 'count').value).toBe(0);
    // A in Jan scores L01 (0.01, mortgage LGD 0.2, 1000), L02 (0.05, 0.2, 2000) and L09 (0.02, 0.2, 1200).
    expect(cell(report, 'A', S1, 'expectedLoss').value).toBeCloseTo(0.01 * 0.2 * 1000 + 0.05 * 0.2 * 2000 + 0.02 * 0.2 * 1200, 9);
    // The saved bound: C's NPL ratio of 100% is an anomaly.
    expect(cell(report, 'C', S1, 'nplRatio').anomaly).toBe(true);

    const cases = await fx.api['monitoring.collections']({ panel: 'small', snapshot: S3 }, testCtx());
    // March cases: L02 2000 (big); L04 300, L06 600, L09 1200, L10 700 (rest)
    expect(cases.teams).toEqual([
      { team: 'big', cases: 1, balance: 2000 },
      { team: 'rest', cases: 4, balance: 2800 },
    ]);
  });

  it('lets a call override the saved rules', async () => {
    const report = await fx.api['monitoring.layers']({ panel: 'small', lgd: { default: 1 } }, testCtx());
    expect(cell(report, 'A', S1, 'expectedLoss').value).toBeCloseTo(0.01 * 1000 + 0.05 * 2000 + 0.02 * 1200, 9);
  });

  it('refuses a bad edit and keeps the saved rules', async () => {
    const before = await fx.api['monitoring.deskRules']({}, testCtx());
    const bad = (rules: Partial<Omit<DeskRules, 'savedAt'>>) => fx.api['monitoring.saveDeskRules']({ rules: { ...desk, ...rules } }, testCtx());
    await expect(bad({ lgd: { default: 1.2 } })).rejects.toMatchObject({ kind: 'bad_input', details: { field: 'lgd.default' } });
    await expect(bad({ thresholds: { nplRatio: { min: 0.5, max: 0.1 } } })).rejects.toMatchObject({ kind: 'bad_input', details: { field: 'thresholds.nplRatio' } });
    await expect(bad({ thresholds: { npl: { max: 1 } } as DeskRules['thresholds'] })).rejects.toMatchObject({ kind: 'bad_input', details: { field: 'thresholds.npl' } });
    await expect(bad({ layerRules: [{ layer: 'B' }] })).rejects.toMatchObject({ kind: 'bad_input', details: { field: 'rules[0]' } });
    await expect(bad({ allocation: [{ team: '' }] })).rejects.toMatchObject({ kind: 'bad_input', details: { field: 'allocation[0]' } });
    await expect(bad({ allocation: [{ team: 'x', minBalance: 100, maxBalance: 50 }] })).rejects.toMatchObject({ kind: 'bad_input', details: { field: 'allocation[0]' } });
    expect(await fx.api['monitoring.deskRules']({}, testCtx())).toEqual(before);
  });

  it('goes back to the defaults on reset', async () => {
    const reset = await fx.api['monitoring.saveDeskRules']({ reset: true }, testCtx());
    expect(reset.savedAt).toBeNull();
    const cases = await fx.api['monitoring.collections']({ panel: 'small', snapshot: S3 }, testCtx());
    expect(cases.teams.map((t) => t.team)).not.toContain('big');
  });
});

describe('warning rule book reset', () => {
  it('restores the shipped rules after the desk saved its own', async () => {
    const shipped = await fx.api['monitoring.warningRules']({}, testCtx());
    const fewer = { loan: shipped.loan.slice(0, 1), portfolio: [] };
    await fx.api['monitoring.saveWarningRules']({ rules: fewer }, testCtx());
    expect((await fx.api['monitoring.warningRules']({}, testCtx())).loan).toHaveLength(1);
    const back = await fx.api['monitoring.saveWarningRules']({ reset: true }, testCtx());
    expect(back).toEqual(shipped);
    expect(await fx.api['monitoring.warningRules']({}, testCtx())).toEqual(shipped);
  });
});
