/**
 * Delinquency episodes, drawn per loan instead of simulated month by month (a path-dependent
 * Markov chain is awkward and slow in SQL):
 *
 * 1. Onset. For every month a loan could fall behind, one uniform is compared with the monthly
 *    hazard (borrower risk + seasoning + macro downturn + payment shock). The months that pass
 *    are kept as a short sorted list. An episode starts at the first listed month after the
 *    previous episode ended; after a cure the bar is the (higher) re-default hazard.
 * 2. Shape. Inside an episode the loan sits in stage j (1 = 1-30 DPD ... 6 = 151-180 DPD) for a
 *    geometric number of months, then either rolls to stage j+1 or cures. This is exactly the
 *    monthly roll/stay/cure chain of `STAGES`, drawn up front. Stage lengths never depend on
 *    collections; only the roll-or-cure exits do.
 *    Rolling out of stage 6 (past 180 DPD) charges a card off that month. A term loan instead stays
 *    on book in workout for a drawn number of months (`WORKOUT_MONTHS`), then leaves by a sale of
 *    the collateral (mortgages, `FORECLOSURE`) or a write-off; its episode ends when it leaves.
 * 3. Collections. An episode that is delinquent inside the window opens a case; the arm is assigned
 *    by permuted blocks within stratum (product x bucket), and its true effect shifts the exits
 *    of the stages from the case onwards. Uniforms are fixed per loan, so the arm is the only thing
 *    that differs between the worlds in which a case got an SMS or a field visit.
 *
 * Episodes are resolved in passes (first, second, third): each pass needs the previous one's end,
 * and a pass's arm assignment is balanced within stratum among that pass's cases.
 */
import { q } from '../workspace/workspace';
import {
  ARMS,
  BURN_IN_MONTHS,
  FORECLOSURE,
  MAX_MONTHS_IN_STAGE,
  PRODUCT_MIX,
  REDEFAULT_EFFECT,
  RESTRUCTURE_FROM_STAGE,
  RESTRUCTURE_SHARE,
  ROLL_DOWNTURN_EFFECT,
  ROLL_RISK_SLOPE,
  SEASONING,
  STAGES,
  WORKOUT_MONTHS,
  armCureEffect,
  arrearsHorizonMonths,
} from './calibration';
import { drawHash, geometric, lit, logistic, uniform } from './draws';
import { MACRO_TEMP, macroListsSql } from './macro';
import { dpdBucketSql } from './schema';

/** Temporary working tables of this connection (quoted identifiers). */
export const ONSET_TEMP = q('_sample_onset');
export const STATE_TEMP = q('_sample_state');
export const EPISODE_TEMP = q('_sample_episode');
export const EPISODE_PASSES = 3;

const STAGE_NUMBERS = STAGES.map((_, i) => i + 1);

/** Monthly onset logit for month `t` (a lambda variable) of the loan in scope. */
function onsetLogit(t: string): string {
  const at = `${t} + ${BURN_IN_MONTHS + 1}`; // list position of month t; lists start at -BURN_IN_MONTHS
  const mob = `(${t} - origination)`;
  return `onset_logit
    - ${SEASONING.earlyDrop} * exp(-${mob} / ${SEASONING.earlyMonths})
    - ${SEASONING.lateSlope} * greatest(${mob} - ${SEASONING.lateFrom}, 0)
    + macro_sensitivity * downturns[${at}]
    + rate_shock_slope * (benchmarks[${at}] - benchmark_rate)`;
}

/**
 * `_sample_onset`: per loan, the months in which it would fall behind at the re-default bar, and
 * the subset that also pass the first-episode bar (same uniform, lower hazard). Months run from
 * the first instalment (or the start of the product's burn-in) to the contractual maturity or the
 * last snapshot. The burn-in is `arrearsHorizonMonths`: an episode that started earlier is over
 * before the window opens, and would matter only as an earlier episode (the re-default bar).
 * (A restructured loan keeps its original horizon for new episodes: a simplification that touches
 * only the few loans restructured shortly before maturity.)
 * Parameters: $months.
 */
export function onsetTempSql(loans: string): string {
  const u = uniform('onset', ['t']);
  const burnIn = `CASE product ${PRODUCT_MIX.map(([p]) => `WHEN ${lit(p)} THEN ${arrearsHorizonMonths(p)}`).join(' ')} END`;
  return `
CREATE TEMP TABLE ${ONSET_TEMP} AS
WITH candidates AS (
  SELECT l.*, m.*,
         list_filter(range(greatest(origination + 1, -${burnIn}),
                           least(coalesce(origination + term_months, $months - 1), $months - 1) + 1),
                     lambda t: ${u} < ${logistic(`${onsetLogit('t')} + ${REDEFAULT_EFFECT}`)}) AS redefault_onsets
  FROM ${loans} l, ${macroListsSql(BURN_IN_MONTHS)} m
)
SELECT loan_no,
       list_filter(redefault_onsets, lambda t: ${u} < ${logistic(onsetLogit('t'))}) AS first_onsets,
       redefault_onsets
FROM candidates`;
}

