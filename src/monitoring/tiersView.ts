/**
 * `<panel>_tiers`: every loan's tier for the analyst to query (and for drill-down SQL to read), as
 * a VIEW over the panel with the classification CASE. It stores no rows, so defining it is instant
 * and it is never stale: DuckDB inlines it into each query and classifies only the rows that
 * query's filters keep. `_vigil_tier_runs` records which rule set the view applies, so it is
 * redefined only when the mapping or the rules change.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { JobContext } from '../api/jobs';
import { TIERS, type PanelMapping, type TierRuleSet } from '../api/monitoring';
import { allRows, INTERNAL_PREFIX, q, type Workspace } from '../workspace/workspace';
import { gradeSql, ruleSetFields, tierRankSql } from './classify';
import { claimDerivedTable } from './derived';
import { derivedTable, panelRelation } from './panel';
import { scalar, SqlLiterals } from './sql';

export const TIER_RUNS_TABLE = `${INTERNAL_PREFIX}tier_runs`;

async function ensureRunsTable(c: DuckDBConnection): Promise<void> {
  // panel_rows: the panel's size when the view was defined (informational; a view cannot go stale).
  await c.run(`CREATE TABLE IF NOT EXISTS ${q(TIER_RUNS_TABLE)} (
    tiers_table VARCHAR PRIMARY KEY, panel VARCHAR NOT NULL, rule_set VARCHAR NOT NULL,
    fingerprint VARCHAR NOT NULL, panel_rows BIGINT NOT NULL, created_at TIMESTAMP NOT NULL)`);
}

/** Same mapping, same rules: the view already says the right thing. */
function fingerprint(m: PanelMapping, r: TierRuleSet): string {
  return JSON.stringify({ m, r: { ...r, builtin: undefined } });
}

/**
 * The view's SELECT. Its values are literals (a view cannot hold bound parameters), rendered by
 * `SqlLiterals` from the validated rule set; the tier names are the engine's own constants.
 */
function viewSql(m: PanelMapping, r: TierRuleSet): string {
  const v = new SqlLiterals();
  const rank = tierRankSql(r, m, v);
  const grade = gradeSql(r, m, 'tier_rank', v, 'name');
  const names = TIERS.map((t, i) => `WHEN ${i + 1} THEN ${v.add(t)}`).join(' ');
  return `SELECT loan_id, snapshot_date, dpd, balance, tier_rank, CASE tier_rank ${names} END AS tier, ${grade} AS grade
            FROM (SELECT *, ${rank} AS tier_rank FROM ${panelRelation(m, ruleSetFields(r, m, true))})`;
}

/** Workspaces from before the view kept `<panel>_tiers` as a table; it is Vigil's, so it may go. */
async function dropMaterialisedTiers(c: DuckDBConnection, table: string): Promise<void> {
  const kind = await allRows<{ table_type: string }>(
    c,
    `SELECT table_type FROM information_schema.tables WHERE table_schema = 'main' AND table_name = $1`,
    [table],
  );
  if (kind[0]?.table_type === 'BASE TABLE') await c.run(`DROP TABLE ${q(table)}`);
}

/** (Re)define `<panel>_tiers` for this rule set; the caller holds a transaction. */
async function writeTiersView(c: DuckDBConnection, m: PanelMapping, r: TierRuleSet, view: string): Promise<void> {
  await claimDerivedTable(c, view, m.panel, 'tiers');
  await dropMaterialisedTiers(c, view);
  await c.run(`CREATE OR REPLACE VIEW ${q(view)} AS ${viewSql(m, r)}`);
  const rows = await scalar(c, `SELECT count(*) FROM ${q(m.table)}`);
  await c.run(`INSERT OR REPLACE INTO ${q(TIER_RUNS_TABLE)} VALUES ($1, $2, $3, $4, $5, current_timestamp::TIMESTAMP)`, [
    view,
    m.panel,
    r.name,
    fingerprint(m, r),
    rows,
  ]);
}

async function viewIsCurrent(c: DuckDBConnection, m: PanelMapping, r: TierRuleSet, view: string): Promise<boolean> {
  const runs = await allRows<{ fingerprint: string }>(c, `SELECT fingerprint FROM ${q(TIER_RUNS_TABLE)} WHERE tiers_table = $1`, [view]);
  if (runs[0]?.fingerprint !== fingerprint(m, r)) return false;
  const views = await allRows(
    c,
    `SELECT 1 FROM duckdb_views() WHERE database_name = current_database() AND schema_name = 'main' AND view_name = $1`,
    [view],
  );
  return views.length === 1;
}

/** One definition at a time per view in this process: two ops asking at once define it once, without a write conflict. */
const defining = new Map<string, Promise<unknown>>();

/**
 * `<panel>_tiers` showing this rule set: defined in its own transaction (the view and its record
 * change together, and a cancel leaves the previous definition), and only when the mapping or the
 * rules changed. Refuses to replace a table or view of that name that Vigil did not make.
 */
export async function defineTiersView(ws: Workspace, m: PanelMapping, r: TierRuleSet, ctx: JobContext): Promise<string> {
  const view = derivedTable.tiers(m.panel);
  const define = () =>
    ws.transaction(async (c) => {
      await ensureRunsTable(c);
      if (!(await viewIsCurrent(c, m, r, view))) await writeTiersView(c, m, r, view);
    }, ctx);
  const next = (defining.get(view) ?? Promise.resolve()).catch(() => undefined).then(define);
  defining.set(view, next);
  try {
    await next;
  } finally {
    if (defining.get(view) === next) defining.delete(view);
  }
  return view;
}
