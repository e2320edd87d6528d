/**
 * Regulatory loan migration rates (贷款迁徙率) per period, as defined in the CBRC off-site
 * supervision indicator definitions (非现场监管指标定义及计算公式):
 *
 *   正常类贷款迁徙率 = 期初正常类贷款中转为关注类、次级类、可疑类、损失类的贷款金额之和
 *                    / (期初正常类贷款余额 − 期初正常类贷款期间减少金额) × 100%
 *   关注类贷款迁徙率 = 期初关注类贷款中转为次级类、可疑类、损失类的贷款金额之和
 *                    / (期初关注类贷款余额 − 期初关注类贷款期间减少金额) × 100%
 *   次级类贷款迁徙率 = 期初次级类贷款中转为可疑类、损失类的贷款金额之和 / (期初次级类贷款余额 − 期初次级类贷款期间减少金额)
 *   可疑类贷款迁徙率 = 期初可疑类贷款中转为损失类的贷款金额 / (期初可疑类贷款余额 − 期初可疑类贷款期间减少金额)
 *   正常贷款迁徙率   = (期初正常类 + 期初关注类贷款中转为不良贷款的金额)
 *                    / (期初正常类 + 关注类贷款余额 − 两者期间减少金额)
 *
 * "期间减少金额" is what left the book during the period: repaid in full, disposed of, written
 * off or transferred out. On a panel that is the loans on book at the start and absent at the end.
 * All amounts are start-of-period balances, so numerator and denominator count the same money;
 * the count-based rate uses loans instead of balances.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { MigrationRateName, MigrationRatePoint, PanelMapping, TierRuleSet } from '../api/monitoring';
import { tiersRelation } from './classify';
import { ratio, SqlParams } from './sql';
import { byPeriod, transitionCells, type TransitionCell } from './transitions';

/** Start tiers (ranks) and the worse tiers that count as migrated, per rate. */
export const MIGRATION_RATE_DEFS: Record<MigrationRateName, { from: number[]; to: number[] }> = {
  normal: { from: [1], to: [2, 3, 4, 5] },
  special_mention: { from: [2], to: [3, 4, 5] },
  substandard: { from: [3], to: [4, 5] },
  doubtful: { from: [4], to: [5] },
  performing: { from: [1, 2], to: [3, 4, 5] },
};

export function migrationRatesOf(start: string, end: string, cells: TransitionCell[]): MigrationRatePoint {
  const rates = (Object.keys(MIGRATION_RATE_DEFS) as MigrationRateName[]).map((name) => {
    const def = MIGRATION_RATE_DEFS[name];
    const atStart = cells.filter((x) => def.from.includes(x.from));
    const sum = (list: TransitionCell[], by: 'count' | 'balance') => list.reduce((s, x) => s + x[by], 0);
    const migrated = atStart.filter((x) => def.to.includes(x.to));
    const reduced = atStart.filter((x) => x.to === 0);
    return {
      name,
      byBalance: ratio(sum(migrated, 'balance'), sum(atStart, 'balance') - sum(reduced, 'balance')),
      byCount: ratio(sum(migrated, 'count'), sum(atStart, 'count') - sum(reduced, 'count')),
      migrated: sum(migrated, 'count'),
      base: sum(atStart, 'count'),
      reduced: sum(reduced, 'count'),
    };
  });
  return { start, end, rates };
}

/** Rates for every period of `step` snapshots (1 = month to month on a monthly panel). */
export async function migrationRateSeries(c: DuckDBConnection, m: PanelMapping, r: TierRuleSet, step = 1): Promise<MigrationRatePoint[]> {
  const p = new SqlParams();
  const cells = await transitionCells(c, { source: tiersRelation(m, r, p), state: 'r.tier_rank', params: p, step });
  return byPeriod(cells).map((p) => migrationRatesOf(p.start, p.end, p.cells));
}
