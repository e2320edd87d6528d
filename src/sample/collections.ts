/**
 * `collection_actions`: one row per episode that was delinquent inside the window. The arm and the
 * episode's path were fixed together in the episode passes; this reads the outcomes back from the
 * monthly panel, so a case's recovery and cure agree with what `loan_performance` shows.
 */
import { ARMS, ARM_COST, OUTCOME_WINDOW_MONTHS } from './calibration';
import { lit, uniform } from './draws';
import { EPISODE_TEMP } from './episodes';
import { MACRO_TEMP } from './macro';
import { dpdBucketSql, type SampleTargets } from './schema';

/** Parameters: $months. */
export function collectionsInsertSql(targets: SampleTargets): string {
  const cost = `CASE arm ${ARMS.map((a) => `WHEN ${lit(a)} THEN ${ARM_COST[a]}`).join(' ')} END`;
  return `
INSERT INTO ${targets.collection_actions}
WITH cases AS (
  SELECT e.*, l.loan_id, l.product, l.key, m.snapshot_date AS opened, cured_in.snapshot_date AS cure_snapshot,
         ${dpdBucketSql('e.open_stage')} AS dpd_bucket,
         row_number() OVER (ORDER BY e.open_month, e.loan_no, e.episode) AS case_no
  FROM ${EPISODE_TEMP} e
  JOIN ${targets.loans} l USING (loan_no)
  JOIN ${MACRO_TEMP} m ON m.t = e.open_month
  LEFT JOIN ${MACRO_TEMP} cured_in ON cured_in.t = e.end_month
  WHERE e.has_case
), observed AS (
  -- The month-end the case opened, and the months of the outcome window after it (about 60 days).
  SELECT c.case_no,
         max(p.scheduled_amount) FILTER (WHERE p.snapshot_date = c.opened) AS due_at_open,
         max(p.balance) FILTER (WHERE p.snapshot_date = c.opened) AS balance_at_open,
         coalesce(sum(p.paid_amount) FILTER (WHERE p.snapshot_date > c.opened), 0) AS paid_after
  FROM cases c
  JOIN ${targets.loan_performance} p
    ON p.loan_id = c.loan_id
   AND p.snapshot_date BETWEEN c.opened AND last_day(c.opened + to_months(${OUTCOME_WINDOW_MONTHS}))
  GROUP BY c.case_no
), valued AS (
  SELECT c.*, o.paid_after,
         -- Arrears are one instalment per stage; past maturity the whole balance is due.
         round(CASE WHEN o.due_at_open > 0 THEN c.open_stage * o.due_at_open ELSE o.balance_at_open END, 2) AS amount_due,
         c.outcome = 'cure' AND c.end_month <= least(c.open_month + ${OUTCOME_WINDOW_MONTHS}, $months - 1) AS cured
  FROM cases c JOIN observed o USING (case_no)
)
SELECT 'C' || lpad(case_no::VARCHAR, 8, '0'), loan_id, opened, product, dpd_bucket,
       product || '|' || dpd_bucket, arm, amount_due,
       round(least(amount_due, paid_after), 2),
       cured,
       -- The cure payment lands on a day of the cure month; count days from the case's month-end.
       CASE WHEN cured THEN date_diff('day', opened, date_trunc('month', cure_snapshot)::DATE)
                            + 1 + floor(${uniform('cure_day', ['episode'])} * day(cure_snapshot))::INTEGER END,
       round(${cost} * (0.8 + 0.4 * ${uniform('action_cost', ['episode'])}), 2)
FROM valued
ORDER BY case_no`;
}
