/**
 * Loans at origination, written once into the staging `loans` table: every candidate of
 * `population.ts`, with the user-visible attributes (the schema's columns, in order) followed by
 * the hidden truth the later phases read (onset risk, cyclical sensitivity, due day...). The
 * candidates never on book in the window are deleted and the hidden columns dropped before the
 * table is published, which costs little in DuckDB, where copying a million wide rows would not.
 *
 * Month indices: t = 0 is the first snapshot month, `origination` is the month a loan was written
 * (negative for loans written before the window opens).
 */
import { q } from '../workspace/workspace';
import { annuityPayment, annuityPrincipal } from './annuity';
import {
  BRANCHES_PER_REGION,
  BRANCH_EFFECT_SPREAD,
  AFFORDABILITY,
  CARD_APR,
  CARD_TRANSACTOR_EFFECT,
  CARD_UTILISATION_SLOPE,
  DOWNTURN_SCORE_SHIFT,
  DOWNTURN_VINTAGE_EFFECT,
  DTI_PIVOT,
  DTI_SLOPE,
  EMPLOYMENT,
  FLOATING_SHARE,
  FRAILTY_SD,
  INDUSTRIES,
  LTV_PIVOT,
  LTV_SLOPE,
  MACRO_SENSITIVITY,
  MACRO_SENSITIVITY_CYCLICAL,
  MAX_SEASONING_MONTHS,
  ONSET_BASE,
  PREPAYMENT,
  PRODUCT_MIX,
  RATE_SENSITIVITY,
  REGIONS,
  SCORE,
  SCORE_SLOPE,
  SEGMENT_BANDS,
  SENIOR_BORROWER_EFFECT,
  SMALL_BUSINESS_EMPLOYMENT,
  TERMS,
  YOUNG_BORROWER_EFFECT,
} from './calibration';
import { clamp, lit, lookup, normal, pick, pickText, uniform } from './draws';
import { MACRO_TEMP } from './macro';
import { preWindowCohorts, type PreWindowCohorts } from './population';
import { sampleColumns } from './schema';

const LOAN_NUMBERS_TEMP = q('_sample_loan_numbers');

/** Cards have no maturity; on-book cards are up to five years old. */
const CARD_MAX_AGE_MONTHS = 60;

const byName = <T extends readonly (readonly [string, number, ...unknown[]])[]>(rows: T, col: number) =>
  Object.fromEntries(rows.map((r) => [r[0], r[col] as number])) as Record<string, number>;

const perProduct = (values: Readonly<Record<string, number | string>>) =>
  `CASE product ${Object.entries(values)
    .map(([p, v]) => `WHEN ${lit(p)} THEN ${v}`)
    .join(' ')} END`;

const termSql = (u: string) =>
  `CASE product ${Object.entries(TERMS)
    .map(([p, choices]) => `WHEN ${lit(p)} THEN ${pick(u, choices.map(([n, w]) => [String(n), w] as const))}`)
    .join(' ')} END`;

/** The visible columns whose expression is not simply their name. */
const VISIBLE_EXPRESSIONS: Readonly<Record<string, string>> = {
  loan_id: `'L' || lpad(loan_no::VARCHAR, 8, '0')`,
  branch: `region || '-' || lpad(branch_no::VARCHAR, 2, '0')`,
  rate_type: `CASE WHEN is_floating THEN 'floating' ELSE 'fixed' END`,
  benchmark_rate: 'benchmark_at_origination',
  segment: `CASE WHEN bureau_score >= ${SEGMENT_BANDS.prime} THEN 'prime'
                 WHEN bureau_score >= ${SEGMENT_BANDS.nearPrime} THEN 'near_prime' ELSE 'subprime' END`,
};

/**
 * `_sample_loan_numbers`: the candidates 1..C as a table. DuckDB's range() is a single-threaded
 * source, and the attribute query on top of it is heavy; scanning a table instead runs it on every core.
 * Parameters: $candidates.
 */
