/**
 * The sample portfolio schema: the contract between the generator and monitoring, models,
 * stress tests and the collections experiment. Column names and types here are that contract.
 */
export const SAMPLE_TABLES = ['loans', 'loan_performance', 'macro', 'collection_actions', 'loan_outcomes'] as const;
export type SampleTable = (typeof SAMPLE_TABLES)[number];

const COLUMNS: Record<SampleTable, readonly (readonly [string, string])[]> = {
  loans: [
    ['loan_id', 'VARCHAR'],
    ['product', 'VARCHAR'],
    ['region', 'VARCHAR'],
    ['branch', 'VARCHAR'],
    ['origination_month', 'DATE'],
    ['amount', 'DOUBLE'],
    ['term_months', 'INTEGER'],
    ['rate_type', 'VARCHAR'],
    ['benchmark_rate', 'DOUBLE'],
    ['margin', 'DOUBLE'],
    ['rate', 'DOUBLE'],
    ['instalment', 'DOUBLE'],
    ['collateral_value', 'DOUBLE'],
    ['ltv', 'DOUBLE'],
    ['income', 'DOUBLE'],
    ['dti', 'DOUBLE'],
    ['bureau_score', 'INTEGER'],
    ['age', 'INTEGER'],
    ['employment_type', 'VARCHAR'],
    ['industry', 'VARCHAR'],
    ['segment', 'VARCHAR'],
  ],
  loan_performance: [
    ['loan_id', 'VARCHAR'],
    ['snapshot_date', 'DATE'],
    ['months_on_book', 'INTEGER'],
    ['balance', 'DOUBLE'],
    ['scheduled_amount', 'DOUBLE'],
    ['paid_amount', 'DOUBLE'],
    ['days_past_due', 'INTEGER'],
    ['restructured', 'BOOLEAN'],
    ['current_rate', 'DOUBLE'],
    ['credit_limit', 'DOUBLE'],
    ['utilisation', 'DOUBLE'],
    ['charged_off', 'BOOLEAN'],
  ],
  macro: [
    ['snapshot_date', 'DATE'],
    ['benchmark_rate', 'DOUBLE'],
    ['unemployment_rate', 'DOUBLE'],
    ['gdp_growth', 'DOUBLE'],
    ['house_price_index', 'DOUBLE'],
  ],
  collection_actions: [
    ['case_id', 'VARCHAR'],
    ['loan_id', 'VARCHAR'],
    ['snapshot_date', 'DATE'],
    ['product', 'VARCHAR'],
    ['dpd_bucket', 'VARCHAR'],
    ['stratum', 'VARCHAR'],
    ['arm', 'VARCHAR'],
    ['amount_due', 'DOUBLE'],
    ['amount_recovered', 'DOUBLE'],
    ['cured', 'BOOLEAN'],
    ['days_to_cure', 'INTEGER'],
    ['cost', 'DOUBLE'],
  ],
  loan_outcomes: [
    ['loan_id', 'VARCHAR'],
    ['observation_date', 'DATE'],
    ['default_12m', 'INTEGER'],
    ['dpd_at_observation', 'INTEGER'],
    ['balance_at_observation', 'DOUBLE'],
  ],
};

/** Where each sample table is being written: quoted identifiers (staging names until published). */
export type SampleTargets = Record<SampleTable, string>;

export function sampleColumns(table: SampleTable): readonly (readonly [string, string])[] {
  return COLUMNS[table];
}

/** CREATE TABLE statement for one sample table, under the (quoted) name `target`. */
export function createTableSql(table: SampleTable, target: string, quote: (ident: string) => string): string {
  const cols = COLUMNS[table].map(([name, type]) => `${quote(name)} ${type}`).join(', ');
  return `CREATE TABLE ${target} (${cols})`;
}

/**
 * `collection_actions.dpd_bucket` of a delinquency stage (1 = 1-30 DPD, 2 = 31-60, 3 = 61-90,
 * 4 and later = 90+): cases are stratified by it.
 */
export function dpdBucketSql(stage: string): string {
  return `CASE WHEN ${stage} <= 1 THEN '1-30' WHEN ${stage} = 2 THEN '31-60' WHEN ${stage} = 3 THEN '61-90' ELSE '90+' END`;
}
