/**
 * Mapping suggestions: the sample portfolio's exact mapping, and for any other table a guess from
 * column names and types that the user confirms in the mapping dialog.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { AttributeField, PanelColumns, PanelMapping } from '../api/monitoring';
import { isDateType, isNumericType, requireColumns, tableColumns, type ColumnType } from './sql';

export const SAMPLE_PANEL = 'loan_performance';
const SAMPLE_ATTRIBUTES = 'loans';

/**
 * `loan_performance` joined with `loans` (product, segment, origination, region, industry, LTV),
 * when both exist with the sample generator's columns; null otherwise.
 */
export async function sampleMapping(c: DuckDBConnection, panel: string): Promise<PanelMapping | null> {
  if (panel !== SAMPLE_PANEL) return null;
  const perf = await tableColumns(c, SAMPLE_PANEL);
  const loans = await tableColumns(c, SAMPLE_ATTRIBUTES);
  if (!perf || !loans) return null;
  const has = (cols: ColumnType[], name: string) => cols.some((x) => x.name === name);
  if (!['loan_id', 'snapshot_date', 'days_past_due', 'balance'].every((n) => has(perf, n)) || !has(loans, 'loan_id')) return null;
  const own = (name: string) => (has(perf, name) ? name : undefined);
  const attr = (name: string) => (has(loans, name) ? name : undefined);
  const columns: PanelColumns = {
    loanId: 'loan_id',
    snapshotDate: 'snapshot_date',
    daysPastDue: 'days_past_due',
    balance: 'balance',
    paidAmount: own('paid_amount'),
    restructured: own('restructured'),
    chargedOff: own('charged_off'),
    utilisation: own('utilisation'),
    creditLimit: own('credit_limit'),
  };
  const attributes: Partial<Record<AttributeField, string>> = {
    product: attr('product'),
    segment: attr('segment'),
    originationDate: attr('origination_month'),
    region: attr('region'),
    industry: attr('industry'),
    ltv: attr('ltv'),
    originalAmount: attr('amount'),
  };
  return {
    panel,
    table: SAMPLE_PANEL,
    columns: prune(columns),
    attributes: { table: SAMPLE_ATTRIBUTES, key: 'loan_id', columns: prune(attributes) },
    // The sample is a mixed book: its credit cards are classified under the card measures.
    ruleSet: attributes.product ? MIXED_BOOK_RULE_SET : undefined,
  };
}

const MIXED_BOOK_RULE_SET = 'retail_2023_cards_2011';

function prune<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

type Want = 'numeric' | 'date' | 'any';
/** Name patterns per field, most specific first; English and common Chinese headers. */
const PATTERNS: [keyof PanelColumns, RegExp, Want][] = [
  ['loanId', /^(loan_?id|account_?id|acct_?(no|id)|contract_?(no|id)|借据号|账号|id)$/i, 'any'],
  ['snapshotDate', /(snapshot|as_?of|report|stat|month_?end|数据日期|快照)/i, 'date'],
  ['daysPastDue', /(days_?past_?due|^dpd$|overdue_?days|逾期天数)/i, 'numeric'],
  ['monthsPastDue', /(months_?past_?due|^mpd$|months_?overdue|逾期期数)/i, 'numeric'],
  ['balance', /(balance|outstanding|^bal$|余额)/i, 'numeric'],
  ['product', /(product|产品)/i, 'any'],
  ['segment', /(segment|客群|分层)/i, 'any'],
  ['originationDate', /(origination|disburse|open_?date|booking|放款)/i, 'date'],
  ['paidAmount', /(paid|repaid|payment_?amount|还款金额)/i, 'numeric'],
  ['restructured', /(restructur|重组)/i, 'any'],
  ['chargedOff', /(charge_?d?_?off|write_?off|核销)/i, 'any'],
  ['region', /(region|province|地区|区域)/i, 'any'],
  ['industry', /(industry|行业)/i, 'any'],
  ['ltv', /(^ltv$|loan_?to_?value|抵押率)/i, 'numeric'],
  ['utilisation', /(utili[sz]ation|使用率)/i, 'numeric'],
  ['creditLimit', /(credit_?limit|limit_?bal|授信额度|额度)/i, 'numeric'],
  ['originalAmount', /(original_?amount|loan_?amount|^amount$|放款金额)/i, 'numeric'],
];

function fits(col: ColumnType, want: Want): boolean {
  return want === 'any' || (want === 'numeric' ? isNumericType(col.type) : isDateType(col.type));
}

/** A best guess; required fields that could not be guessed are left as '' for the user to fill. */
export async function suggestMapping(c: DuckDBConnection, table: string): Promise<PanelMapping> {
  const sample = await sampleMapping(c, table);
  if (sample) return sample;
  const cols = await requireColumns(c, table);
  const taken = new Set<string>();
  const guess: Partial<PanelColumns> = {};
  for (const [field, re, want] of PATTERNS) {
    const hit = cols.find((col) => !taken.has(col.name) && re.test(col.name) && fits(col, want));
    if (hit) {
      guess[field] = hit.name;
      taken.add(hit.name);
    }
  }
  const columns: PanelColumns = { ...guess, loanId: guess.loanId ?? '', snapshotDate: guess.snapshotDate ?? '', balance: guess.balance ?? '' };
  return { panel: table, table, columns };
}
