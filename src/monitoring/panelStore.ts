/**
 * Saved panel mappings (`_vigil_panel_mappings`): the user maps a table's columns once; every
 * monitoring op then finds the panel by name. A mapping is checked against the data before it is
 * saved (columns exist with usable types, no missing keys, one row per loan per snapshot), so the
 * engine's SQL never has to second-guess it.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { AttributeField, PanelColumns, PanelInfo, PanelMapping } from '../api/monitoring';
import { badInput, notFound } from '../api/errors';
import { allRows, INTERNAL_PREFIX, q } from '../workspace/workspace';
import { availableFields, panelRelation } from './panel';
import { loadRuleSet } from './ruleSets';
import { isDateType, isNumericType, requireColumns, tableExists, type ColumnType } from './sql';
import { sampleMapping } from './suggest';

export const MAPPINGS_TABLE = `${INTERNAL_PREFIX}panel_mappings`;

async function ensureTable(c: DuckDBConnection): Promise<void> {
  await c.run(`CREATE TABLE IF NOT EXISTS ${q(MAPPINGS_TABLE)} (
    panel VARCHAR PRIMARY KEY, mapping VARCHAR NOT NULL, saved_at TIMESTAMP NOT NULL)`);
}

const ATTRIBUTE_FIELDS: readonly AttributeField[] = ['product', 'segment', 'originationDate', 'region', 'industry', 'ltv', 'creditLimit', 'originalAmount'];

type Kind = 'numeric' | 'date' | 'flag' | 'any';
const COLUMN_KIND: Record<keyof PanelColumns, Kind> = {
  loanId: 'any',
  snapshotDate: 'date',
  daysPastDue: 'numeric',
  monthsPastDue: 'numeric',
  balance: 'numeric',
  product: 'any',
  segment: 'any',
  originationDate: 'date',
  paidAmount: 'numeric',
  restructured: 'flag',
  chargedOff: 'flag',
  region: 'any',
  industry: 'any',
  ltv: 'numeric',
  utilisation: 'numeric',
  creditLimit: 'numeric',
  originalAmount: 'numeric',
};

function checkColumn(table: string, cols: ColumnType[], field: string, column: string, kind: Kind): void {
  const col = cols.find((c) => c.name === column);
  if (!col) {
    throw badInput(`Table "${table}" has no column "${column}" (mapped as ${field}).`, { table, column, field });
  }
  const ok =
    kind === 'any' ||
    (kind === 'numeric' && isNumericType(col.type)) ||
    (kind === 'date' && isDateType(col.type)) ||
    (kind === 'flag' && (col.type === 'BOOLEAN' || isNumericType(col.type)));
  if (!ok) {
    const want = { numeric: 'a number', date: 'a date', flag: 'true/false or 0/1', any: '' }[kind];
    throw badInput(`Column "${column}" of "${table}" (mapped as ${field}) has type ${col.type}; it must hold ${want}.`, {
      table,
      column,
      field,
      type: col.type,
    });
  }
}

async function checkUniqueKey(c: DuckDBConnection, table: string, keys: string[], what: string): Promise<void> {
  const keyList = keys.map(q).join(', ');
  const dup = await allRows(c, `SELECT ${keyList} FROM ${q(table)} GROUP BY ${keyList} HAVING count(*) > 1 LIMIT 1`);
  if (dup.length > 0) {
    throw badInput(`${what}: table "${table}" has more than one row for ${JSON.stringify(dup[0])}.`, { table, columns: keys });
  }
}

/** Check a mapping against the workspace; throws `bad_input`/`not_found` naming the table and column. */
export async function validateMapping(c: DuckDBConnection, m: PanelMapping): Promise<void> {
  if (typeof m?.panel !== 'string' || m.panel.trim() === '') throw badInput('Give the panel a name.', { field: 'panel' });
  if (typeof m.table !== 'string' || m.table === '') throw badInput('Name the table that holds the panel.', { field: 'table' });
  if (!m.columns || typeof m.columns !== 'object') throw badInput('The mapping has no columns.', { panel: m.panel });
  for (const f of ['loanId', 'snapshotDate', 'balance'] as const) {
    if (!m.columns[f]) throw badInput(`Map the ${f} column of "${m.table}".`, { table: m.table, field: f });
  }
  if (!m.columns.daysPastDue && !m.columns.monthsPastDue) {
    throw badInput(`Map either days past due or months past due for "${m.table}".`, { table: m.table, field: 'daysPastDue' });
  }
  const cols = await requireColumns(c, m.table);
  for (const [field, column] of Object.entries(m.columns)) {
    if (!column) continue;
    const kind = COLUMN_KIND[field as keyof PanelColumns];
    if (!kind) throw badInput(`Unknown panel field "${field}".`, { table: m.table, field });
    checkColumn(m.table, cols, field, column, kind);
  }
  if (m.attributes) {
    const a = m.attributes;
    const acols = await requireColumns(c, a.table);
    checkColumn(a.table, acols, 'key', a.key, 'any');
    for (const [field, column] of Object.entries(a.columns ?? {})) {
      if (!ATTRIBUTE_FIELDS.includes(field as AttributeField)) {
        throw badInput(`"${field}" cannot come from the attributes table; map it on the panel table.`, { table: a.table, field });
      }
      if (column) checkColumn(a.table, acols, field, column, COLUMN_KIND[field as AttributeField]);
    }
    await checkUniqueKey(c, a.table, [a.key], 'Loan attributes must be one row per loan');
  }
  if (m.scores) {
    const s = m.scores;
    const scols = await requireColumns(c, s.table);
    checkColumn(s.table, scols, 'key', s.key, 'any');
    checkColumn(s.table, scols, 'pd', s.pd, 'numeric');
    if (s.snapshotDate) checkColumn(s.table, scols, 'snapshotDate', s.snapshotDate, 'date');
    await checkUniqueKey(c, s.table, s.snapshotDate ? [s.key, s.snapshotDate] : [s.key], 'Scores must be one row per loan (per snapshot)');
  }
  // The panel's own rule set must exist now (built in or saved); loadRuleSet says which name is unknown.
  if (m.ruleSet !== undefined) await loadRuleSet(c, m.ruleSet);
  await checkPanelRows(c, m);
}

