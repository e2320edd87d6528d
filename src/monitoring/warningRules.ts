/**
 * Early-warning rules (预警规则) are data the desk edits: loan-level signals (metric, comparison,
 * threshold, level) and portfolio indicators with light / moderate / severe thresholds, stored
 * as JSON rows in `_vigil_warning_rules`. Until the desk saves its own, the defaults below apply.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  SEVERITIES,
  WARNING_LEVELS,
  type LoanMetric,
  type LoanWarningRule,
  type PortfolioIndicatorName,
  type PortfolioWarningRule,
  type WarningRules,
} from '../api/monitoring';
import { badInput } from '../api/errors';
import { allRows, INTERNAL_PREFIX, q } from '../workspace/workspace';

export const WARNING_RULES_TABLE = `${INTERNAL_PREFIX}warning_rules`;

export const LOAN_METRICS: readonly LoanMetric[] = ['dpd', 'paidDeclineStreak', 'pd', 'pdChange', 'ltv', 'utilisationChange'];
export const PORTFOLIO_INDICATORS: readonly PortfolioIndicatorName[] = [
  'nplRatio',
  'normalMigrationRate',
  'specialMentionMigrationRate',
  'substandardMigrationRate',
  'doubtfulMigrationRate',
  'regionTopShare',
  'regionHhi',
  'industryTopShare',
  'industryHhi',
];

const loan = (id: string, label: string, metric: LoanMetric, comparison: LoanWarningRule['comparison'], threshold: number, level: LoanWarningRule['level']): LoanWarningRule => ({
  id,
  label,
  metric,
  comparison,
  threshold,
  level,
  enabled: true,
});

/** Shipped labels carry both languages: a label is the desk's own text (data), so it is not translated by the UI. */
export const DEFAULT_WARNING_RULES: WarningRules = {
  loan: [
    loan('dpd_1', 'Any arrears · 出现逾期', 'dpd', '>=', 1, 'yellow'),
    loan('dpd_30', 'More than 30 days past due · 逾期30天以上', 'dpd', '>', 30, 'orange'),
    loan('dpd_90', 'More than 90 days past due · 逾期90天以上（不良）', 'dpd', '>', 90, 'red'),
    loan('paid_decline_3', 'Paid amount down three months running · 还款额连续3个月下降', 'paidDeclineStreak', '>=', 3, 'orange'),
    loan('pd_high', 'Model PD above 20% · 违约概率高于20%', 'pd', '>', 0.2, 'orange'),
    loan('pd_jump', 'Model PD up more than 5 points in a month · 违约概率单月上升超5个百分点', 'pdChange', '>', 0.05, 'yellow'),
    loan('ltv_high', 'LTV above 90% · 抵押率高于90%', 'ltv', '>', 0.9, 'orange'),
    loan('utilisation_jump', 'Card utilisation up more than 30 points in a month · 额度使用率单月上升超30个百分点', 'utilisationChange', '>', 30, 'yellow'),
  ],
  // Desk defaults, monthly rates: tune to the book. The NPL ratio's severe level is the 5% regulatory ceiling.
  portfolio: [
    { id: 'npl_ratio', indicator: 'nplRatio', light: 0.02, moderate: 0.03, severe: 0.05, enabled: true },
    { id: 'normal_migration', indicator: 'normalMigrationRate', light: 0.02, moderate: 0.03, severe: 0.05, enabled: true },
    { id: 'special_mention_migration', indicator: 'specialMentionMigrationRate', light: 0.2, moderate: 0.3, severe: 0.4, enabled: true },
    { id: 'substandard_migration', indicator: 'substandardMigrationRate', light: 0.3, moderate: 0.4, severe: 0.5, enabled: true },
    { id: 'doubtful_migration', indicator: 'doubtfulMigrationRate', light: 0.3, moderate: 0.4, severe: 0.5, enabled: true },
    { id: 'region_top_share', indicator: 'regionTopShare', light: 0.4, moderate: 0.5, severe: 0.6, enabled: true },
    { id: 'region_hhi', indicator: 'regionHhi', light: 0.25, moderate: 0.35, severe: 0.5, enabled: true },
    { id: 'industry_top_share', indicator: 'industryTopShare', light: 0.4, moderate: 0.5, severe: 0.6, enabled: true },
    { id: 'industry_hhi', indicator: 'industryHhi', light: 0.25, moderate: 0.35, severe: 0.5, enabled: true },
  ],
};

/** Rule ids become watchlist column names (`sig_<id>`), so they are kept to plain lower-case words. */
const RULE_ID = /^[a-z][a-z0-9_]{0,40}$/;
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

