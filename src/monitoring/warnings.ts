/**
 * The watchlist (预警名单): every loan-snapshot with at least one signal, with each rule's level,
 * the highest level, and the first snapshot of the loan's current unbroken run of signals (how
 * long it has been on the list). Written to `<panel>_watchlist`, since it can be long.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { WARNING_LEVELS, type LoanWarningRule, type PanelMapping, type WarningLevel } from '../api/monitoring';
import { allRows, q } from '../workspace/workspace';
import { claimDerivedTable } from './derived';
import { applicableRules, loanSignalsSql, signalColumn } from './loanSignals';
import { derivedTable } from './panel';
import { scalar, SqlParams } from './sql';

export interface Watchlist {
  table: string;
  rows: number;
  notes: string[];
}

export async function writeWatchlist(c: DuckDBConnection, m: PanelMapping, allRules: LoanWarningRule[]): Promise<Watchlist> {
  const table = derivedTable.watchlist(m.panel);
  const { rules, notes } = applicableRules(m, allRules);
  await claimDerivedTable(c, table, m.panel, 'watchlist');
  const p = new SqlParams();
  const signals = loanSignalsSql(m, rules, p);
  const names = WARNING_LEVELS.map((l, i) => `WHEN ${i + 1} THEN ${p.add(l)}`).join(' ');
  const fired = rules.length ? `concat_ws(',', ${rules.map((r) => `CASE WHEN ${q(signalColumn(r))} IS NOT NULL THEN ${p.add(r.id)} END`).join(', ')})` : `''`;
  const sigCols = rules.map((r) => q(signalColumn(r)));
  // Consecutive flagged snapshots share idx − row_number(): that difference names the current run.
  await c.run(
    `CREATE OR REPLACE TABLE ${q(table)} AS
     WITH flagged AS (SELECT * FROM ${signals} WHERE level_rank > 0),
          runs AS (SELECT *, idx - row_number() OVER (PARTITION BY loan_id ORDER BY idx) AS signal_run FROM flagged)
     SELECT loan_id, snapshot_date, dpd, balance, CASE level_rank ${names} END AS highest_level,
            CAST(level_rank AS UTINYINT) AS level_rank, ${fired} AS signals,
            min(snapshot_date) OVER (PARTITION BY loan_id, signal_run) AS first_seen${sigCols.length ? ', ' + sigCols.join(', ') : ''}
       FROM runs ORDER BY snapshot_date, loan_id`,
    p.values,
  );
  return { table, rows: await scalar(c, `SELECT count(*) FROM ${q(table)}`), notes };
}

export async function watchlistByLevel(
  c: DuckDBConnection,
  table: string,
): Promise<{ snapshot: string; level: WarningLevel; count: number; balance: number }[]> {
  return allRows(
    c,
    `SELECT snapshot_date AS snapshot, highest_level AS level, count(*) AS count, sum(balance) AS balance
       FROM ${q(table)} GROUP BY snapshot_date, highest_level ORDER BY snapshot_date, any_value(level_rank)`,
  );
}
