/**
 * Collection stages (催收阶段): early (1–30 days past due), middle (31–90), late (90+), counted per
 * snapshot; and case allocation: each delinquent loan at a snapshot becomes a case, routed to a
 * team by the desk's ordered rules on stage, layer and amount. The cases are written to
 * `<panel>_collection_cases` (and optionally a CSV file) for the desk to work and export.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { COLLECTION_STAGES, LAYERS, type CaseAllocationRule, type CollectionStage, type PanelMapping } from '../api/monitoring';
import { badInput } from '../api/errors';
import { prependUtf8Bom } from '../workspace/excel-bom';
import { allRows, q } from '../workspace/workspace';
import { claimDerivedTable } from './derived';
import { panelRelation } from './panel';
import { BUCKET_MAX_DPD } from './rollRates';
import { SqlParams } from './sql';

export const UNASSIGNED_TEAM = 'unassigned';

export const DEFAULT_ALLOCATION: CaseAllocationRule[] = [
  { team: 'late_recovery', stages: ['late'] },
  { team: 'middle_senior', stages: ['middle'], layers: ['C'] },
  { team: 'middle_phone', stages: ['middle'] },
  { team: 'early_phone', stages: ['early'], minBalance: 50_000 },
  { team: 'early_sms', stages: ['early'] },
];

/** Stage of a row with `dpd`: NULL when current. Bounds follow the roll buckets (30 and 90 days). */
export function stageSql(p: SqlParams): string {
  const [, thirty, , ninety] = BUCKET_MAX_DPD;
  const [early, middle, late] = COLLECTION_STAGES;
  return `CASE WHEN dpd <= 0 THEN NULL WHEN dpd <= ${p.add(thirty)} THEN ${p.add(early)}
    WHEN dpd <= ${p.add(ninety)} THEN ${p.add(middle)} ELSE ${p.add(late)} END`;
}

export async function stageCounts(c: DuckDBConnection, m: PanelMapping): Promise<{ snapshot: string; stage: CollectionStage; count: number; balance: number }[]> {
  const p = new SqlParams();
  const rows = await allRows<{ snapshot: string; stage: CollectionStage; count: number; balance: number }>(
    c,
    `SELECT snapshot_date AS snapshot, stage, count(*) AS count, sum(balance) AS balance
       FROM (SELECT snapshot_date, balance, ${stageSql(p)} AS stage FROM ${panelRelation(m, ['dpd', 'balance'])} WHERE dpd > 0)
      GROUP BY snapshot_date, stage`,
    p.values,
  );
  const order = (x: { snapshot: string; stage: CollectionStage }) => `${x.snapshot}|${COLLECTION_STAGES.indexOf(x.stage)}`;
  return rows.sort((a, b) => (order(a) < order(b) ? -1 : 1));
}

export function validateAllocation(rules: CaseAllocationRule[]): CaseAllocationRule[] {
  if (!Array.isArray(rules)) throw badInput('Allocation rules come as a list.', { field: 'allocation' });
  rules.forEach((r, i) => {
    const field = `allocation[${i}]`;
    if (typeof r?.team !== 'string' || r.team.trim() === '') throw badInput(`Allocation rule ${i + 1} needs a team.`, { field });
    if (r.stages && !r.stages.every((s) => COLLECTION_STAGES.includes(s))) throw badInput(`Allocation rule ${i + 1}: stages are early, middle, late.`, { field });
    if (r.layers && !r.layers.every((l) => LAYERS.includes(l))) throw badInput(`Allocation rule ${i + 1}: layers are A, B, C.`, { field });
    for (const k of ['minBalance', 'maxBalance'] as const) {
      if (r[k] !== undefined && !(typeof r[k] === 'number' && Number.isFinite(r[k]))) throw badInput(`Allocation rule ${i + 1}: ${k} must be a number.`, { field });
    }
    if (r.minBalance !== undefined && r.maxBalance !== undefined && r.minBalance > r.maxBalance) {
      throw badInput(`Allocation rule ${i + 1}: the smallest balance is above the largest.`, { field });
    }
  });
  return rules;
}

/** CASE routing a row with stage, layer and balance to its team: first matching rule wins. */
function teamSql(rules: CaseAllocationRule[], p: SqlParams): string {
  const arms = rules.map((r) => {
    const all: string[] = [];
    if (r.stages?.length) all.push(`stage IN (${r.stages.map((s) => p.add(s)).join(', ')})`);
    if (r.layers?.length) all.push(`layer IN (${r.layers.map((l) => p.add(l)).join(', ')})`);
    if (r.minBalance !== undefined) all.push(`balance >= ${p.add(r.minBalance)}`);
    if (r.maxBalance !== undefined) all.push(`balance < ${p.add(r.maxBalance)}`);
    return `WHEN ${all.length ? all.join(' AND ') : 'true'} THEN ${p.add(r.team)}`;
  });
  return `CASE ${arms.join(' ')} ELSE ${p.add(UNASSIGNED_TEAM)} END`;
}

/**
 * Write the case table for `snapshot` from a layered relation (see layerAssignment). The relation
 * text uses placeholders of `p`, which must be the same SqlParams it was built with.
 */
export async function writeCases(
  c: DuckDBConnection,
  m: PanelMapping,
  table: string,
  layered: string,
  p: SqlParams,
  snapshot: string,
  rules: CaseAllocationRule[],
): Promise<{ team: string; cases: number; balance: number }[]> {
  await claimDerivedTable(c, table, m.panel, 'collection cases');
  const stage = stageSql(p);
  const snap = p.date(snapshot);
  const team = teamSql(validateAllocation(rules), p);
  await c.run(
    `CREATE OR REPLACE TABLE ${q(table)} AS
     SELECT loan_id, snapshot_date, dpd, stage, layer, balance, product, ${team} AS team
       FROM (SELECT *, ${stage} AS stage FROM ${layered} WHERE snapshot_date = ${snap} AND dpd > 0)
      ORDER BY team, loan_id`,
    p.values,
  );
  return allRows(c, `SELECT team, count(*) AS cases, sum(balance) AS balance FROM ${q(table)} GROUP BY team ORDER BY team`);
}

export async function exportCases(c: DuckDBConnection, table: string, path: string): Promise<void> {
  if (typeof path !== 'string' || (!path.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(path))) {
    throw badInput('Give the CSV file as an absolute path.', { path });
  }
  try {
    await c.run(`COPY (SELECT * FROM ${q(table)}) TO $1 (HEADER, DELIMITER ',')`, [path]);
    // The desk opens case lists in Excel: a BOM keeps the Chinese team and product names readable.
    await prependUtf8Bom(path);
  } catch (e) {
    throw badInput(`Cannot write ${path}: ${(e as Error).message}`, { path });
  }
}