/** Missing keys or measures, and duplicate loan-snapshot rows, make every rate wrong: refuse them. */
async function checkPanelRows(c: DuckDBConnection, m: PanelMapping): Promise<void> {
  const rel = panelRelation(m, ['dpd', 'balance']);
  const [n] = await allRows<{ loan: number; snap: number; dpd: number; bal: number }>(
    c,
    `SELECT count(*) FILTER (WHERE loan_id IS NULL) AS loan, count(*) FILTER (WHERE snapshot_date IS NULL) AS snap,
            count(*) FILTER (WHERE dpd IS NULL) AS dpd, count(*) FILTER (WHERE balance IS NULL) AS bal FROM ${rel}`,
  );
  const missing: [number, keyof PanelColumns][] = [
    [n.loan, 'loanId'],
    [n.snap, 'snapshotDate'],
    [n.dpd, m.columns.daysPastDue ? 'daysPastDue' : 'monthsPastDue'],
    [n.bal, 'balance'],
  ];
  for (const [count, field] of missing) {
    if (count > 0) {
      const column = m.columns[field];
      throw badInput(`${count} rows of "${m.table}" have no value in column "${column}" (${field}).`, { table: m.table, column, rows: count });
    }
  }
  const dup = await allRows<{ loan_id: unknown; snapshot_date: string }>(
    c,
    `SELECT loan_id, snapshot_date FROM ${rel} GROUP BY ALL HAVING count(*) > 1 LIMIT 1`,
  );
  if (dup.length > 0) {
    throw badInput(
      `A panel has one row per loan per snapshot, but "${m.table}" has several for loan ${String(dup[0].loan_id)} on ${dup[0].snapshot_date}.`,
      { table: m.table, loanId: dup[0].loan_id, snapshot: dup[0].snapshot_date },
    );
  }
}

export async function saveMapping(c: DuckDBConnection, m: PanelMapping): Promise<void> {
  await validateMapping(c, m);
  await ensureTable(c);
  await c.run(`INSERT OR REPLACE INTO ${q(MAPPINGS_TABLE)} VALUES ($1, $2, current_timestamp::TIMESTAMP)`, [m.panel, JSON.stringify(m)]);
}

export async function deleteMapping(c: DuckDBConnection, panel: string): Promise<void> {
  await ensureTable(c);
  const found = await allRows(c, `SELECT panel FROM ${q(MAPPINGS_TABLE)} WHERE panel = $1`, [panel]);
  if (found.length === 0) throw notFound(`There is no saved mapping for panel "${panel}".`, { panel });
  await c.run(`DELETE FROM ${q(MAPPINGS_TABLE)} WHERE panel = $1`, [panel]);
}

export async function savedMappings(c: DuckDBConnection): Promise<{ mapping: PanelMapping; savedAt: string }[]> {
  await ensureTable(c);
  const rows = await allRows<{ mapping: string; saved_at: string }>(c, `SELECT mapping, saved_at FROM ${q(MAPPINGS_TABLE)} ORDER BY panel`);
  return rows.map((r) => ({ mapping: JSON.parse(r.mapping) as PanelMapping, savedAt: r.saved_at }));
}

/**
 * The mapping of a panel by name. The sample portfolio maps itself: `loan_performance` with its
 * `loans` table needs no setup, and the mapping is saved on first use like a user's.
 */
export async function loadMapping(c: DuckDBConnection, panel: string): Promise<PanelMapping> {
  if (typeof panel !== 'string' || panel === '') throw badInput('Name the panel to work on.', { field: 'panel' });
  await ensureTable(c);
  const rows = await allRows<{ mapping: string }>(c, `SELECT mapping FROM ${q(MAPPINGS_TABLE)} WHERE panel = $1`, [panel]);
  if (rows.length > 0) return JSON.parse(rows[0].mapping) as PanelMapping;
  const sample = await sampleMapping(c, panel);
  if (sample) {
    await saveMapping(c, sample);
    return sample;
  }
  const hint = (await tableExists(c, panel)) ? ' Map its columns first.' : '';
  throw notFound(`There is no panel named "${panel}".${hint}`, { panel });
}

export async function panelInfo(c: DuckDBConnection, m: PanelMapping, savedAt: string | null): Promise<PanelInfo> {
  const rel = panelRelation(m, []);
  const [stats] = await allRows<{ rows: number; loans: number }>(c, `SELECT count(*) AS rows, count(DISTINCT loan_id) AS loans FROM ${rel}`);
  const snaps = await allRows<{ d: string }>(c, `SELECT DISTINCT snapshot_date AS d FROM ${rel} ORDER BY 1`);
  return { mapping: m, rows: stats.rows, loans: stats.loans, snapshots: snaps.map((s) => s.d), fields: availableFields(m), savedAt };
}
