/**
 * `_sample_life`: one row per loan with everything the monthly panel needs besides the episodes:
 * the repayment schedule in force (original or restructured), the workout of a non-performing term
 * loan, and when and how the loan leaves the book. Built for every candidate still in the running,
 * then cut down to the published loans.
 */
import { q } from '../workspace/workspace';
import { annuityBalance } from './annuity';
import { lit, uniform } from './draws';
import { FORECLOSURE, RESTRUCTURE_EXTENSION_MONTHS, STAGES } from './calibration';
import { EPISODE_TEMP, EPISODE_PASSES, STATE_TEMP } from './episodes';
import { MACRO_TEMP } from './macro';

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
  const [lo, hi] = FORECLOSURE.discount;
  const pivot = Array.from({ length: EPISODE_PASSES }, (_, i) => i + 1)
    .map((k) => `any_value(${struct}) FILTER (WHERE e.episode = ${k}) AS episode_${k}`)
    .join(', ');
  return `
CREATE TEMP TABLE ${LIFE_TEMP} AS
WITH episodes AS (
  SELECT loan_no, ${pivot},
         max(end_month) FILTER (WHERE outcome = 'restructure') AS restructure_month,
         max(last_stage) FILTER (WHERE outcome = 'restructure') AS restructure_arrears,
         -- The row flagged charged_off: a card's 180+ charge-off or a term loan's write-off after workout.
         max(end_month) FILTER (WHERE outcome IN ('chargeoff', 'writeoff')) AS writeoff_month,
         max(end_month) FILTER (WHERE outcome = 'sale') AS sale_month,
         -- Workout runs from the month the loan rolls past 180 DPD to the month it leaves.
         max(start_month + ends_${STAGES.length}) FILTER (WHERE outcome IN ('writeoff', 'sale')) AS workout_start,
         max(end_month) FILTER (WHERE outcome IN ('writeoff', 'sale')) AS workout_end
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
  -- A loan still in arrears at maturity stays on book until the cure pays everything off, or until
  -- it leaves workout.
  SELECT m.*, coalesce(e.end_month, m.contractual_maturity) AS maturity_month
  FROM matured m
  LEFT JOIN ${EPISODE_TEMP} e
    ON e.loan_no = m.loan_no AND e.outcome <> 'restructure'
   AND m.contractual_maturity >= e.start_month AND m.contractual_maturity < e.end_month
), sold AS (
  -- What the judicial sale fetches: the appraisal moved with house prices, at a forced-sale discount.
  SELECT lv.*,
         round(lv.collateral_value * sold_in.house_price_index / written_in.house_price_index
               * (${lo} + (${hi} - ${lo}) * ${uniform('sale_discount')}), 2) AS sale_value
  FROM leaving lv
  LEFT JOIN ${MACRO_TEMP} sold_in ON sold_in.t = lv.sale_month
  LEFT JOIN ${MACRO_TEMP} written_in ON written_in.t = lv.origination AND lv.sale_month IS NOT NULL
)
SELECT loan_no, ${PANEL_LOAN_COLUMNS.join(', ')}, ${episodes},
       restructure_month, restructured_principal, restructured_term, prepaid_month,
       writeoff_month, sale_month, workout_start, workout_end, sale_value,
       -- Schedule constants, so the panel computes one power per month instead of several.
       1 + rate / 12 AS growth,
       pow(1 + rate / 12, term_months) AS term_growth,
       pow(1 + rate / 12, restructured_term) AS restructured_growth,
       greatest(origination, 0) AS first_month,
       -- NULL when the loan is still on book at the last snapshot.
       nullif(least(least(writeoff_month, sale_month, prepaid_month, maturity_month), $months), $months) AS left_month,
       -- Before first_month if the loan left the book before the window: it has no panel row.
       least(writeoff_month, sale_month, prepaid_month, maturity_month, $months - 1) AS exit_month
FROM sold
-- The joins above scramble rows; in loan order, the panel comes out loan by loan, month by month.
ORDER BY loan_no`;
}

/**
 * Keeps the published loans in `_sample_life`: the first $loans candidates on book at some snapshot.
 * The others left the book before the window (they have no panel row) or are spare. Parameters: $loans.
 */
export function unpublishedLivesDeleteSql(): string {
  return `
DELETE FROM ${LIFE_TEMP}
WHERE exit_month < first_month
   OR loan_no > (SELECT max(loan_no) FROM (
        SELECT loan_no FROM ${LIFE_TEMP} WHERE exit_month >= first_month ORDER BY loan_no LIMIT $loans))`;
}

/** Removes the candidates that are not published (after `unpublishedLivesDeleteSql`) from the staging loans table. */
export function unpublishedLoansDeleteSql(loans: string): string {
  return `DELETE FROM ${loans} WHERE loan_no NOT IN (SELECT loan_no FROM ${LIFE_TEMP})`;
}

/**
 * The published loans as ranges of consecutive loan numbers, $1 loans each (the last one fewer):
 * the panel is built one range at a time. Parameters: $1.
 */
export function panelPartsSql(): string {
  return `
SELECT min(loan_no) AS first_loan, max(loan_no) AS last_loan, count(*) AS loans
FROM (SELECT loan_no, (row_number() OVER (ORDER BY loan_no) - 1) // $1 AS part FROM ${LIFE_TEMP})
GROUP BY part ORDER BY part`;
}