/**
 * `_sample_state`: what the next pass needs to know about each loan. A candidate that reached its
 * maturity before the window without ever falling behind cannot be on book in it: it is left out
 * here, and so of every later phase (most pre-window candidates, `population.ts`).
 */
export function stateInitSql(loans: string): string {
  return `
CREATE TEMP TABLE ${STATE_TEMP} AS
SELECT loan_no,
       NULL::INTEGER AS after_month,      -- the next episode starts after this month (a cure)
       true AS may_continue,              -- false after a charge-off or workout, or once no episode starts
       prepayment_month,                  -- voided if the loan is delinquent at that month
       false AS restructured
FROM ${loans} JOIN ${ONSET_TEMP} USING (loan_no)
WHERE NOT is_term OR origination + term_months >= 0 OR len(redefault_onsets) > 0`;
}

export function episodeTableSql(): string {
  const ends = STAGE_NUMBERS.map((j) => `ends_${j} INTEGER`).join(', ');
  return `
CREATE TEMP TABLE ${EPISODE_TEMP} (
  loan_no BIGINT, episode INTEGER, start_month INTEGER,
  ${ends},                                -- months after the start at which stage j ends (cumulative)
  has_case BOOLEAN, open_month INTEGER, open_stage INTEGER, arm VARCHAR,
  last_stage INTEGER,                     -- stage cured from, or 7 = rolled past 180 DPD
  outcome VARCHAR,                        -- cure | restructure | chargeoff (cards) | sale | writeoff (term loans, after workout)
  workout_months INTEGER,                 -- term loans past 180 DPD: months from then until they leave the book
  end_month INTEGER                       -- month of the cure/restructure (DPD 0), of the charge-off, or of leaving workout
)`;
}

/** `CASE stage WHEN 1 THEN ends_1 ... END`: the month offset at which `stage` ends. */
export function stageEnd(stage: string, prefix = ''): string {
  return `CASE ${stage} ${STAGE_NUMBERS.map((j) => `WHEN ${j} THEN ${prefix}ends_${j}`).join(' ')} END`;
}

/** First stage whose exit is a cure (7 if every stage rolls); `effect(j)` lowers the roll logit. */
function lastStage(effect: (j: number) => string): string {
  const whens = STAGE_NUMBERS.map((j) => `WHEN u_exit_${j} >= ${logistic(`roll_logit_${j} - (${effect(j)})`)} THEN ${j}`);
  return `CASE ${whens.join(' ')} ELSE ${STAGES.length + 1} END`;
}

function armEffectSql(j: number): string {
  const whens = ARMS.map((arm) => `WHEN ${lit(arm)} THEN ${armCureEffect(arm, j)}`).join(' ');
  return `CASE WHEN has_case AND open_stage <= ${j} THEN CASE arm ${whens} ELSE 0 END ELSE 0 END`;
}

/** Months a term loan of the row's product spends in workout: uniform on the product's range. */
function workoutMonths(k: number): string {
  const u = uniform('workout_months', [String(k)]);
  const whens = Object.entries(WORKOUT_MONTHS)
    .map(([product, [lo, hi]]) => `WHEN ${lit(product)} THEN ${lo} + floor(${u} * ${hi - lo + 1})::INTEGER`)
    .join(' ');
  return `CASE product ${whens} END`;
}

