/**
 * The mapping form's fields: which panel columns are required, which are optional, and the checks
 * done before asking the engine (which checks again, against the data).
 */
import type { PanelColumns, PanelMapping } from '../../../src/api/monitoring';
import type { MessageKey } from '../../i18n/catalog';

export type PanelField = keyof PanelColumns;

export const REQUIRED_FIELDS: readonly PanelField[] = ['loanId', 'snapshotDate', 'balance'];
/** One of the two arrears measures is needed. */
export const ARREARS_FIELDS: readonly PanelField[] = ['daysPastDue', 'monthsPastDue'];
export const OPTIONAL_FIELDS: readonly PanelField[] = [
  'product',
  'segment',
  'originationDate',
  'paidAmount',
  'restructured',
  'chargedOff',
  'region',
  'industry',
  'ltv',
  'utilisation',
  'creditLimit',
  'originalAmount',
];

/** Panel names become table-name prefixes (`<panel>_tiers`): keep them to plain identifiers. */
export const PANEL_NAME = /^[A-Za-z_][\w]{0,62}$/;

/** The first problem with a mapping form, as a catalog key, or null when it can be sent. */
export function mappingProblem(m: PanelMapping): MessageKey | null {
  if (!PANEL_NAME.test(m.panel)) return 'mon.map.badName';
  if (REQUIRED_FIELDS.some((f) => !m.columns[f])) return 'mon.map.missingRequired';
  if (!ARREARS_FIELDS.some((f) => m.columns[f])) return 'mon.map.missingArrears';
  const used = Object.values(m.columns).filter((c): c is string => typeof c === 'string' && c !== '');
  if (new Set(used).size !== used.length) return 'mon.map.duplicate';
  if (m.scores && (!m.scores.table || !m.scores.key || !m.scores.pd)) return 'mon.map.scoresIncomplete';
  return null;
}

/** The mapping with empty choices removed (the engine treats an absent field as "not mapped"). */
export function cleanMapping(m: PanelMapping): PanelMapping {
  const columns = Object.fromEntries(Object.entries(m.columns).filter(([, v]) => typeof v === 'string' && v !== '')) as unknown as PanelColumns;
  const s = m.scores;
  const scores = s?.table ? { table: s.table, key: s.key, pd: s.pd, ...(s.snapshotDate ? { snapshotDate: s.snapshotDate } : {}) } : undefined;
  return { panel: m.panel, table: m.table, columns, ...(m.attributes ? { attributes: m.attributes } : {}), ...(scores ? { scores } : {}) };
}
