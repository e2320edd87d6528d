/**
 * The macro path: one row per month from the oldest origination to the last snapshot.
 * `_sample_macro` (temporary) also carries the month index `t` (0 = first snapshot) and the
 * downturn factor that drives the hazards; `macro` (the user's table) keeps the snapshot months only.
 */
import { q } from '../workspace/workspace';
import { BENCHMARK, DOWNTURN, GDP_GROWTH, HOUSE_PRICES, MAX_SEASONING_MONTHS, UNEMPLOYMENT } from './calibration';
import { uniform } from './draws';

export const MACRO_TEMP = q('_sample_macro');

/** Builds `_sample_macro`. Parameters: $seed, $months, $first_month. */
export function macroTempSql(): string {
  const noise = (name: string) => `(${uniform(name, ['t'], 'macro_key')} - 0.5)`;
  const rises = BENCHMARK.stepsAt.map((at) => `(p >= ${at})::INTEGER`).join(' + ');
  return `
CREATE TEMP TABLE ${MACRO_TEMP} AS
WITH months AS (
  SELECT t::INTEGER AS t,
         t / ($months - 1)::DOUBLE AS p,
         hash($seed::BIGINT, 'macro') AS macro_key
  FROM range(-${MAX_SEASONING_MONTHS}, $months) AS r(t)
), shaped AS (
  SELECT *,
         exp(-0.5 * pow((p - ${DOWNTURN.centre}) / ${DOWNTURN.width}, 2)) AS downturn,
         -- Before the window the benchmark came down in 5 bp cuts; inside it, it rises in 25 bp steps.
         CASE WHEN t < 0
              THEN ${BENCHMARK.start} + ${BENCHMARK.historyStep} * floor((${BENCHMARK.historyEveryMonths - 1} - t) / ${BENCHMARK.historyEveryMonths})
              ELSE ${BENCHMARK.start} + ${BENCHMARK.step} * (${rises})
         END AS benchmark_rate
  FROM months
)
SELECT t,
       last_day($first_month::DATE + to_months(t)) AS snapshot_date,
       round(benchmark_rate, 4) AS benchmark_rate,
       round(${UNEMPLOYMENT.base} + ${UNEMPLOYMENT.downturnRise} * downturn + ${UNEMPLOYMENT.noise} * ${noise('unemployment')}, 4) AS unemployment_rate,
       round(${GDP_GROWTH.base} - ${GDP_GROWTH.downturnFall} * downturn + ${GDP_GROWTH.noise} * ${noise('gdp')}, 4) AS gdp_growth,
       round(100 * exp(${HOUSE_PRICES.monthlyTrend} * t
                       - ${HOUSE_PRICES.downturnFall} / (1 + exp(-(p - ${HOUSE_PRICES.centre}) / ${HOUSE_PRICES.width}))), 2) AS house_price_index,
       downturn
FROM shaped`;
}

/**
 * Adds `benchmark_set_month` to `_sample_macro`: the month the benchmark took its current value.
 * Floating loans re-amortise when the benchmark changes and pay a level instalment until it moves
 * again, so a paid amount never drifts down by cents from one month to the next.
 */
export function macroRateSetSql(): string {
  return `
CREATE OR REPLACE TEMP TABLE ${MACRO_TEMP} AS
SELECT *,
       coalesce(max(CASE WHEN benchmark_rate <> changed_from THEN t END) OVER (ORDER BY t ROWS UNBOUNDED PRECEDING),
                -${MAX_SEASONING_MONTHS}) AS benchmark_set_month
FROM (SELECT *, lag(benchmark_rate) OVER (ORDER BY t) AS changed_from FROM ${MACRO_TEMP})`;
}

/** The user's `macro` table: snapshot months only. */
export function macroInsertSql(target: string): string {
  return `
INSERT INTO ${target}
SELECT snapshot_date, benchmark_rate, unemployment_rate, gdp_growth, house_price_index
FROM ${MACRO_TEMP} WHERE t >= 0 ORDER BY t`;
}

/**
 * A one-row relation with the downturn factor, the benchmark (and when it was set) and the month-end as lists from
 * month -burnIn, so per-loan lambdas and the panel read month t as `downturns[t + burnIn + 1]`
 * without a join per month.
 */
export function macroListsSql(burnIn: number): string {
  return `(SELECT list(downturn ORDER BY t) AS downturns, list(benchmark_rate ORDER BY t) AS benchmarks,
                 list(snapshot_date ORDER BY t) AS snapshot_dates,
                 list(benchmark_set_month ORDER BY t) AS benchmark_set_months
          FROM ${MACRO_TEMP} WHERE t >= -${burnIn})`;
}
