/**
 * `_sample_life`: one row per loan with everything the monthly panel needs besides the episodes:
 * the repayment schedule in force (original or restructured), and when the loan leaves the book.
 */
import { q } from '../workspace/workspace';
import { annuityBalance } from './annuity';
import { lit } from './draws';
import { RESTRUCTURE_EXTENSION_MONTHS, STAGES } from './calibration';
import { EPISODE_TEMP, EPISODE_PASSES, STATE_TEMP } from './episodes';

export const LIFE_TEMP = q('_sample_life');

/** The loan attributes the monthly panel reads, carried along so the panel needs no join. */
const PANEL_LOAN_COLUMNS = [
  'loan_id', 'key', 'origination', 'amount', 'term_months', 'margin', 'rate',
  'is_term', 'is_floating', 'card_base_util', 'is_transactor', 'first_bucket_dpd',
];

/** Parameters: $months. */
export function lifeTempSql(loans: string): string {
  const episodes = Array.from({ length: EPISODE_PASSES }, (_, i) => `episode_${i + 1}`).join(', ');
  // Each episode as one struct column (episode_1, episode_2...) with the fields the panel reads:
  // the panel then needs no join, and carries no more than it uses through every month.
  const fields = ['start_month', 'end_month', ...STAGES.map((_, j) => `ends_${j + 1}`), 'last_stage', 'has_case', 'open_stage', 'arm'];
  const struct = `{${fields.map((f) => `${lit(f)}: e.${f}`).join(', ')}}`;
  const pivot = Array.from({ length: EPISODE_PASSES }, (_, i) => i + 1)
    .map((k) => `any_value(${struct}) FILTER (WHERE e.episode = ${k}) AS episode_${k}`)
    .join(', ');
  return `
CREATE TEMP TABLE ${LIFE_TEMP} AS
WITH episodes AS (
  SELECT loan_no, ${pivot},
         max(end_month) FILTER (WHERE outcome = 'restructure') AS restructure_month,
         max(last_stage) FILTER (WHERE outcome = 'restructure') AS restructure_arrears,
         max(end_month) FILTER (WHERE outcome = 'chargeoff') AS chargeoff_month
  FROM ${EPISODE_TEMP} e GROUP BY loan_no
), scheduled AS (
  SELECT l.*, e.* EXCLUDE (loan_no), st.prepayment_month AS prepaid_month,
         -- Instalments paid when restructured: months on book the month before, less the arrears.
         e.restructure_month - 1 - l.origination - e.restructure_arrears AS paid_at_restructure
  FROM ${loans} l
  JOIN ${STATE_TEMP} st USING (loan_no)
  LEFT JOIN episodes e USING (loan_no)
), restructured AS (
  SELECT *,
         -- Arrears are capitalised and the rest re-amortised over the remaining term plus an extension.
         ${annuityBalance('amount', 'rate', 'term_months', 'least(paid_at_restructure, term_months)')} AS restructured_principal,
         greatest(term_months - paid_at_restructure, 0) + ${RESTRUCTURE_EXTENSION_MONTHS} AS restructured_term
  FROM scheduled
), matured AS (
  SELECT r.*,
         CASE WHEN restructure_month IS NOT NULL THEN restructure_month + restructured_term
              ELSE origination + term_months END AS contractual_maturity
  FROM restructured r
), leaving AS (
  -- A loan still in arrears at maturity stays on book until the cure pays everything off.
  SELECT m.*, coalesce(e.end_month, m.contractual_maturity) AS maturity_month
  FROM matured m
  LEFT JOIN ${EPISODE_TEMP} e
    ON e.loan_no = m.loan_no AND e.outcome = 'cure'
   AND m.contractual_maturity >= e.start_month AND m.contractual_maturity < e.end_month
)
SELECT loan_no, ${PANEL_LOAN_COLUMNS.join(', ')}, ${episodes},
       restructure_month, restructured_principal, restructured_term, chargeoff_month, prepaid_month,
       -- Schedule constants, so the panel computes one power per month instead of several.
       1 + rate / 12 AS growth,
       pow(1 + rate / 12, term_months) AS term_growth,
       pow(1 + rate / 12, restructured_term) AS restructured_growth,
       greatest(origination, 0) AS first_month,
       -- NULL when the loan is still on book at the last snapshot.
       nullif(least(least(chargeoff_month, prepaid_month, maturity_month), $months), $months) AS left_month,
       least(chargeoff_month, prepaid_month, maturity_month, $months - 1) AS exit_month
FROM leaving
-- The joins above scramble rows; in loan order, the panel comes out loan by loan, month by month.
ORDER BY loan_no`;
}
