import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TierRuleSet } from '../../../src/api/monitoring';
import { claimDerivedTable } from '../../../src/monitoring/derived';
import { openFixture, S1, S3, testCtx, type Fixture } from './fixture';

let fx: Fixture;
beforeEach(async () => {
  fx = await openFixture();
});
afterEach(async () => fx.cleanup());

const objectType = async (name: string) =>
  (await fx.ws.all<{ table_type: string }>(`SELECT table_type FROM information_schema.tables WHERE table_name = $1`, [name]))[0]?.table_type;

describe('<panel>_tiers is a view over the panel', () => {
  it('stores no rows and follows a change to the panel without classifying again', async () => {
    const res = await fx.api['monitoring.classify']({ panel: 'small' }, testCtx());
    expect(res.table).toBe('small_tiers');
    expect(await objectType('small_tiers')).toBe('VIEW');
    // L01 is current in January (normal); rewrite that row in place, same panel size.
    await fx.ws.run(`UPDATE small_panel SET dpd = 400 WHERE loan_id = 'L01' AND snapshot_date = DATE '2024-01-31'`);
    const [row] = await fx.ws.all<{ tier: string; tier_rank: number; dpd: number }>(
      `SELECT tier, tier_rank, dpd FROM small_tiers WHERE loan_id = 'L01' AND snapshot_date = $1::DATE`,
      [S1],
    );
    expect(row).toEqual({ tier: 'loss', tier_rank: 5, dpd: 400 });
    // The summary reads the panel itself: January normal loses L01's 1000, loss gains it.
    const jan = (await fx.api['monitoring.classify']({ panel: 'small' }, testCtx())).snapshots[0];
    expect(jan.tiers.map((t) => [t.count, t.balance])).toEqual([[4, 4100], [2, 2200], [1, 300], [1, 600], [1, 1000]]);
  });

  it('shows the rule set of the last classify, and only rewrites itself when the rules change', async () => {
    await fx.api['monitoring.classify']({ panel: 'small', ruleSet: 'credit_card_2011' }, testCtx());
    // Cards: L04 at 160 days in March is doubtful (121–180); under retail rules it is substandard.
    const l04 = () => fx.ws.all<{ tier: string }>(`SELECT tier FROM small_tiers WHERE loan_id = 'L04' AND snapshot_date = $1::DATE`, [S3]);
    expect(await l04()).toEqual([{ tier: 'doubtful' }]);
    const firstRun = await fx.ws.all<{ created_at: string }>(`SELECT created_at FROM _vigil_tier_runs WHERE tiers_table = 'small_tiers'`);
    await fx.api['monitoring.classify']({ panel: 'small', ruleSet: 'credit_card_2011' }, testCtx());
    expect(await fx.ws.all(`SELECT created_at FROM _vigil_tier_runs WHERE tiers_table = 'small_tiers'`)).toEqual(firstRun);
    // A drill under the default (retail) rules redefines the view, so the SQL it returns means what it says.
    const drill = await fx.api['monitoring.drill']({ panel: 'small', cell: { kind: 'tier', snapshot: S3, tier: 'substandard' } }, testCtx());
    expect(drill.rows.map((r) => r.loan_id)).toEqual(['L04', 'L05', 'L10']);
    expect(await l04()).toEqual([{ tier: 'substandard' }]);
    expect(await fx.ws.all(`SELECT rule_set FROM _vigil_tier_runs WHERE tiers_table = 'small_tiers'`)).toEqual([{ rule_set: 'retail_2023' }]);
  });

  it('replaces the materialised tiers table an earlier version of Vigil wrote', async () => {
    // What an earlier version left behind: a real table, recorded as Vigil's own.
    await fx.ws.withConnection(async (c) => {
      await claimDerivedTable(c, 'small_tiers', 'small', 'tiers');
      await c.run(`CREATE TABLE small_tiers AS SELECT loan_id, snapshot_date, 'stale' AS tier FROM small_panel`);
    });
    expect(await objectType('small_tiers')).toBe('BASE TABLE');
    await fx.api['monitoring.classify']({ panel: 'small' }, testCtx());
    expect(await objectType('small_tiers')).toBe('VIEW');
    expect(await fx.ws.all(`SELECT count(*) AS n FROM small_tiers WHERE tier = 'stale'`)).toEqual([{ n: 0 }]);
  });

  it('keeps grade names with quotes and backslashes intact in the view and the summary', async () => {
    const quoted: TierRuleSet = {
      name: 'quoted_grades',
      label: 'Grades whose names need escaping in SQL',
      maxDpd: { normal: 0, special_mention: 90, substandard: 270, doubtful: 360 },
      overrides: [],
      grades: [
        { tier: 'special_mention', grade: "watch 'early'", basis: 'dpd', max: 30.5 },
        { tier: 'special_mention', grade: 'watch \\late', basis: 'dpd', max: null },
      ],
      provisionRates: { normal: 0.01, special_mention: 0.02, substandard: 0.25, doubtful: 0.5, loss: 1 },
    };
    await fx.api['monitoring.saveRuleSet']({ ruleSet: quoted }, testCtx());
    const res = await fx.api['monitoring.classify']({ panel: 'small', ruleSet: 'quoted_grades' }, testCtx());
    // January special mention: L08 at 15 days (early), L10 at 60 days (late)
    expect(res.snapshots[0].grades).toEqual([
      { tier: 'special_mention', grade: "watch 'early'", count: 1, balance: 1500 },
      { tier: 'special_mention', grade: 'watch \\late', count: 1, balance: 700 },
    ]);
    const rows = await fx.ws.all(`SELECT loan_id, grade FROM small_tiers WHERE snapshot_date = $1::DATE AND grade IS NOT NULL ORDER BY loan_id`, [S1]);
    expect(rows).toEqual([
      { loan_id: 'L08', grade: "watch 'early'" },
      { loan_id: 'L10', grade: 'watch \\late' },
    ]);
  });
});