export function validateWarningRules(rules: WarningRules): WarningRules {
  if (!rules || !Array.isArray(rules.loan) || !Array.isArray(rules.portfolio)) {
    throw badInput('Warning rules come as { loan: [...], portfolio: [...] }.', { field: 'rules' });
  }
  const ids = new Set<string>();
  const checkId = (id: unknown, field: string) => {
    if (typeof id !== 'string' || !RULE_ID.test(id)) throw badInput(`Rule id ${JSON.stringify(id)} must be lower-case letters, digits and "_".`, { field });
    if (ids.has(id)) throw badInput(`Two rules share the id "${id}".`, { field });
    ids.add(id);
  };
  rules.loan.forEach((r, i) => {
    const field = `loan[${i}]`;
    checkId(r?.id, field);
    if (!LOAN_METRICS.includes(r.metric)) throw badInput(`Rule "${r.id}": unknown metric "${r.metric}".`, { field, rule: r.id });
    if (!['>', '>=', '<', '<='].includes(r.comparison)) throw badInput(`Rule "${r.id}": comparison must be >, >=, < or <=.`, { field, rule: r.id });
    if (!isNum(r.threshold)) throw badInput(`Rule "${r.id}": the threshold must be a number.`, { field, rule: r.id });
    if (!WARNING_LEVELS.includes(r.level)) throw badInput(`Rule "${r.id}": level must be yellow, orange or red.`, { field, rule: r.id });
  });
  rules.portfolio.forEach((r, i) => {
    const field = `portfolio[${i}]`;
    checkId(r?.id, field);
    if (!PORTFOLIO_INDICATORS.includes(r.indicator)) throw badInput(`Rule "${r.id}": unknown indicator "${r.indicator}".`, { field, rule: r.id });
    const t = SEVERITIES.map((s) => r[s]);
    if (!t.every(isNum) || !(t[0] <= t[1] && t[1] <= t[2])) {
      throw badInput(`Rule "${r.id}": thresholds must be numbers with light ≤ moderate ≤ severe.`, { field, rule: r.id });
    }
  });
  const enabled = (x: { enabled?: boolean }) => x.enabled !== false;
  return {
    loan: rules.loan.map((r) => ({ ...r, enabled: enabled(r) })),
    portfolio: rules.portfolio.map((r): PortfolioWarningRule => ({ ...r, enabled: enabled(r) })),
  };
}

/** Scope (and id) of the row recording that the desk saved its rule book; not a valid rule id. */
const SAVED_MARKER = '_saved';

async function ensureTable(c: DuckDBConnection): Promise<void> {
  await c.run(`CREATE TABLE IF NOT EXISTS ${q(WARNING_RULES_TABLE)} (
    id VARCHAR PRIMARY KEY, scope VARCHAR NOT NULL, position INTEGER NOT NULL, rule VARCHAR NOT NULL)`);
}

export async function loadWarningRules(c: DuckDBConnection): Promise<WarningRules> {
  await ensureTable(c);
  const rows = await allRows<{ scope: string; rule: string }>(c, `SELECT scope, rule FROM ${q(WARNING_RULES_TABLE)} ORDER BY scope, position`);
  // No marker row: the desk never saved its own rules (an empty saved book stays empty).
  if (!rows.some((r) => r.scope === SAVED_MARKER)) return DEFAULT_WARNING_RULES;
  return {
    loan: rows.filter((r) => r.scope === 'loan').map((r) => JSON.parse(r.rule) as LoanWarningRule),
    portfolio: rows.filter((r) => r.scope === 'portfolio').map((r) => JSON.parse(r.rule) as PortfolioWarningRule),
  };
}

/** Replace the whole rule book (the editor saves it as one list); call inside a transaction. */
export async function saveWarningRules(c: DuckDBConnection, input: WarningRules): Promise<WarningRules> {
  const rules = validateWarningRules(input);
  await ensureTable(c);
  await c.run(`DELETE FROM ${q(WARNING_RULES_TABLE)}`);
  await c.run(`INSERT INTO ${q(WARNING_RULES_TABLE)} VALUES ($1, $1, 0, '{}')`, [SAVED_MARKER]);
  const insert = `INSERT INTO ${q(WARNING_RULES_TABLE)} VALUES ($1, $2, $3, $4)`;
  for (const [i, r] of rules.loan.entries()) await c.run(insert, [r.id, 'loan', i, JSON.stringify(r)]);
  for (const [i, r] of rules.portfolio.entries()) await c.run(insert, [r.id, 'portfolio', i, JSON.stringify(r)]);
  return rules;
}

/** Back to the shipped defaults: the saved rule book (and its marker) goes. */
export async function resetWarningRules(c: DuckDBConnection): Promise<WarningRules> {
  await ensureTable(c);
  await c.run(`DELETE FROM ${q(WARNING_RULES_TABLE)}`);
  return DEFAULT_WARNING_RULES;
}
