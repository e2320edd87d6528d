/**
 * Per-snapshot tier summary: count and balance per tier (and per grade), NPL (substandard +
 * doubtful + loss), provisions at the rule set's per-tier rates, provision coverage (provisions /
 * NPL) and provision ratio (provisions / loans).
 *
 * One pass over the panel, and no loan's tier is written anywhere. A tier is a function of the
 * row's days past due, override flags and (in a mixed book) product, so the scan first groups by exactly those (a few
 * thousand groups: days past due are small integers) and the classification CASE, thresholds
 * bound, then runs on those groups instead of on every row. PD-based grades are the exception:
 * a PD is continuous, so their band is computed per row inside the first GROUP BY.
 * The arithmetic on the handful of resulting cells happens in JS.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { TIERS, type PanelMapping, type Tier, type TierRuleSet, type TierSnapshot } from '../api/monitoring';
import { allRows } from '../workspace/workspace';
import { gradeSql, ruleSetFields, tierOfRank, tierRankSql } from './classify';
import { FIELD_COLUMN, panelRelation } from './panel';
import { ratio, SqlParams } from './sql';

const NPL_TIERS: readonly Tier[] = ['substandard', 'doubtful', 'loss'];

/** One GROUP BY cell: loans of a snapshot in a tier and grade (index into the rule set's grades, or null). */
interface TierCell {
  snapshot_date: string;
  tier_rank: number;
  grade: number | null;
  n: number;
  bal: number;
}

export async function tierSummary(c: DuckDBConnection, m: PanelMapping, r: TierRuleSet): Promise<TierSnapshot[]> {
  const p = new SqlParams();
  const fields = ruleSetFields(r, m, true);
  // Everything the tier depends on besides days past due: override flags, and the product of a mixed book.
  const flags = fields.filter((f) => f === 'restructured' || f === 'chargedOff' || f === 'product').map((f) => `${FIELD_COLUMN[f]}, `);
  const source = panelRelation(m, fields);
  const gradePerRow = fields.includes('pd');
  const groups = gradePerRow
    ? `SELECT snapshot_date, dpd, ${flags.join('')}${gradeSql(r, m, 'tier_rank', p, 'index')} AS grade, count(*) AS n, sum(balance) AS bal
         FROM (SELECT *, ${tierRankSql(r, m, p)} AS tier_rank FROM ${source}) GROUP BY ALL`
    : `SELECT snapshot_date, dpd, ${flags.join('')}count(*) AS n, sum(balance) AS bal FROM ${source} GROUP BY ALL`;
  const grade = gradePerRow ? 'grade' : gradeSql(r, m, 'tier_rank', p, 'index');
  const cells = await allRows<TierCell>(
    c,
    `SELECT snapshot_date, tier_rank, ${grade} AS grade, sum(n) AS n, sum(bal) AS bal
       FROM (SELECT *, ${tierRankSql(r, m, p)} AS tier_rank FROM (${groups}))
      GROUP BY snapshot_date, tier_rank, ${grade} ORDER BY snapshot_date, tier_rank, grade`,
    p.values,
  );
  const bySnapshot = new Map<string, TierCell[]>();
  for (const cell of cells) {
    const list = bySnapshot.get(cell.snapshot_date) ?? [];
    list.push(cell);
    bySnapshot.set(cell.snapshot_date, list);
  }
  return [...bySnapshot.entries()].map(([snapshot, list]) => snapshotSummary(snapshot, list, r));
}

function snapshotSummary(snapshot: string, list: TierCell[], r: TierRuleSet): TierSnapshot {
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
    grades: list.flatMap((x) => (x.grade === null ? [] : [{ tier: tierOfRank(x.tier_rank), grade: r.grades[x.grade].grade, count: x.n, balance: x.bal }])),
  };
}
