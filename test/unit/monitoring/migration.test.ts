import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MigrationMatrix, MigrationRatePoint } from '../../../src/api/monitoring';
import { openFixture, S1, S2, S3, S4, testCtx, type Fixture } from './fixture';

/** Counts per start tier across [normal, special_mention, substandard, doubtful, loss, exited]. */
const counts = (m: MigrationMatrix) => m.rows.map((r) => r.cells.map((c) => c.count));
const balances = (m: MigrationMatrix) => m.rows.map((r) => r.cells.map((c) => c.balance));
const rate = (p: MigrationRatePoint, name: string) => p.rates.find((r) => r.name === name)!;

let fx: Fixture;
beforeAll(async () => {
  fx = await openFixture();
});
afterAll(async () => fx.cleanup());

describe('migration matrix between two snapshots', () => {
  it('Jan → Feb: by count and by start balance, with the new loan as an entry', async () => {
    const m = await fx.api['monitoring.migration']({ panel: 'small', from: S1, to: S2 }, testCtx());
    expect(counts(m)).toEqual([
      [4, 1, 0, 0, 0, 0], // N: L01, L03, L05, L09 stay; L02 → SM (5 days)
      [1, 1, 0, 0, 0, 0], // SM: L08 cures; L10 stays SM (90 days)
      [0, 0, 1, 0, 0, 0], // SS: L04
      [0, 0, 0, 1, 0, 0], // D: L06
      [0, 0, 0, 0, 0, 0], // L: none
    ]);
    expect(balances(m)[0]).toEqual([1000 + 500 + 400 + 1200, 2000, 0, 0, 0, 0]);
    expect(balances(m)[1]).toEqual([1500, 700, 0, 0, 0, 0]);
    expect(m.entered.find((e) => e.to === 'normal')).toEqual({ to: 'normal', count: 1, balance: 800 }); // L07
    const nn = m.rows[0].cells[0];
    expect(nn.countShare).toBeCloseTo(0.8, 12);
    expect(nn.balanceShare).toBeCloseTo(3100 / 5100, 12);
    // Wilson 95% for 4/5, by hand: centre (0.8 + z²/10)/(1 + z²/5) = 0.669655, half-width 0.294121
    expect(nn.ci![0]).toBeCloseTo(0.375534, 5);
    expect(nn.ci![1]).toBeCloseTo(0.963776, 5);
    expect(m.rows[4].cells[0].countShare).toBeNull(); // no loss loans at the start: no share
  });

  it('Feb → Mar: the repaid loan shows as exited, written-off-to-be L06 moves D → L', async () => {
    const m = await fx.api['monitoring.migration']({ panel: 'small', from: S2, to: S3 }, testCtx());
    expect(counts(m)).toEqual([
      [3, 1, 1, 0, 0, 1], // N: L01, L07, L08 stay; L09 → SM; L05 restructured → SS; L03 repaid
      [0, 1, 1, 0, 0, 0], // SM: L02 stays; L10 → SS
      [0, 0, 1, 0, 0, 0],
      [0, 0, 0, 0, 1, 0], // D → L: L06
      [0, 0, 0, 0, 0, 0],
    ]);
    expect(balances(m)[0]).toEqual([990 + 800 + 1500, 1200, 1200, 0, 0, 250]);
    expect(m.entered.every((e) => e.count === 0)).toBe(true);
  });

  it('rejects reversed or unknown snapshots', async () => {
    await expect(fx.api['monitoring.migration']({ panel: 'small', from: S3, to: S2 }, testCtx())).rejects.toMatchObject({ kind: 'bad_input' });
    await expect(fx.api['monitoring.migration']({ panel: 'small', from: S1, to: '2024-02-28' }, testCtx())).rejects.toMatchObject({
      kind: 'not_found',
      details: { snapshot: '2024-02-28' },
    });
    await expect(fx.api['monitoring.migration']({ panel: 'small', from: '31/01/2024', to: S2 }, testCtx())).rejects.toMatchObject({ kind: 'bad_input' });
    await expect(fx.api['monitoring.migration']({ panel: 'small', from: S1, to: '2024-02-30' }, testCtx())).rejects.toMatchObject({
      kind: 'bad_input',
      details: { field: 'to' },
    });
  });
});

describe('multi-period migration', () => {
  it('chains monthly matrices and keeps the direct Jan → Mar matrix beside it', async () => {
    const res = await fx.api['monitoring.cumulativeMigration']({ panel: 'small', from: S1, to: S3 }, testCtx());
    expect(res.steps).toEqual([S1, S2, S3]);
    expect(res.chained.count.states).toEqual(['normal', 'special_mention', 'substandard', 'doubtful', 'loss', 'exited']);
    // Chained normal row = 0.8 × Feb→Mar N row [3/6, 1/6, 1/6, 0, 0, 1/6] + 0.2 × SM row [0, 1/2, 1/2, 0, 0, 0]
    const chainedN = res.chained.count.shares[0];
    [0.4, 0.8 / 6 + 0.1, 0.8 / 6 + 0.1, 0, 0, 0.8 / 6].forEach((v, i) => expect(chainedN[i]).toBeCloseTo(v, 12));
    // Direct: Jan normals L01 → N, L02 → SM, L03 → exited, L05 → SS, L09 → SM
    const directN = res.direct.count.shares[0];
    [0.2, 0.4, 0.2, 0, 0, 0.2].forEach((v, i) => expect(directN[i]).toBeCloseTo(v, 12));
    // Doubtful L06 goes D → D → L both ways; 'exited' stays exited
    expect(res.chained.count.shares[3]).toEqual([0, 0, 0, 0, 1, 0]);
    expect(res.direct.count.shares[5]).toEqual([0, 0, 0, 0, 0, 1]);
    // By balance, direct normal row: L02 2000 + L09 1200 to SM of 5100
    expect(res.direct.balance.shares[0][1]).toBeCloseTo(3200 / 5100, 12);
  });
});

