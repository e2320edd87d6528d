import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TierRuleSet, TierSnapshot } from '../../../src/api/monitoring';
import { VigilError } from '../../../src/api/errors';
import { openFixture, S1, S2, S3, S4, SMALL_MAPPING, testCtx, type Fixture } from './fixture';

/** [count, balance] per tier in TIERS order. */
function cells(s: TierSnapshot): [number, number][] {
  return s.tiers.map((t) => [t.count, t.balance]);
}

let fx: Fixture;
beforeAll(async () => {
  fx = await openFixture();
});
afterAll(async () => fx.cleanup());

describe('five-tier classification, retail rules (2023 Measures)', () => {
  it('counts loans and balance per tier per snapshot, as counted by hand', async () => {
    const res = await fx.api['monitoring.classify']({ panel: 'small' }, testCtx());
    expect(res.table).toBe('small_tiers');
    expect(res.rows).toBe(36);
    expect(res.notes).toEqual([]);
    expect(res.snapshots.map((s) => s.snapshot)).toEqual([S1, S2, S3, S4]);
    const [s1, s2, s3, s4] = res.snapshots;
    // Jan: N = L01 1000 + L02 2000 + L03 500 + L05 400 + L09 1200; SM = L08 1500 + L10 700; SS = L04 300; D = L06 600 (280 days)
    expect(cells(s1)).toEqual([[5, 5100], [2, 2200], [1, 300], [1, 600], [0, 0]]);
    // Feb: N = L01 990, L03 250, L05 1200, L07 800, L08 1500, L09 1200; SM = L02 (5 d), L10 (90 d); SS = L04; D = L06
    expect(cells(s2)).toEqual([[6, 5940], [2, 2700], [1, 300], [1, 600], [0, 0]]);
    // Mar: N = L01 980, L07, L08; SM = L02 (35), L09 (20); SS = L04 (160), L05 (restructured, 0 d), L10 (120); L = L06 (370)
    expect(cells(s3)).toEqual([[3, 3280], [2, 3200], [3, 2200], [0, 0], [1, 600]]);
    // Apr: N = L01 970, L07 800, L10 700; SM = L02 (65), L08 (10), L09 (50); SS = L04 (190), L05 (restructured)
    expect(cells(s4)).toEqual([[3, 2470], [3, 4700], [2, 1500], [0, 0], [0, 0]]);
  });

  it('derives NPL, provisions, coverage and provision ratio', async () => {
    const [s1, , s3] = (await fx.api['monitoring.classify']({ panel: 'small' }, testCtx())).snapshots;
    // Jan: NPL = SS 300 + D 600 = 900 of 8200
    expect(s1.loans).toBe(9);
    expect(s1.balance).toBe(8200);
    expect(s1.nplBalance).toBe(900);
    expect(s1.nplRatio).toBeCloseTo(900 / 8200, 12);
    // provisions = 1% × 5100 + 2% × 2200 + 25% × 300 + 50% × 600 = 51 + 44 + 75 + 300 = 470
    expect(s1.provisions).toBeCloseTo(470, 9);
    expect(s1.provisionCoverage).toBeCloseTo(470 / 900, 12);
    expect(s1.provisionRatio).toBeCloseTo(470 / 8200, 12);
    // Mar: 1% × 3280 + 2% × 3200 + 25% × 2200 + 100% × 600 = 32.8 + 64 + 550 + 600 = 1246.8 over NPL 2800
    expect(s3.provisions).toBeCloseTo(1246.8, 9);
    expect(s3.provisionCoverage).toBeCloseTo(1246.8 / 2800, 12);
    expect(s3.tiers.find((t) => t.tier === 'loss')?.provision).toBe(600);
  });

  it('grades special mention by days past due (关注一 ≤ 30, 关注二 ≤ 60, 关注三 above)', async () => {
    const snaps = (await fx.api['monitoring.classify']({ panel: 'small' }, testCtx())).snapshots;
    const grades = snaps.map((s) => s.grades.map((g) => `${g.grade}:${g.count}:${g.balance}`).sort());
    // Jan: L08 15 d → 关注一; L10 60 d → 关注二.  Feb: L02 5 d → 关注一; L10 90 d → 关注三.
    // Mar: L09 20 d → 关注一; L02 35 d → 关注二.  Apr: L08 10 d → 关注一; L09 50 d → 关注二; L02 65 d → 关注三.
    expect(grades).toEqual([
      ['关注一:1:1500', '关注二:1:700'],
      ['关注一:1:2000', '关注三:1:700'],
      ['关注一:1:1200', '关注二:1:2000'],
      ['关注一:1:1500', '关注三:1:2000', '关注二:1:1200'].sort(),
    ]);
  });

  it('writes the tier of every loan into <panel>_tiers', async () => {
    await fx.api['monitoring.classify']({ panel: 'small' }, testCtx());
    const rows = await fx.ws.all<{ loan_id: string; tier: string; tier_rank: number; grade: string | null }>(
      `SELECT loan_id, tier, tier_rank, grade FROM small_tiers WHERE snapshot_date = DATE '2024-03-31' ORDER BY loan_id`,
    );
    expect(rows.map((r) => `${r.loan_id}:${r.tier}`)).toEqual([
      'L01:normal',
      'L02:special_mention',
      'L04:substandard',
      'L05:substandard', // restructured override lifts a current loan
      'L06:loss',
      'L07:normal',
      'L08:normal',
      'L09:special_mention',
      'L10:substandard',
    ]);
    expect(rows.find((r) => r.loan_id === 'L06')?.tier_rank).toBe(5);
  });
});

