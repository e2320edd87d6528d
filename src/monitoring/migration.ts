/**
 * Tier-to-tier migration matrices (迁徙矩阵): between any two snapshots by count and by balance
 * (balance at the start snapshot), row shares with Wilson intervals, an explicit "exited" column
 * for loans that left the book, and the loans that entered. Multi-period: the product of the
 * single-period matrices (a Markov chain estimate) beside the direct from→to matrix.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  MIGRATION_COLUMNS,
  TIERS,
  type CumulativeMigration,
  type MigrationMatrix,
  type MigrationRow,
  type MigrationTo,
  type PanelMapping,
  type ShareMatrix,
  type TierRuleSet,
} from '../api/monitoring';
import { badInput, notFound } from '../api/errors';
import { allRows } from '../workspace/workspace';
import { tierOfRank, tiersRelation } from './classify';
import { panelRelation } from './panel';
import { identity, matMul, wilson } from './stats';
import { ratio, SqlParams } from './sql';
import { transitionCells, byPeriod, type TransitionCell } from './transitions';

/** Distinct snapshot dates of a relation, in order. */
export async function snapshotsOf(c: DuckDBConnection, relation: string): Promise<string[]> {
  const rows = await allRows<{ d: string }>(c, `SELECT DISTINCT snapshot_date AS d FROM ${relation} ORDER BY 1`);
  return rows.map((r) => r.d);
}

export function checkSnapshotPair(snapshots: string[], from: string, to: string): void {
  if (from >= to) throw badInput(`The start snapshot (${from}) must come before the end snapshot (${to}).`, { from, to });
  for (const s of [from, to]) {
    if (!snapshots.includes(s)) {
      throw notFound(`The panel has no snapshot on ${s}; it has ${snapshots[0]} … ${snapshots[snapshots.length - 1]}.`, {
        snapshot: s,
        snapshots,
      });
    }
  }
}

const toName = (rank: number): MigrationTo => (rank === 0 ? 'exited' : tierOfRank(rank));

/** Rows (one per start tier) from aggregated cells, with shares and intervals. */
export function matrixRows(cells: { from: number; to: number; count: number; balance: number }[]): MigrationRow[] {
  return TIERS.map((tier, i) => {
    const mine = cells.filter((x) => x.from === i + 1);
    const count = mine.reduce((s, x) => s + x.count, 0);
    const balance = mine.reduce((s, x) => s + x.balance, 0);
    return {
      from: tier,
      count,
      balance,
      cells: MIGRATION_COLUMNS.map((to) => {
        const hit = mine.filter((x) => toName(x.to) === to);
        const n = hit.reduce((s, x) => s + x.count, 0);
        const b = hit.reduce((s, x) => s + x.balance, 0);
        return { to, count: n, balance: b, countShare: ratio(n, count), balanceShare: ratio(b, balance), ci: wilson(n, count) };
      }),
    };
  });
}

/**
 * Direct matrix between `from` and `to`. One FULL JOIN of the two snapshots: loans only at the
 * start are exits (to = 0), loans only at the end are entries (from = 0, counted at their end balance).
 * The snapshot filters reach the panel scan, so only those two snapshots are classified.
 */
export async function migrationMatrix(c: DuckDBConnection, m: PanelMapping, r: TierRuleSet, from: string, to: string): Promise<MigrationMatrix> {
  const p = new SqlParams();
  const cells = await allRows<{ from: number; to: number; count: number; balance: number }>(
    c,
    `WITH a AS (SELECT loan_id, tier_rank, balance FROM ${tiersRelation(m, r, p)} WHERE snapshot_date = ${p.date(from)}),
          b AS (SELECT loan_id, tier_rank, balance FROM ${tiersRelation(m, r, p)} WHERE snapshot_date = ${p.date(to)})
     SELECT coalesce(a.tier_rank, 0) AS "from", coalesce(b.tier_rank, 0) AS "to", count(*) AS count,
            sum(CASE WHEN a.loan_id IS NULL THEN b.balance ELSE a.balance END) AS balance
       FROM a FULL OUTER JOIN b ON a.loan_id = b.loan_id GROUP BY ALL`,
    p.values,
  );
  return {
    from,
    to,
    rows: matrixRows(cells.filter((x) => x.from > 0)),
    entered: TIERS.map((tier, i) => {
      const hit = cells.filter((x) => x.from === 0 && x.to === i + 1);
      return { to: tier, count: hit.reduce((s, x) => s + x.count, 0), balance: hit.reduce((s, x) => s + x.balance, 0) };
    }),
  };
}