/** Appends episode `k` (1-based) for every loan that may still have one. Parameters: none. */
export function episodePassSql(k: number, loans: string): string {
  const start =
    k === 1 ? 'o.first_onsets[1]' : 'list_filter(o.redefault_onsets, lambda x: x > st.after_month)[1]';
  const stageMonths = STAGE_NUMBERS.map(
    (j) =>
      `least(${MAX_MONTHS_IN_STAGE}, 1 + ${geometric(uniform('stage_months', [String(k), String(j)]), STAGES[j - 1].stay)})::INTEGER AS months_${j}`,
  );
  const exits = STAGE_NUMBERS.map((j) => `${uniform('stage_exit', [String(k), String(j)])} AS u_exit_${j}`);
  const rollLogits = STAGES.map(({ roll, cure }, i) => {
    const base = Math.log(roll / cure); // logit of rolling given the stage is left this month
    return `${base} + ${ROLL_RISK_SLOPE} * risk + ${ROLL_DOWNTURN_EFFECT} * downturn_at_start AS roll_logit_${i + 1}`;
  });
  const cumulative = STAGE_NUMBERS.map(
    (j) => `${STAGE_NUMBERS.slice(0, j).map((i) => `months_${i}`).join(' + ')} AS ends_${j}`,
  );
  const stageAtWindowStart = `1 + ${STAGE_NUMBERS.map((j) => `(-start_month >= ends_${j})::INTEGER`).join(' + ')}`;
  const arms = `[${ARMS.map(lit).join(', ')}]`;
  return `
INSERT INTO ${EPISODE_TEMP}
WITH candidate AS (
  SELECT st.loan_no, l.key, l.product, l.is_term, l.risk, st.restructured, st.prepayment_month, ${start} AS start_month
  FROM ${STATE_TEMP} st JOIN ${loans} l USING (loan_no) JOIN ${ONSET_TEMP} o USING (loan_no)
  WHERE st.may_continue
), started AS (
  -- A loan that prepaid first never starts this episode.
  SELECT c.*, m.downturn AS downturn_at_start
  FROM candidate c JOIN ${MACRO_TEMP} m ON m.t = c.start_month
  WHERE c.prepayment_month IS NULL OR c.start_month < c.prepayment_month
), drawn AS (
  SELECT *, ${[...stageMonths, ...exits, ...rollLogits].join(',\n         ')}
  FROM started
), cumulated AS (
  SELECT *, ${cumulative.join(', ')}, ${lastStage(() => '0')} AS unaided_last_stage FROM drawn
), opened AS (
  -- Cases open when the episode starts, or at the first snapshot for episodes begun in the burn-in
  -- that are still delinquent then. Which stage that is never depends on the arm.
  SELECT *,
         start_month >= 0 OR -start_month < ${stageEnd(`least(unaided_last_stage, ${STAGES.length})`)} AS has_case,
         greatest(start_month, 0) AS open_month,
         CASE WHEN start_month >= 0 THEN 1 ELSE ${stageAtWindowStart} END AS open_stage
  FROM cumulated
), assigned AS (
  -- Permuted blocks: a random order within stratum (by hash), then arms in rotation.
  SELECT *,
         CASE WHEN has_case THEN ${arms}[1 + (row_number() OVER (
           PARTITION BY has_case, product, ${dpdBucketSql('open_stage')}
           ORDER BY ${drawHash('arm', [String(k)])}, loan_no) + ${k}) % ${ARMS.length}] END AS arm
  FROM opened
), resolved AS (
  SELECT *, ${lastStage(armEffectSql)} AS last_stage FROM assigned
), worked_out AS (
  SELECT *, CASE WHEN last_stage > ${STAGES.length} AND is_term THEN ${workoutMonths(k)} END AS workout_months
  FROM resolved
)
SELECT loan_no, ${k}, start_month, ${STAGE_NUMBERS.map((j) => `ends_${j}`).join(', ')},
       has_case, CASE WHEN has_case THEN open_month END, CASE WHEN has_case THEN open_stage END, arm,
       last_stage,
       CASE WHEN last_stage > ${STAGES.length} THEN
              CASE WHEN NOT is_term THEN 'chargeoff'
                   WHEN product = 'mortgage' AND ${uniform('foreclosure', [String(k)])} < ${FORECLOSURE.saleShare} THEN 'sale'
                   ELSE 'writeoff' END
            WHEN last_stage >= ${RESTRUCTURE_FROM_STAGE} AND is_term AND NOT restructured
                 AND ${uniform('restructure', [String(k)])} < ${RESTRUCTURE_SHARE} THEN 'restructure'
            ELSE 'cure' END,
       workout_months,
       start_month + ${stageEnd(`least(last_stage, ${STAGES.length})`)} + coalesce(workout_months, 0)
FROM worked_out`;
}

/** Carries each loan's state past episode `k`. */
export function stateAdvanceSql(k: number): string {
  return `
CREATE OR REPLACE TEMP TABLE ${STATE_TEMP} AS
SELECT st.loan_no,
       coalesce(e.end_month, st.after_month) AS after_month,
       st.may_continue AND coalesce(e.outcome IN ('cure', 'restructure'), false) AS may_continue,
       CASE WHEN st.prepayment_month BETWEEN e.start_month AND e.end_month THEN NULL
            ELSE st.prepayment_month END AS prepayment_month,
       st.restructured OR coalesce(e.outcome = 'restructure', false) AS restructured
FROM ${STATE_TEMP} st LEFT JOIN ${EPISODE_TEMP} e ON e.loan_no = st.loan_no AND e.episode = ${k}`;
}
