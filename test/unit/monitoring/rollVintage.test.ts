import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RollPeriod, VintageCurve } from '../../../src/api/monitoring';
import { openFixture, S1, S2, S3, S4, SMALL_MAPPING, testCtx, type Fixture } from './fixture';

const forward = (p: RollPeriod) => p.rollForward.map((r) => [r.byCount, r.byBalance]);
const point = (curve: VintageCurve, mob: number) => curve.points.find((p) => p.mob === mob)!;

let fx: Fixture;
beforeAll(async () => {
  fx = await openFixture();
});
afterAll(async () => fx.cleanup());

describe('roll rates between delinquency buckets', () => {
  it('follows each loan one snapshot forward', async () => {
    const res = await fx.api['monitoring.rollRates']({ panel: 'small' }, testCtx());
    expect(res.periods.map((p) => [p.start, p.end])).toEqual([[S1, S2], [S2, S3], [S3, S4]]);
    const [p1, p2, p3] = res.periods;
    // Jan→Feb: current → 1–30 is L02 of 5 current loans (2000 of 5100); L08 (1–30) cured; L10 went 60 → 90 days; nobody was 61–90
    expect(forward(p1)).toEqual([[1 / 5, 2000 / 5100], [0, 0], [1, 1], [null, null]]);
    // Feb→Mar: L09 of 6 current (1200 of 5940); L02 5 → 35; no 31–60 loans; L10 90 → 120
    expect(forward(p2)).toEqual([[1 / 6, 1200 / 5940], [1, 1], [null, null], [1, 1]]);
    // Mar→Apr: L08 of 4 current (1500 of 980 + 1200 + 800 + 1500); L09 20 → 50; L02 35 → 65
    expect(forward(p3)).toEqual([[1 / 4, 1500 / 4480], [1, 1], [1, 1], [null, null]]);
    // The matrix keeps exits: L03 current → repaid in Feb→Mar; L06 90+ → written off in Mar→Apr
    expect(p2.matrix.find((c) => c.from === 'current' && c.to === 'exited')).toEqual({ from: 'current', to: 'exited', count: 1, balance: 250 });
    expect(p3.matrix.find((c) => c.from === '90+' && c.to === 'exited')).toEqual({ from: '90+', to: 'exited', count: 1, balance: 600 });
  });

  it('chains pooled balance flow rates into a waterfall', async () => {
    const { waterfall } = await fx.api['monitoring.rollRates']({ panel: 'small' }, testCtx());
    expect(waterfall.map((w) => `${w.from}→${w.to}`)).toEqual(['current→1-30', '1-30→31-60', '31-60→61-90', '61-90→90+']);
    // current → 1–30: (2000 + 1200 + 1500) / (5100 + 5940 + 4480)
    expect(waterfall[0].rate).toBeCloseTo(4700 / 15520, 12);
    // 1–30 → 31–60: (0 + 2000 + 1200) / (1500 + 2000 + 1200)
    expect(waterfall[1].rate).toBeCloseTo(3200 / 4700, 12);
    expect(waterfall[2].rate).toBe(1); // (700 + 2000) / (700 + 2000)
    expect(waterfall[3].rate).toBe(1); // 700 / 700
    expect(waterfall[1].cumulative).toBeCloseTo(3200 / 15520, 12);
    expect(waterfall[3].cumulative).toBeCloseTo(3200 / 15520, 12);
  });
});

describe('vintage curves', () => {
  it('tracks ever-30+ / ever-90+ by months on book for monthly cohorts', async () => {
    const curves = await fx.api['monitoring.vintages']({ panel: 'small' }, testCtx());
    expect(curves.map((c) => [c.cohort, c.loans, c.leftCensored])).toEqual([
      ['2023-01-01', 1, true], // L06
      ['2023-06-01', 1, true], // L04
      ['2023-11-01', 3, true], // L01, L02, L08
      ['2023-12-01', 4, true], // L03, L05, L09, L10
      ['2024-02-01', 1, false], // L07, originated after the first snapshot
    ]);
    const nov = curves[2];
    expect(nov.points.map((p) => p.mob)).toEqual([2, 3, 4, 5]);
    // L02 first past 30 days in March (35 d) = month on book 4; L08 peaks at 15 days
    expect(nov.points.map((p) => p.ever30ByCount)).toEqual([0, 0, 1 / 3, 1 / 3]);
    expect(point(nov, 4).ever30ByBalance).toBeCloseTo(2000 / (1200 + 2000 + 2000), 12);
    expect(nov.points.every((p) => p.ever90ByCount === 0)).toBe(true);
    const dec = curves[3];
    // L10: 60 d at mob 1, 120 d at mob 3; L09: 50 d at mob 4
    expect(dec.points.map((p) => p.ever30ByCount)).toEqual([1 / 4, 1 / 4, 1 / 4, 2 / 4]);
    expect(dec.points.map((p) => p.ever90ByCount)).toEqual([0, 0, 1 / 4, 1 / 4]);
    expect(point(dec, 4).ever30ByBalance).toBeCloseTo((700 + 1200) / (600 + 2000 + 1300 + 700), 12);
    // L06: 600 at its first 30+ against 1000 originated
    expect(point(curves[0], 12).ever90ByBalance).toBeCloseTo(0.6, 12);
    expect(curves[4].points.map((p) => p.mob)).toEqual([0, 1, 2]);
  });

  it('groups by quarter, months on book counted from each loan’s own month', async () => {
    const curves = await fx.api['monitoring.vintages']({ panel: 'small', cohortBy: 'quarter' }, testCtx());
    const q4 = curves.find((c) => c.cohort === '2023-10-01')!;
    expect(q4.loans).toBe(7);
    expect(q4.points.map((p) => p.mob)).toEqual([1, 2, 3, 4, 5]);
    // By mob 4: L10 (mob 1), L02 (mob 4), L09 (mob 4)
    expect(point(q4, 1).ever30ByCount).toBeCloseTo(1 / 7, 12);
    expect(point(q4, 4).ever30ByCount).toBeCloseTo(3 / 7, 12);
  });

  it('drills into a vintage point', async () => {
    const d = await fx.api['monitoring.drill']({ panel: 'small', cell: { kind: 'vintage', cohort: '2023-12-01', mob: 4, threshold: 30 } }, testCtx());
    expect(d.rows.map((r) => [r.loan_id, r.first_hit_mob])).toEqual([['L09', 4], ['L10', 1]]);
    expect(d.balance).toBe(1900);
  });

  it('explains that vintages need an origination date', async () => {
    const bare = { ...SMALL_MAPPING, panel: 'bare', attributes: undefined, scores: undefined };
    await fx.api['monitoring.saveMapping']({ mapping: bare }, testCtx());
    await expect(fx.api['monitoring.vintages']({ panel: 'bare' }, testCtx())).rejects.toMatchObject({
      kind: 'bad_input',
      details: { field: 'originationDate' },
    });
  });
});