describe('credit-card rules (2011 Measures: 1–90 / 91–120 / 121–180 / 180+)', () => {
  it('tiers cards by the shorter bands', async () => {
    const res = await fx.api['monitoring.classify']({ panel: 'small', ruleSet: 'credit_card_2011' }, testCtx());
    // Jan: L04 100 d → SS; L06 280 d → loss
    expect(cells(res.snapshots[0])).toEqual([[5, 5100], [2, 2200], [1, 300], [0, 0], [1, 600]]);
    // Feb: L04 130 d → D; L06 310 → L
    expect(cells(res.snapshots[1])).toEqual([[6, 5940], [2, 2700], [0, 0], [1, 300], [1, 600]]);
    // Mar: SS = L05 (restructured) 1200 + L10 (120 d) 700; D = L04 (160 d); L = L06
    expect(cells(res.snapshots[2])).toEqual([[3, 3280], [2, 3200], [2, 1900], [1, 300], [1, 600]]);
    // Apr: N = L01, L07, L10; SM = L02, L08, L09; SS = L05; L = L04 (190 d)
    expect(cells(res.snapshots[3])).toEqual([[3, 2470], [3, 4700], [1, 1200], [0, 0], [1, 300]]);
  });
});

describe('user rule sets', () => {
  const custom: TierRuleSet = {
    name: 'desk_pd_grades',
    label: 'Desk rules with PD grades and no override',
    maxDpd: { normal: 0, special_mention: 90, substandard: 270, doubtful: 360 },
    overrides: [],
    grades: [
      { tier: 'normal', grade: '正常一', basis: 'pd', max: 0.02 },
      { tier: 'normal', grade: '正常二', basis: 'pd', max: 0.1 },
      { tier: 'normal', grade: '正常三', basis: 'pd', max: null },
    ],
    provisionRates: { normal: 0.015, special_mention: 0.03, substandard: 0.3, doubtful: 0.6, loss: 1 },
  };

  it('saves, lists, applies and deletes a rule set', async () => {
    await fx.api['monitoring.saveRuleSet']({ ruleSet: custom }, testCtx());
    const names = (await fx.api['monitoring.ruleSets']({}, testCtx())).map((r) => r.name);
    expect(names).toEqual(['retail_2023', 'credit_card_2011', 'retail_2023_cards_2011', 'desk_pd_grades']);
    const res = await fx.api['monitoring.classify']({ panel: 'small', ruleSet: 'desk_pd_grades' }, testCtx());
    // Without the override L05 stays normal in March: N = L01 980 + L05 1200 + L07 800 + L08 1500
    expect(cells(res.snapshots[2])[0]).toEqual([4, 4480]);
    // Jan normal grades by PD: L01 0.01 and L09 0.02 → 正常一; L02 0.05 → 正常二; L03, L05 have no PD → no grade
    const jan = res.snapshots[0].grades.filter((g) => g.tier === 'normal');
    expect(jan.map((g) => `${g.grade}:${g.count}:${g.balance}`).sort()).toEqual(['正常一:2:2200', '正常二:1:2000']);
    // Jan provisions at the custom rates: 1.5% × 5100 + 3% × 2200 + 30% × 300 + 60% × 600 = 76.5 + 66 + 90 + 360
    expect(res.snapshots[0].provisions).toBeCloseTo(592.5, 9);
    await fx.api['monitoring.deleteRuleSet']({ name: 'desk_pd_grades' }, testCtx());
    expect((await fx.api['monitoring.ruleSets']({}, testCtx())).map((r) => r.name)).toEqual(['retail_2023', 'credit_card_2011', 'retail_2023_cards_2011']);
  });

  it('refuses thresholds out of order, bad rates and edits of a built-in', async () => {
    const save = (ruleSet: TierRuleSet) => fx.api['monitoring.saveRuleSet']({ ruleSet }, testCtx());
    await expect(save({ ...custom, maxDpd: { normal: 0, special_mention: 90, substandard: 60, doubtful: 360 } })).rejects.toMatchObject({
      kind: 'bad_input',
      details: { field: 'maxDpd.substandard' },
    });
    await expect(save({ ...custom, provisionRates: { ...custom.provisionRates, loss: 1.5 } })).rejects.toMatchObject({
      kind: 'bad_input',
      details: { field: 'provisionRates.loss' },
    });
    await expect(save({ ...custom, grades: [{ tier: 'normal', grade: 'x', basis: 'pd', max: null }, { tier: 'normal', grade: 'y', basis: 'pd', max: 0.1 }] })).rejects.toMatchObject({
      kind: 'bad_input',
    });
    await expect(save({ ...custom, name: 'retail_2023' })).rejects.toMatchObject({ kind: 'conflict' });
    await expect(fx.api['monitoring.deleteRuleSet']({ name: 'credit_card_2011' }, testCtx())).rejects.toMatchObject({ kind: 'conflict' });
    await expect(fx.api['monitoring.classify']({ panel: 'small', ruleSet: 'nope' }, testCtx())).rejects.toMatchObject({ kind: 'not_found' });
  });
});

describe('derived table safety', () => {
  it('never overwrites a user table that happens to be named <panel>_tiers', async () => {
    const other = await openFixture(false);
    try {
      await other.ws.run(`CREATE TABLE small_tiers AS SELECT 42 AS precious`);
      await other.api['monitoring.saveMapping']({ mapping: SMALL_MAPPING }, testCtx());
      const err = await other.api['monitoring.classify']({ panel: 'small' }, testCtx()).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(VigilError);
      expect(err).toMatchObject({ kind: 'conflict', details: { table: 'small_tiers' } });
      expect(await other.ws.all(`SELECT precious FROM small_tiers`)).toEqual([{ precious: 42 }]);
    } finally {
      await other.cleanup();
    }
  });
});
