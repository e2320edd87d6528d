/**
 * Per-snapshot tier summary: count and balance per tier, NPL (substandard + doubtful + loss),
 * provisions at the rule set's per-tier rates, provision coverage (provisions / NPL) and provision
 * ratio (provisions / loans). One GROUP BY over `<panel>_tiers`; the arithmetic on the handful of
 * resulting cells happens here.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { TIERS, type Tier, type TierRuleSet, type TierSnapshot } from '../api/monitoring';
import { allRows, q } from '../workspace/workspace';
import { tierOfRank } from './classify';
import { ratio } from './sql';

const NPL_TIERS: readonly Tier[] = ['substandard', 'doubtful', 'loss'];

export async function tierSummary(c: DuckDBConnection, tiersTable: string, r: TierRuleSet): Promise<TierSnapshot[]> {
  const cells = await allRows<{ snapshot_date: string; tier_rank: number; grade: string | null; n: number; bal: number }>(
    c,
    `SELECT snapshot_date, tier_rank, grade, count(*) AS n, sum(balance) AS bal
       FROM ${q(tiersTable)} GROUP BY ALL ORDER BY snapshot_date, tier_rank, grade`,
  );
  const bySnapshot = new Map<string, typeof cells>();
  for (const cell of cells) {
    const list = bySnapshot.get(cell.snapshot_date) ?? [];
    list.push(cell);
    bySnapshot.set(cell.snapshot_date, list);
  }
  return [...bySnapshot.entries()].map(([snapshot, list]) => {
    const tiers = TIERS.map((tier) => {
      const mine = list.filter((x) => tierOfRank(x.tier_rank) === tier);
      const count = mine.reduce((s, x) => s + x.n, 0);
      const balance = mine.reduce((s, x) => s + x.bal, 0);
      return { tier, count, balance, provision: balance * r.provisionRates[tier] };
    });
    const balance = tiers.reduce((s, t) => s + t.balance, 0);
    const nplBalance = tiers.filter((t) => NPL_TIERS.includes(t.tier)).reduce((s, t) => s + t.balance, 0);
    const provisions = tiers.reduce((s, t) => s + t.provision, 0);
    return {
      snapshot,
      tiers,
      loans: tiers.reduce((s, t) => s + t.count, 0),
      balance,
      nplBalance,
      nplRatio: ratio(nplBalance, balance),
      provisions,
      provisionCoverage: ratio(provisions, nplBalance),
      provisionRatio: ratio(provisions, balance),
      grades: list
        .filter((x) => x.grade !== null)
        .map((x) => ({ tier: tierOfRank(x.tier_rank), grade: x.grade as string, count: x.n, balance: x.bal })),
    };
  });
}
