/**
 * Loan-level state transitions between snapshots, aggregated in SQL: the engine behind migration
 * matrices, regulatory migration rates and roll rates. A loan on book at the start snapshot and
 * absent at the end one has "exited" (state 0): repaid, written off or transferred out.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { allRows } from '../workspace/workspace';
import { SqlParams } from './sql';

export interface TransitionCell {
  start: string;
  end: string;
  /** State at the start (1-based). */
  from: number;
  /** State at the end; 0 = exited. */
  to: number;
  count: number;
  /** Balance at the start snapshot. */
  balance: number;
}

export interface TransitionQuery {
  /** FROM item with loan_id, snapshot_date, balance and whatever `state` reads. */
  source: string;
  /** SQL giving the state (an integer ≥ 1) of a row of `source`. */
  state: string;
  params: SqlParams;
  /** Snapshots per period: 1 pairs each snapshot with the next, 3 gives quarters of a monthly panel. */
  step?: number;
  /** Restrict to snapshots in [from, to]. */
  from?: string;
  to?: string;
}

/**
 * Cells of every period's transition matrix in one statement. Snapshots are numbered in order
 * (not by calendar arithmetic) so month-end panels, weekly panels and gaps all pair correctly.
 */
export async function transitionCells(c: DuckDBConnection, tq: TransitionQuery): Promise<TransitionCell[]> {
  const p = tq.params;
  const step = p.add(tq.step ?? 1);
  const window: string[] = [];
  if (tq.from) window.push(`snapshot_date >= ${p.date(tq.from)}`);
  if (tq.to) window.push(`snapshot_date <= ${p.date(tq.to)}`);
  const where = window.length ? `WHERE ${window.join(' AND ')}` : '';
  return allRows<TransitionCell>(
    c,
    `WITH snaps AS (
       SELECT snapshot_date, row_number() OVER (ORDER BY snapshot_date) - 1 AS idx
         FROM (SELECT DISTINCT snapshot_date FROM ${tq.source} ${where})),
     rows AS (
       SELECT r.loan_id, s.idx, r.balance, ${tq.state} AS state
         FROM ${tq.source} r JOIN snaps s USING (snapshot_date)),
     pairs AS (
       SELECT a.idx, a.state AS from_state, coalesce(b.state, 0) AS to_state, a.balance
         FROM rows a LEFT JOIN rows b ON b.loan_id = a.loan_id AND b.idx = a.idx + ${step}
        WHERE a.idx % ${step} = 0 AND a.idx + ${step} <= (SELECT max(idx) FROM snaps))
     SELECT s0.snapshot_date AS "start", s1.snapshot_date AS "end", from_state AS "from", to_state AS "to",
            count(*) AS count, sum(balance) AS balance
       FROM pairs JOIN snaps s0 ON s0.idx = pairs.idx JOIN snaps s1 ON s1.idx = pairs.idx + ${step}
      GROUP BY ALL ORDER BY 1, 3, 4`,
    p.values,
  );
}

/** Cells grouped by period, in time order. */
export function byPeriod(cells: TransitionCell[]): { start: string; end: string; cells: TransitionCell[] }[] {
  const out = new Map<string, { start: string; end: string; cells: TransitionCell[] }>();
  for (const cell of cells) {
    const key = `${cell.start}|${cell.end}`;
    const entry = out.get(key) ?? { start: cell.start, end: cell.end, cells: [] };
    entry.cells.push(cell);
    out.set(key, entry);
  }
  return [...out.values()];
}
