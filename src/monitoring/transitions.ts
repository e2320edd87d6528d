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
 *
 * Each loan's row is paired with its next kept row by LEAD() over (loan, snapshot): one sort of
 * the panel instead of a self-join whose hash table holds every row of every snapshot (on 24M
 * rows that join was most of the cost). A next row that is not at the period's end snapshot means
 * the loan was off book then: exited. The pairing is aggregated first and only the few hundred
 * resulting cells are matched to periods.
 */
export async function transitionCells(c: DuckDBConnection, tq: TransitionQuery): Promise<TransitionCell[]> {
  const p = tq.params;
  const step = tq.step ?? 1;
  const window: string[] = [];
  if (tq.from) window.push(`snapshot_date >= ${p.date(tq.from)}`);
  if (tq.to) window.push(`snapshot_date <= ${p.date(tq.to)}`);
  const stepParam = p.add(step);
  const snapsWhere = window.length ? `WHERE ${window.join(' AND ')}` : '';
  // Only snapshots that start or end a period take part; with a step of 1 that is all of them.
  if (step > 1) window.push(`snapshot_date IN (SELECT snapshot_date FROM snaps WHERE idx % ${stepParam} = 0)`);
  const rowsWhere = window.length ? `WHERE ${window.join(' AND ')}` : '';
  return allRows<TransitionCell>(
    c,
    `WITH snaps AS (
       SELECT snapshot_date, row_number() OVER (ORDER BY snapshot_date) - 1 AS idx
         FROM (SELECT DISTINCT snapshot_date FROM ${tq.source} ${snapsWhere})),
     periods AS (
       SELECT a.snapshot_date AS start_date, b.snapshot_date AS end_date
         FROM snaps a JOIN snaps b ON b.idx = a.idx + ${stepParam} WHERE a.idx % ${stepParam} = 0),
     seq AS (
       SELECT snapshot_date, balance, state, lead(snapshot_date) OVER w AS next_date, lead(state) OVER w AS next_state
         FROM (SELECT r.loan_id, r.snapshot_date, r.balance, ${tq.state} AS state FROM ${tq.source} r ${rowsWhere})
       WINDOW w AS (PARTITION BY loan_id ORDER BY snapshot_date)),
     cells AS (
       SELECT snapshot_date, next_date, state, next_state, count(*) AS n, sum(balance) AS bal FROM seq GROUP BY ALL)
     SELECT pr.start_date AS "start", pr.end_date AS "end", cells.state AS "from",
            CASE WHEN cells.next_date = pr.end_date THEN cells.next_state ELSE 0 END AS "to",
            sum(cells.n) AS count, sum(cells.bal) AS balance
       FROM cells JOIN periods pr ON pr.start_date = cells.snapshot_date
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