export function loanNumbersSql(): string {
  return `CREATE TEMP TABLE ${LOAN_NUMBERS_TEMP} AS SELECT range AS loan_no FROM range(1, $candidates + 1)`;
}

/**
 * Creates the staging loans table `target` with every candidate (needs `loanNumbersSql`); those
 * never on book in the window are deleted once their lives are known (`unpublishedLoansDeleteSql`).
 * Parameters: $seed, $months, $new_share, $pre_window_share.
 */
export function loansStagingSql(target: string): string {
  const employmentShares = EMPLOYMENT.filter(([, share]) => share > 0).map(([n, share]) => [n, share] as const);
  const cohorts = preWindowCohorts();
  // One uniform picks the cohort (product and term together); each field is read from the same pick.
  const cohortNo = pick('u_product', cohorts.map((c, i) => [String(i + 1), c.weight] as const));
  const preWindowField = (field: (c: PreWindowCohorts) => string) => `[${cohorts.map(field).join(', ')}][${cohortNo}]`;
  const preWindow = cohorts.length > 0 ? `${uniform('pre_window')} < $pre_window_share` : 'false';
  const visible = sampleColumns('loans')
    .map(([name, type]) => `(${VISIBLE_EXPRESSIONS[name] ?? name})::${type} AS ${name}`)
    .join(',\n       ');
  return `
CREATE TABLE ${target} AS
WITH base AS (
  SELECT n.loan_no, hash($seed::BIGINT, n.loan_no) AS key, hash($seed::BIGINT, 'branches') AS branch_key
  FROM ${LOAN_NUMBERS_TEMP} n
), drawn AS (
  SELECT loan_no, key, branch_key,
         ${preWindow} AS pre_window,
         ${uniform('product')} AS u_product,
         ${pickText(uniform('region'), REGIONS.map(([r, share]) => [r, share] as const))} AS region,
         1 + floor(${uniform('branch')} * ${BRANCHES_PER_REGION})::INTEGER AS branch_no,
         ${clamp(`round(41 + 10 * ${normal('age')})`, 21, 75)}::INTEGER AS age,
         ${uniform('vintage')} AS u_vintage,
         ${uniform('origination')} AS u_origination,
         ${uniform('term')} AS u_term,
         ${normal('score')} AS z_score
  FROM base
), chosen AS (
  -- A pre-window loan's product and term come from its cohort, drawn by volume; any other loan's
  -- from the product mix and the product's term mix.
  SELECT *, NOT pre_window AND u_vintage < $new_share AS written_in_window,
         CASE WHEN pre_window THEN ${preWindowField((c) => lit(c.product))} ELSE ${pickText('u_product', PRODUCT_MIX)} END AS product
  FROM drawn
), termed AS (
  SELECT *,
         (CASE WHEN pre_window THEN ${preWindowField((c) => String(c.term))} ELSE ${termSql('u_term')} END)::INTEGER AS term_months
  FROM chosen
), dated AS (
  SELECT *,
         (CASE WHEN written_in_window THEN floor(u_origination * $months)
               -- Maturity (origination + term) from cohorts - 1 months before the window to its first month.
               WHEN pre_window THEN -term_months - floor(u_origination * ${preWindowField((c) => String(c.cohorts))})
               ELSE -1 - floor(u_origination * coalesce(least(term_months - 1, ${MAX_SEASONING_MONTHS}), ${CARD_MAX_AGE_MONTHS}))
          END)::INTEGER AS origination
  FROM termed
), borrower AS (
  SELECT d.*,
         date_trunc('month', m.snapshot_date)::DATE AS origination_month,
         m.downturn AS downturn_at_origination,
         m.benchmark_rate AS benchmark_at_origination,
         ${clamp(`round(${perProduct(mapScore(0))} + ${DOWNTURN_SCORE_SHIFT} * m.downturn + ${perProduct(mapScore(1))} * z_score)`, 300, 850)}::INTEGER AS bureau_score,
         CASE WHEN product = 'small_business' THEN ${pickText(uniform('employment'), SMALL_BUSINESS_EMPLOYMENT)}
              WHEN age >= 60 AND ${uniform('retired')} < 0.75 THEN 'retired'
              ELSE ${pickText(uniform('employment'), employmentShares)} END AS employment_type,
         CASE WHEN product = 'small_business' THEN ${pickText(uniform('industry'), INDUSTRIES.map(([n, s]) => [n, s] as const))} END AS industry
  FROM dated d JOIN ${MACRO_TEMP} m ON m.t = d.origination
), money AS (
  SELECT *,
         -- A small business's income is the firm's monthly cash flow available to service debt.
         round(${lookup('employment_type', byName(EMPLOYMENT, 2))} * CASE WHEN product = 'small_business' THEN 3 ELSE 1 END
               * exp(0.0015 * (bureau_score - 680) + 0.45 * ${normal('income')}), -2) AS income,
         ${uniform('floating')} < ${perProduct(FLOATING_SHARE)} AS is_floating,
         product = 'mortgage' OR (product = 'small_business' AND ${uniform('secured')} < 0.55) AS is_secured,
         ${uniform('ltv')} AS u_ltv,
         ${normal('size')} AS z_size,
         ${clamp(`0.10 + 0.08 * ${normal('other_debt')} + 0.0004 * (680 - bureau_score)`, 0, 0.7)} AS other_debt_ratio,
         ${clamp(`0.30 + 0.0015 * (680 - bureau_score) + 0.18 * ${normal('utilisation')}`, 0, 0.95)} AS card_base_util
  FROM borrower
), priced AS (
  SELECT *,
         round(CASE product
           WHEN 'mortgage' THEN ${clamp(`0.0005 + 0.000015 * (720 - bureau_score) + 0.0015 * ${normal('margin')}`, -0.003, 0.015)}
           WHEN 'consumer' THEN ${clamp(`0.030 + 0.00012 * (720 - bureau_score) + 0.010 * ${uniform('margin')}`, 0.01, 0.2)}
           WHEN 'small_business' THEN ${clamp(`0.012 + 0.00005 * (720 - bureau_score) + 0.006 * ${uniform('margin')}`, 0.005, 0.08)}
           ELSE ${CARD_APR} - benchmark_at_origination END, 4) AS margin,
         CASE WHEN product = 'mortgage' THEN round(0.30 + 0.60 * pow(u_ltv, 0.8), 3)
              WHEN is_secured THEN round(0.30 + 0.40 * u_ltv, 3) END AS ltv,
         -- Affordability cap on the debt-to-income ratio: mostly 0.85-0.95, a few exceptions up to 1.35.
         ${AFFORDABILITY.baseCap} + ${AFFORDABILITY.exceptionRange} * pow(${uniform('dti_cap')}, 3) AS dti_cap
  FROM money
), wanted AS (
  SELECT *,
         round(benchmark_at_origination + margin, 6) AS rate,
         -- Homes cost about nine years of income; business collateral is priced on its own.
         CASE WHEN product = 'mortgage' THEN income * 12 * exp(ln(9) + 0.35 * z_size) * ltv
              WHEN is_secured THEN exp(ln(1.2e6) + 0.5 * z_size) * ltv
              WHEN product = 'consumer' THEN ${clamp('income * exp(ln(3) + 0.5 * z_size)', 10_000, 500_000)}
              WHEN product = 'credit_card' THEN ${clamp('income * exp(ln(2.5) + 0.4 * z_size)', 3_000, 200_000)}
              ELSE ${clamp('exp(ln(2e5) + 0.6 * z_size)', 30_000, 3_000_000)} END AS wanted_amount
  FROM priced
), sized AS (
  SELECT *,
         -- Term loans are cut to what the borrower can service under the cap (the present value of
         -- the affordable instalment); a secured borrower then buys a cheaper asset at the same LTV.
         greatest(${AFFORDABILITY.minAmount}, floor(CASE WHEN term_months IS NULL THEN wanted_amount
           ELSE least(wanted_amount, ${annuityPrincipal('(dti_cap - other_debt_ratio) * income', 'rate', 'term_months')})
         END / 1000) * 1000) AS amount
  FROM wanted
), scheduled AS (
  SELECT *,
         CASE WHEN is_secured THEN round(amount / ltv, -3) END AS collateral_value,
         CASE WHEN term_months IS NOT NULL THEN round(${annuityPayment('amount', 'rate', 'term_months')}, 2) END AS instalment
  FROM sized
), burdened AS (
  SELECT *,
         -- Cards have no instalment: their burden is the 10% minimum payment on the expected balance.
         round(other_debt_ratio + coalesce(instalment, 0.1 * card_base_util * amount) / income, 4) AS dti,
         -- Card holders who clear the statement every month: more common among good scores.
         product = 'credit_card' AND ${uniform('transactor')} < ${clamp('0.40 + 0.002 * (bureau_score - 680)', 0.05, 0.85)} AS is_transactor
  FROM scheduled
), risked AS (
  SELECT *,
         ${SCORE_SLOPE} * (bureau_score - 680)
         + ${DTI_SLOPE} * (dti - ${DTI_PIVOT})
         + CASE WHEN ltv IS NOT NULL THEN ${LTV_SLOPE} * (ltv - ${LTV_PIVOT}) ELSE 0 END
         + ${lookup('employment_type', byName(EMPLOYMENT, 3))}
         + coalesce(${lookup('industry', byName(INDUSTRIES, 2))}, 0)
         + ${lookup('region', byName(REGIONS, 2))}
         + ${BRANCH_EFFECT_SPREAD} * (${uniform('branch_effect', ['region', 'branch_no'], 'branch_key')} - 0.5)
         + CASE WHEN age < 25 THEN ${YOUNG_BORROWER_EFFECT} WHEN age >= 60 THEN ${SENIOR_BORROWER_EFFECT} ELSE 0 END
         + CASE WHEN product = 'credit_card' THEN ${CARD_UTILISATION_SLOPE} * (card_base_util - 0.35)
                  + CASE WHEN is_transactor THEN ${CARD_TRANSACTOR_EFFECT} ELSE 0 END ELSE 0 END
         + ${DOWNTURN_VINTAGE_EFFECT} * downturn_at_origination
         + ${FRAILTY_SD} * ${normal('frailty')} AS risk
  FROM burdened
)
SELECT ${visible},
       -- Hidden truth used by the later phases (dropped before publishing).
       loan_no, key, origination, term_months IS NOT NULL AS is_term,
       is_floating, card_base_util, is_transactor, risk,
       ${perProduct(ONSET_BASE)} + risk AS onset_logit,
       ${MACRO_SENSITIVITY} + CASE WHEN product = 'small_business' OR employment_type = 'self_employed'
                                   THEN ${MACRO_SENSITIVITY_CYCLICAL} ELSE 0 END AS macro_sensitivity,
       CASE WHEN is_floating THEN ${RATE_SENSITIVITY} * dti ELSE 0 END AS rate_shock_slope,
       -- Days past due in the first bucket: set by the instalment's due day within the month.
       1 + floor(${uniform('due_day')} * 30)::INTEGER AS first_bucket_dpd,
       -- Month of full prepayment if the loan is current then (NULL: none before the window ends).
       nullif(least(greatest(origination + 1, 0)
                    + ${prepaymentMonths()}::INTEGER, $months), $months) AS prepayment_month
FROM risked`;
}

function mapScore(col: 0 | 1): Record<string, number> {
  return Object.fromEntries(Object.entries(SCORE).map(([p, v]) => [p, v[col]]));
}

/** Months until prepayment: geometric with the product's monthly prepayment probability. */
function prepaymentMonths(): string {
  const logSurvival = `ln(1.0 - ${perProduct(PREPAYMENT)})`;
  return `floor(ln(1.0 - ${uniform('prepayment')}) / ${logSurvival})`;
}