describe('regulatory migration rates', () => {
  it('follows 期初…转为… / (期初余额 − 期间减少金额) month by month', async () => {
    const series = await fx.api['monitoring.migrationRates']({ panel: 'small' }, testCtx());
    expect(series.map((p) => [p.start, p.end])).toEqual([[S1, S2], [S2, S3], [S3, S4]]);
    const [p1, p2, p3] = series;
    // Jan→Feb normal: L02 2000 downgraded of 5100, nothing left the book
    expect(rate(p1, 'normal').byBalance).toBeCloseTo(2000 / 5100, 12);
    expect(rate(p1, 'normal').byCount).toBeCloseTo(1 / 5, 12);
    expect(rate(p1, 'special_mention').byBalance).toBe(0);
    // Feb→Mar normal: L09 1200 (→ SM) + L05 1200 (→ SS) over 5940 − L03's 250 repaid
    expect(rate(p2, 'normal').byBalance).toBeCloseTo(2400 / 5690, 12);
    expect(rate(p2, 'normal')).toMatchObject({ migrated: 2, base: 6, reduced: 1 });
    expect(rate(p2, 'normal').byCount).toBeCloseTo(2 / 5, 12);
    // SM → NPL: L10 700 of 2700; SS → D/L: none of 300; D → L: L06 600 of 600
    expect(rate(p2, 'special_mention').byBalance).toBeCloseTo(700 / 2700, 12);
    expect(rate(p2, 'substandard').byBalance).toBe(0);
    expect(rate(p2, 'doubtful').byBalance).toBe(1);
    // Performing (N + SM) → NPL: L05 1200 + L10 700 over 5940 + 2700 − 250; by count 2 of 8 − 1
    expect(rate(p2, 'performing').byBalance).toBeCloseTo(1900 / 8390, 12);
    expect(rate(p2, 'performing').byCount).toBeCloseTo(2 / 7, 12);
    // Mar→Apr: L08 1500 of 3280 normals slips to SM; no doubtful loans at the start → no rate
    expect(rate(p3, 'normal').byBalance).toBeCloseTo(1500 / 3280, 12);
    expect(rate(p3, 'doubtful').byBalance).toBeNull();
    expect(rate(p3, 'substandard').byBalance).toBe(0); // L10 cured, L04 and L05 stayed
  });

  it('measures over longer periods (Jan → Apr in one step)', async () => {
    const [q1] = await fx.api['monitoring.migrationRates']({ panel: 'small', periodSnapshots: 3 }, testCtx());
    expect([q1.start, q1.end]).toEqual([S1, S4]);
    // Jan normals at Apr: L02 SM, L05 SS, L09 SM downgraded (2000 + 400 + 1200); L03's 500 left the book
    expect(rate(q1, 'normal').byBalance).toBeCloseTo(3600 / 4600, 12);
    expect(rate(q1, 'normal').byCount).toBeCloseTo(3 / 4, 12);
  });
});

describe('drill-down to the loans behind a number', () => {
  it('returns the loans of a tier cell and of a migration cell, with the cell totals', async () => {
    const tier = await fx.api['monitoring.drill']({ panel: 'small', cell: { kind: 'tier', snapshot: S3, tier: 'substandard' } }, testCtx());
    expect(tier.rows.map((r) => r.loan_id)).toEqual(['L04', 'L05', 'L10']);
    expect([tier.count, tier.balance]).toEqual([3, 2200]);
    expect(tier.params).toEqual([S3, 'substandard']);
    expect(tier.sql).toContain('"small_tiers"');

    const exited = await fx.api['monitoring.drill'](
      { panel: 'small', cell: { kind: 'migration', from: S2, to: S3, fromTier: 'normal', toTier: 'exited' } },
      testCtx(),
    );
    expect(exited.rows).toEqual([
      { loan_id: 'L03', from_tier: 'normal', to_tier: 'exited', start_dpd: 0, end_dpd: null, start_balance: 250, end_balance: null },
    ]);
    const stay = await fx.api['monitoring.drill'](
      { panel: 'small', cell: { kind: 'migration', from: S1, to: S2, fromTier: 'normal', toTier: 'normal' }, limit: 2 },
      testCtx(),
    );
    expect([stay.count, stay.balance, stay.rows.length, stay.truncated]).toEqual([4, 3100, 2, true]);
  });
});