/**
 * The direct matrix, refusing snapshots the panel does not have. The check reads the matrix itself
 * (no loans on book at a date means no such snapshot), so a valid request costs no extra scan.
 */
export async function checkedMigrationMatrix(
  c: DuckDBConnection,
  m: PanelMapping,
  r: TierRuleSet,
  from: string,
  to: string,
): Promise<MigrationMatrix> {
  if (from >= to) throw badInput(`The start snapshot (${from}) must come before the end snapshot (${to}).`, { from, to });
  const matrix = await migrationMatrix(c, m, r, from, to);
  const atStart = matrix.rows.reduce((s, row) => s + row.count, 0);
  const atEnd =
    matrix.rows.reduce((s, row) => s + row.cells.filter((x) => x.to !== 'exited').reduce((t, x) => t + x.count, 0), 0) +
    matrix.entered.reduce((s, e) => s + e.count, 0);
  if (atStart === 0 || atEnd === 0) checkSnapshotPair(await snapshotsOf(c, panelRelation(m, [])), from, to);
  return matrix;
}

/** Row-share matrix over tiers + exited; exited is absorbing and an empty row stays put. */
export function shareMatrix(cells: { from: number; to: number; count: number; balance: number }[], by: 'count' | 'balance'): ShareMatrix {
  const states = [...MIGRATION_COLUMNS];
  const index = (rank: number) => (rank === 0 ? states.length - 1 : rank - 1);
  const shares = identity(states.length);
  for (let i = 0; i < TIERS.length; i++) {
    const mine = cells.filter((x) => x.from === i + 1);
    const total = mine.reduce((s, x) => s + x[by], 0);
    if (total === 0) continue;
    shares[i] = states.map(() => 0);
    for (const x of mine) shares[i][index(x.to)] += x[by] / total;
  }
  return { states, shares };
}

/** Both the chained product of single-period matrices and the direct matrix, from → to. */
export async function cumulativeMigration(
  c: DuckDBConnection,
  m: PanelMapping,
  r: TierRuleSet,
  from: string,
  to: string,
  onStep?: (done: number, total: number) => void,
): Promise<CumulativeMigration> {
  const p = new SqlParams();
  const periods = byPeriod(await transitionCells(c, { source: tiersRelation(m, r, p), state: 'r.tier_rank', params: p, from, to }));
  onStep?.(1, 2);
  const chain = (by: 'count' | 'balance'): ShareMatrix => {
    let acc = identity(MIGRATION_COLUMNS.length);
    for (const period of periods) acc = matMul(acc, shareMatrix(period.cells, by).shares);
    return { states: [...MIGRATION_COLUMNS], shares: acc };
  };
  const direct = await migrationMatrix(c, m, r, from, to);
  onStep?.(2, 2);
  const directCells: Pick<TransitionCell, 'from' | 'to' | 'count' | 'balance'>[] = direct.rows.flatMap((row, i) =>
    row.cells.map((cell) => ({ from: i + 1, to: cell.to === 'exited' ? 0 : TIERS.indexOf(cell.to) + 1, count: cell.count, balance: cell.balance })),
  );
  return {
    from,
    to,
    steps: [from, ...periods.map((x) => x.end)],
    chained: { count: chain('count'), balance: chain('balance') },
    direct: { count: shareMatrix(directCells, 'count'), balance: shareMatrix(directCells, 'balance') },
  };
}
