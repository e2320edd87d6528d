/**
 * The canonical panel: whatever the user's table calls its columns, the engine reads one relation
 * with fixed names (loan_id, snapshot_date, dpd, balance, ...). It is a plain SELECT over the mapped
 * tables, spliced into each query as a subquery so DuckDB plans it together with the work on top
 * (no copy of the panel is ever made).
 */
import type { AttributeField, PanelColumns, PanelMapping } from '../api/monitoring';
import { q } from '../workspace/workspace';

/** Fields the engine can ask for beyond loan_id and snapshot_date. */
export const CANONICAL_FIELDS = [
  'dpd',
  'balance',
  'product',
  'segment',
  'originationMonth',
  'paidAmount',
  'restructured',
  'chargedOff',
  'region',
  'industry',
  'ltv',
  'utilisation',
  'originalAmount',
  'pd',
] as const;
export type CanonicalField = (typeof CANONICAL_FIELDS)[number];

/** Column name of each field in the canonical relation. */
export const FIELD_COLUMN: Record<CanonicalField, string> = {
  dpd: 'dpd',
  balance: 'balance',
  product: 'product',
  segment: 'segment',
  originationMonth: 'origination_month',
  paidAmount: 'paid_amount',
  restructured: 'restructured',
  chargedOff: 'charged_off',
  region: 'region',
  industry: 'industry',
  ltv: 'ltv',
  utilisation: 'utilisation',
  originalAmount: 'original_amount',
  pd: 'pd',
};

const NULL_OF: Record<CanonicalField, string> = {
  dpd: 'NULL::INTEGER',
  balance: 'NULL::DOUBLE',
  product: 'NULL::VARCHAR',
  segment: 'NULL::VARCHAR',
  originationMonth: 'NULL::DATE',
  paidAmount: 'NULL::DOUBLE',
  restructured: 'false',
  chargedOff: 'false',
  region: 'NULL::VARCHAR',
  industry: 'NULL::VARCHAR',
  ltv: 'NULL::DOUBLE',
  utilisation: 'NULL::DOUBLE',
  originalAmount: 'NULL::DOUBLE',
  pd: 'NULL::DOUBLE',
};

type SourceField = keyof PanelColumns;

/** Records which joined tables the expressions built so far read from. */
interface Joins {
  attributes: boolean;
}

/** Where a mapped field comes from: the panel table (alias p) or the attribute table (alias a). */
function source(m: PanelMapping, field: SourceField, joins: Joins): string | null {
  const own = m.columns[field];
  if (own) return `p.${q(own)}`;
  const attr = m.attributes?.columns[field as AttributeField];
  if (!attr) return null;
  joins.attributes = true;
  return `a.${q(attr)}`;
}

/** SQL expression of a canonical field, or null when the mapping cannot produce it. */
function expression(m: PanelMapping, f: CanonicalField, joins: Joins = { attributes: false }): string | null {
  const src = (k: SourceField) => source(m, k, joins);
  switch (f) {
    case 'dpd': {
      if (m.columns.daysPastDue) return `CAST(p.${q(m.columns.daysPastDue)} AS INTEGER)`;
      // Months past due: a status of 1 means one missed payment, i.e. about 30 days late.
      if (m.columns.monthsPastDue) return `30 * greatest(CAST(p.${q(m.columns.monthsPastDue)} AS INTEGER), 0)`;
      return null;
    }
    case 'balance':
      return `CAST(p.${q(m.columns.balance)} AS DOUBLE)`;
    case 'product':
    case 'segment':
    case 'region':
    case 'industry': {
      const s = src(f);
      return s && `CAST(${s} AS VARCHAR)`;
    }
    case 'originationMonth': {
      const s = src('originationDate');
      return s && `CAST(date_trunc('month', CAST(${s} AS DATE)) AS DATE)`;
    }
    case 'paidAmount': {
      const s = src('paidAmount');
      return s && `CAST(${s} AS DOUBLE)`;
    }
    case 'restructured':
    case 'chargedOff': {
      const s = src(f);
      return s && `coalesce(CAST(${s} AS BOOLEAN), false)`;
    }
    case 'ltv':
    case 'originalAmount': {
      const s = src(f);
      return s && `CAST(${s} AS DOUBLE)`;
    }
    case 'utilisation': {
      const s = src('utilisation');
      if (s) return `CAST(${s} AS DOUBLE)`;
      const limit = src('creditLimit');
      return limit && `CAST(p.${q(m.columns.balance)} AS DOUBLE) / NULLIF(CAST(${limit} AS DOUBLE), 0)`;
    }
    case 'pd':
      return m.scores ? `CAST(s.${q(m.scores.pd)} AS DOUBLE)` : null;
  }
}

/** The canonical fields this mapping can produce. */
export function availableFields(m: PanelMapping): CanonicalField[] {
  return CANONICAL_FIELDS.filter((f) => expression(m, f) !== null);
}

export function hasField(m: PanelMapping, f: CanonicalField): boolean {
  return expression(m, f) !== null;
}

/**
 * `(SELECT loan_id, snapshot_date, <fields> FROM ...)` for use as a FROM item. Fields the mapping
 * lacks come out as typed NULLs (flags as false) so callers can always name them; callers check
 * `hasField` first when a missing field must be reported to the user. The attribute and score
 * tables are joined only when a requested field comes from them.
 */
export function panelRelation(m: PanelMapping, fields: readonly CanonicalField[]): string {
  const joins: Joins = { attributes: false };
  const cols = [
    `p.${q(m.columns.loanId)} AS loan_id`,
    `CAST(p.${q(m.columns.snapshotDate)} AS DATE) AS snapshot_date`,
    ...fields.map((f) => `${expression(m, f, joins) ?? NULL_OF[f]} AS ${FIELD_COLUMN[f]}`),
  ];
  let from = `${q(m.table)} p`;
  if (m.attributes && joins.attributes) {
    from += ` LEFT JOIN ${q(m.attributes.table)} a ON a.${q(m.attributes.key)} = p.${q(m.columns.loanId)}`;
  }
  if (m.scores && fields.includes('pd')) {
    const s = m.scores;
    from += ` LEFT JOIN ${q(s.table)} s ON s.${q(s.key)} = p.${q(m.columns.loanId)}`;
    if (s.snapshotDate) from += ` AND CAST(s.${q(s.snapshotDate)} AS DATE) = CAST(p.${q(m.columns.snapshotDate)} AS DATE)`;
  }
  return `(SELECT ${cols.join(', ')} FROM ${from})`;
}

/** Names of the tables the engine derives from a panel. */
export const derivedTable = {
  tiers: (panel: string) => `${panel}_tiers`,
  watchlist: (panel: string) => `${panel}_watchlist`,
  cases: (panel: string) => `${panel}_collection_cases`,
};
