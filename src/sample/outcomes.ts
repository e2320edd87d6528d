/**
 * `loan_outcomes`: the modelling base. One row per loan on book at its observation date (the
 * snapshot 12 months before the last, or the loan's first snapshot if later), with the 12-month
 * default flag read from the panel. Loans that left the book before (or at) that date are not in
 * the population: there is nothing to predict for them. A loan past 90 DPD, in workout past 180 or
 * written off in the horizon is a default; one already in default at the observation date stays in
 * the population (filter on dpd_at_observation to model performing loans only).
 */
import { DEFAULT_DPD, OUTCOME_HORIZON_MONTHS } from './calibration';
import { LIFE_TEMP } from './life';
import { MACRO_TEMP } from './macro';
import type { SampleTargets } from './schema';

/** Parameters: $months. */
export function outcomesInsertSql(targets: SampleTargets): string {
  return `
INSERT INTO ${targets.loan_outcomes}
WITH observed AS (
  SELECT l.loan_id, m.snapshot_date AS observation_date
  FROM ${LIFE_TEMP} l
  JOIN ${MACRO_TEMP} m ON m.t = greatest(l.first_month, $months - 1 - ${OUTCOME_HORIZON_MONTHS})
  WHERE l.left_month IS NULL OR l.left_month > m.t
)
SELECT o.loan_id, o.observation_date,
       coalesce(max((p.snapshot_date > o.observation_date
                     AND (p.days_past_due > ${DEFAULT_DPD} OR p.charged_off))::INTEGER), 0)::INTEGER AS default_12m,
       max(p.days_past_due) FILTER (WHERE p.snapshot_date = o.observation_date) AS dpd_at_observation,
       max(p.balance) FILTER (WHERE p.snapshot_date = o.observation_date) AS balance_at_observation
FROM observed o
JOIN ${targets.loan_performance} p
  ON p.loan_id = o.loan_id
 AND p.snapshot_date BETWEEN o.observation_date AND last_day(o.observation_date + to_months(${OUTCOME_HORIZON_MONTHS}))
GROUP BY o.loan_id, o.observation_date
ORDER BY o.loan_id`;
}
