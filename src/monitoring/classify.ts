/**
 * Five-tier classification as SQL: the rule set becomes a CASE over days past due with bound
 * thresholds, overrides lift the tier (restructured → at least substandard), and finer grades split
 * normal / special mention. The result is materialised once per panel in `<panel>_tiers`
 * (loan, snapshot, dpd, balance, tier, grade) so migration, warnings, layers and drill-downs
 * reuse it instead of re-deriving tiers.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { TIERS, type GradeBand, type PanelMapping, type Tier, type TierRuleSet } from '../api/monitoring';
import { badInput } from '../api/errors';
import { allRows, INTERNAL_PREFIX, q } from '../workspace/workspace';
import { claimDerivedTable } from './derived';
import { derivedTable, FIELD_COLUMN, hasField, panelRelation, type CanonicalField } from './panel';
import { scalar, SqlParams, tableExists } from './sql';

export const TIER_RUNS_TABLE = `${INTERNAL_PREFIX}tier_runs`;

/** 1 = normal ... 5 = loss: the order used everywhere a tier is compared. */
export const tierRank = (t: Tier): number => TIERS.indexOf(t) + 1;
export const tierOfRank = (rank: number): Tier => TIERS[rank - 1];

/** SQL for the tier rank (1..5) of a relation with `dpd`, `restructured`, `charged_off` columns. */
export function tierRankSql(r: TierRuleSet, p: SqlParams): string {
  const d = r.maxDpd;
  const base = `CASE WHEN dpd <= ${p.add(d.normal)} THEN 1 WHEN dpd <= ${p.add(d.special_mention)} THEN 2
    WHEN dpd <= ${p.add(d.substandard)} THEN 3 WHEN dpd <= ${p.add(d.doubtful)} THEN 4 ELSE 5 END`;
  if (r.overrides.length === 0) return base;
  const lifts = r.overrides.map((o) => `CASE WHEN ${FIELD_COLUMN[o.flag]} THEN ${p.add(tierRank(o.atLeast))} ELSE 1 END`);
  return `greatest(${base}, ${lifts.join(', ')})`;
}

/** SQL for the grade inside normal / special mention, NULL elsewhere (or when its basis is missing). */
export function gradeSql(r: TierRuleSet, rankSql: string, p: SqlParams, pdAvailable: boolean): string {
  const arms: string[] = [];
  for (const tier of ['normal', 'special_mention'] as const) {
    const bands = r.grades.filter((g) => g.tier === tier);
    if (bands.length === 0 || (bands[0].basis === 'pd' && !pdAvailable)) continue;
    arms.push(`WHEN ${rankSql} = ${p.add(tierRank(tier))} THEN ${bandCase(bands, p)}`);
  }
  return arms.length === 0 ? 'NULL::VARCHAR' : `CASE ${arms.join(' ')} ELSE NULL END`;
}

function bandCase(bands: GradeBand[], p: SqlParams): string {
  const col = bands[0].basis === 'pd' ? 'pd' : 'dpd';
  const whens = bands.map((b) => (b.max === null ? `ELSE ${p.add(b.grade)}` : `WHEN ${col} <= ${p.add(b.max)} THEN ${p.add(b.grade)}`));
  const open = bands[bands.length - 1].max === null;
  // A loan without a score gets no score grade (not the open-ended last band).
  return `CASE WHEN ${col} IS NULL THEN NULL ${whens.join(' ')}${open ? '' : ' ELSE NULL'} END`;
}

/** Canonical fields the rule set reads. */
export function ruleSetFields(r: TierRuleSet, m: PanelMapping): CanonicalField[] {
  const fields: CanonicalField[] = ['dpd', 'balance'];
  for (const o of r.overrides) if (!fields.includes(o.flag)) fields.push(o.flag);
  if (r.grades.some((g) => g.basis === 'pd') && hasField(m, 'pd')) fields.push('pd');
  return fields;
}

/** What the user should know about rules that could not apply to this panel. */
export function classificationNotes(r: TierRuleSet, m: PanelMapping): string[] {
  const notes: string[] = [];
  for (const o of r.overrides) {
    if (!hasField(m, o.flag)) notes.push(`Override "${o.flag} → ${o.atLeast}" not applied: the panel has no ${o.flag} column.`);
  }
  if (r.grades.some((g) => g.basis === 'pd') && !hasField(m, 'pd')) notes.push('PD-based grades left empty: the panel has no model PD.');
  return notes;
}

async function ensureRunsTable(c: DuckDBConnection): Promise<void> {
  await c.run(`CREATE TABLE IF NOT EXISTS ${q(TIER_RUNS_TABLE)} (
    tiers_table VARCHAR PRIMARY KEY, panel VARCHAR NOT NULL, rule_set VARCHAR NOT NULL,
    fingerprint VARCHAR NOT NULL, panel_rows BIGINT NOT NULL, created_at TIMESTAMP NOT NULL)`);
}

