/**
 * Drill-down (穿透): every aggregated cell can be reproduced as "the loans behind this number". The
 * query is built from the same SQL as the aggregate (the `<panel>_tiers` view, which carries the
 * classification CASE; the vintage per-loan relation; the watchlist), returned with its bound
 * parameters so the analyst can rerun it, and run to give the count, the balance (in the cell's
 * own convention) and the first rows.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { MIGRATION_COLUMNS, TIERS, WARNING_LEVELS, type DrillCell, type DrillResult, type PanelMapping } from '../api/monitoring';
import { badInput, notFound } from '../api/errors';
import { allRows, q } from '../workspace/workspace';
import { derivedTable } from './panel';
import { isoDate, SqlParams, tableExists } from './sql';
import { vintageLoansSql } from './vintage';

interface DrillQuery {
  sql: string;
  /** Column holding the balance that the cell sums. */
  balance: string;
}

function tierQuery(tiers: string, cell: Extract<DrillCell, { kind: 'tier' }>, p: SqlParams): DrillQuery {
  if (!TIERS.includes(cell.tier)) throw badInput(`Unknown tier "${cell.tier}".`, { field: 'cell.tier' });
  return {
    sql: `SELECT loan_id, snapshot_date, tier, grade, dpd, balance FROM ${q(tiers)}
           WHERE snapshot_date = ${p.date(isoDate(cell.snapshot, 'cell.snapshot'))} AND tier = ${p.add(cell.tier)} ORDER BY loan_id`,
    balance: 'balance',
  };
}

/** Loans in `fromTier` at `from` and in `toTier` (or gone) at `to`; balance at the start, as the matrix. */
function migrationQuery(tiers: string, cell: Extract<DrillCell, { kind: 'migration' }>, p: SqlParams): DrillQuery {
  if (!TIERS.includes(cell.fromTier) || !MIGRATION_COLUMNS.includes(cell.toTier)) {
    throw badInput(`Unknown migration cell ${cell.fromTier} → ${cell.toTier}.`, { field: 'cell' });
  }
  const exited = p.add('exited');
  return {
    sql: `SELECT a.loan_id, a.tier AS from_tier, coalesce(b.tier, ${exited}) AS to_tier, a.dpd AS start_dpd, b.dpd AS end_dpd,
                 a.balance AS start_balance, b.balance AS end_balance
            FROM ${q(tiers)} a LEFT JOIN ${q(tiers)} b ON b.loan_id = a.loan_id AND b.snapshot_date = ${p.date(isoDate(cell.to, 'cell.to'))}
           WHERE a.snapshot_date = ${p.date(isoDate(cell.from, 'cell.from'))} AND a.tier = ${p.add(cell.fromTier)}
             AND coalesce(b.tier, ${exited}) = ${p.add(cell.toTier)}
           ORDER BY a.loan_id`,
    balance: 'start_balance',
  };
}

/** Loans of the cohort that had first gone past the threshold by that month on book; balance at the first hit. */
function vintageQuery(m: PanelMapping, cell: Extract<DrillCell, { kind: 'vintage' }>, p: SqlParams): DrillQuery {
  if (cell.threshold !== 30 && cell.threshold !== 90) throw badInput('The vintage threshold is 30 or 90 days.', { field: 'cell.threshold' });
  if (!Number.isInteger(cell.mob) || cell.mob < 0) throw badInput('Months on book must be a whole number ≥ 0.', { field: 'cell.mob' });
  const loans = vintageLoansSql(m, cell.cohortBy ?? 'month', p);
  const hit = cell.threshold === 30 ? 'hit30' : 'hit90';
  const bal = cell.threshold === 30 ? 'bal30' : 'bal90';
  return {
    sql: `SELECT loan_id, cohort, amount, ${hit} AS first_hit_mob, ${bal} AS balance_at_first_hit FROM ${loans}
           WHERE cohort = ${p.date(isoDate(cell.cohort, 'cell.cohort'))} AND ${hit} <= ${p.add(cell.mob)} ORDER BY loan_id`,
    balance: 'balance_at_first_hit',
  };
}

async function warningQuery(c: DuckDBConnection, m: PanelMapping, cell: Extract<DrillCell, { kind: 'warning' }>, p: SqlParams): Promise<DrillQuery> {
  if (!WARNING_LEVELS.includes(cell.level)) throw badInput(`Unknown warning level "${cell.level}".`, { field: 'cell.level' });
  const table = derivedTable.watchlist(m.panel);
  if (!(await tableExists(c, table))) throw notFound(`Run the early warnings for panel "${m.panel}" first; there is no watchlist yet.`, { table });
  return {
    sql: `SELECT * FROM ${q(table)} WHERE snapshot_date = ${p.date(isoDate(cell.snapshot, 'cell.snapshot'))}
           AND highest_level = ${p.add(cell.level)} ORDER BY loan_id`,
    balance: 'balance',
  };
}

export async function drill(c: DuckDBConnection, m: PanelMapping, tiersView: () => Promise<string>, cell: DrillCell, limit = 1000): Promise<DrillResult> {
  if (!Number.isInteger(limit) || limit < 0) throw badInput('The row limit must be a whole number ≥ 0.', { field: 'limit' });
  const p = new SqlParams();
  let dq: DrillQuery;
  switch (cell?.kind) {
    case 'tier':
      dq = tierQuery(await tiersView(), cell, p);
      break;
    case 'migration':
      dq = migrationQuery(await tiersView(), cell, p);
      break;
    case 'vintage':
      dq = vintageQuery(m, cell, p);
      break;
    case 'warning':
      dq = await warningQuery(c, m, cell, p);
      break;
    default:
      throw badInput('The cell kind is tier, migration, vintage or warning.', { field: 'cell.kind' });
  }
  const params = p.values.map((v) => (typeof v === 'number' || typeof v === 'string' ? v : String(v)));
  const [total] = await allRows<{ n: number; b: number | null }>(c, `SELECT count(*) AS n, sum(${q(dq.balance)}) AS b FROM (${dq.sql})`, [...params]);
  const rows = await allRows(c, `SELECT * FROM (${dq.sql}) LIMIT ${p.add(limit)}`, p.values);
  return { sql: dq.sql, params, count: total.n, balance: total.b ?? 0, rows, truncated: total.n > rows.length };
}