/**
 * Columns of `<panel>_tiers`. The tier name is a VIRTUAL generated column over tier_rank: the
 * analyst reads 'substandard', but 24M rows never store (or pay to write) the string. The names
 * are the engine's own constants, not user values, so they may sit in the DDL text.
 */
async function tiersColumns(c: DuckDBConnection, rel: string): Promise<string> {
  const [loanCol] = await allRows<{ column_type: string }>(c, `DESCRIBE SELECT loan_id FROM ${rel}`);
  const loanType = loanCol.column_type;
  if (!/^[A-Z][A-Z0-9_]*(\(\d+(,\s*\d+)?\))?$/i.test(loanType)) {
    throw badInput(`Loan ids of type ${loanType} cannot be classified; map a text or number column.`, { column: 'loan_id', type: loanType });
  }
  const names = TIERS.map((t, i) => `WHEN ${i + 1} THEN '${t}'`).join(' ');
  return `loan_id ${loanType}, snapshot_date DATE, dpd INTEGER, balance DOUBLE, tier_rank UTINYINT,
    tier VARCHAR GENERATED ALWAYS AS (CASE tier_rank ${names} END) VIRTUAL, grade VARCHAR`;
}

/** Same mapping, same rule set, same panel size: the materialised tiers are still valid. */
function fingerprint(m: PanelMapping, r: TierRuleSet): string {
  return JSON.stringify({ m, r: { ...r, builtin: undefined } });
}

/** Serialises materialisation per table inside this process (two ops asking at once build once). */
const building = new Map<string, Promise<unknown>>();

async function serialised<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const before = building.get(key) ?? Promise.resolve();
  const next = before.catch(() => undefined).then(fn);
  building.set(key, next);
  try {
    return await next;
  } finally {
    if (building.get(key) === next) building.delete(key);
  }
}

/** Write `<panel>_tiers`; callers hold the table's lock. */
async function writeTiers(c: DuckDBConnection, m: PanelMapping, r: TierRuleSet, table: string): Promise<number> {
  await ensureRunsTable(c);
  await claimDerivedTable(c, table, m.panel, 'tiers');
  const p = new SqlParams();
  const rank = tierRankSql(r, p);
  const fields = ruleSetFields(r, m);
  const grade = gradeSql(r, 'tier_rank', p, fields.includes('pd'));
  const rel = panelRelation(m, fields);
  await c.run(`CREATE OR REPLACE TABLE ${q(table)} (${await tiersColumns(c, rel)})`);
  await c.run(
    `INSERT INTO ${q(table)} (loan_id, snapshot_date, dpd, balance, tier_rank, grade)
     SELECT loan_id, snapshot_date, dpd, balance, tier_rank, ${grade} FROM (SELECT *, ${rank} AS tier_rank FROM ${rel})`,
    p.values,
  );
  const rows = await scalar(c, `SELECT count(*) FROM ${q(table)}`);
  await c.run(`INSERT OR REPLACE INTO ${q(TIER_RUNS_TABLE)} VALUES ($1, $2, $3, $4, $5, current_timestamp::TIMESTAMP)`, [
    table,
    m.panel,
    r.name,
    fingerprint(m, r),
    rows,
  ]);
  return rows;
}

/**
 * Write `<panel>_tiers` for this rule set (always rebuilds). Refuses to overwrite a table of that
 * name that Vigil did not make.
 */
export async function materialiseTiers(c: DuckDBConnection, m: PanelMapping, r: TierRuleSet): Promise<{ table: string; rows: number }> {
  const table = derivedTable.tiers(m.panel);
  return serialised(table, async () => ({ table, rows: await writeTiers(c, m, r, table) }));
}

/**
 * `<panel>_tiers` for this rule set, rebuilt only when the mapping, the rules or the panel's size
 * changed (a same-size rewrite of the panel table is not detected: classify again after one).
 */
export async function ensureTiers(c: DuckDBConnection, m: PanelMapping, r: TierRuleSet): Promise<string> {
  const table = derivedTable.tiers(m.panel);
  return serialised(table, async () => {
    await ensureRunsTable(c);
    const runs = await allRows<{ fingerprint: string; panel_rows: number }>(
      c,
      `SELECT fingerprint, panel_rows FROM ${q(TIER_RUNS_TABLE)} WHERE tiers_table = $1`,
      [table],
    );
    const fresh =
      runs.length === 1 &&
      runs[0].fingerprint === fingerprint(m, r) &&
      (await tableExists(c, table)) &&
      runs[0].panel_rows === (await scalar(c, `SELECT count(*) FROM ${q(m.table)}`));
    if (!fresh) await writeTiers(c, m, r, table);
    return table;
  });
}
