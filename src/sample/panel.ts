/**
 * `loan_performance`: one row per loan per month-end it is on book, derived from the loan's life
 * and its episodes without any month-to-month recursion:
 *
 * - stage(t) comes from the active episode's cumulative stage ends; DPD = 30 * (stage - 1) + the
 *   loan's first-bucket DPD (its due day), so DPD grows by 30 per missed month and resets on cure;
 * - a term loan's balance is the annuity balance after the instalments actually paid
 *   (months due minus instalments in arrears; at least one is owed while in arrears), so it
 *   amortises when current and stalls in arrears;
 * - floating loans re-amortise whenever the benchmark moves: a level instalment at
 *   benchmark(t) + margin on the principal then outstanding (the payment shock);
 * - card balances follow utilisation, which drifts up in the three months before an episode
 *   (an early-warning signal with a true lead) and sits near or above the limit in arrears;
 * - paid_amount is the instalment when current, a shrinking part of it when rolling forward,
 *   one instalment when staying in the bucket, and the arrears plus the instalment on cure;
 * - past 180 DPD a term loan is in workout: called in, so nothing falls due (scheduled 0), its DPD
 *   grows by 30 a month and its balance stays frozen but for occasional small recoveries;
 * - a loan's last row is its payoff (balance 0), a card's charge-off (charged_off, DPD 181-210),
 *   a term loan's write-off after workout (charged_off, balance still shown), a mortgage's
 *   foreclosure sale (the recovery in paid_amount, balance 0), or the last snapshot.
 */
import { annuityBalanceFast, annuityPayment, annuityPaymentFast } from './annuity';
import { ARMS, STAGES, WORKOUT_RECOVERY, armPartialPayment } from './calibration';
import { clamp, lit, uniform } from './draws';
import { EPISODE_PASSES, stageEnd } from './episodes';
import { LIFE_TEMP } from './life';
import { macroListsSql } from './macro';

const CHARGED_OFF_STAGE = STAGES.length + 1;

/**
 * Stage of the active episode `offset` months after its start: 0 = current, 1-6 the 30-day buckets,
 * 7 = rolled past 180 DPD (a card's charge-off month), then 8, 9... month by month of a workout.
 */
function stageAt(offset: string): string {
  const passed = STAGES.map((_, i) => `(${offset} >= active.ends_${i + 1})::INTEGER`).join(' + ');
  return `CASE WHEN active IS NULL OR ${offset} < 0 THEN 0
               WHEN active.last_stage < ${CHARGED_OFF_STAGE} AND ${offset} >= ${stageEnd('active.last_stage', 'active.')} THEN 0
               ELSE 1 + ${passed} + greatest(${offset} - active.ends_${STAGES.length}, 0) END`;
}

/**
 * Share of the balance recovered in workout month `month`: usually nothing, now and then 1-5%.
 * None in the month the loan enters workout or the month it leaves (the sale or write-off).
 */
function recoveryShare(month: string): string {
  const { monthlyChance, minShare, maxShare } = WORKOUT_RECOVERY;
  return `CASE WHEN ${month} > workout_start AND ${month} < workout_end AND ${uniform('recovery', [month])} < ${monthlyChance}
               THEN ${minShare} + (${maxShare} - ${minShare}) * ${uniform('recovery_share', [month])} ELSE 0 END`;
}

/** What is left of the frozen balance after the workout recoveries up to and including month `upTo`. */
function recoveredFactor(upTo: string): string {
  return `exp(coalesce(list_sum(list_transform(range(workout_start + 1, ${upTo} + 1), lambda m: ln(1 - ${recoveryShare('m')}))), 0))`;
}

function partialPaymentBoost(): string {
  const perArm = ARMS.map((arm) => {
    const byStage = STAGES.map((_, i) => `WHEN ${i + 1} THEN ${armPartialPayment(arm, i + 1)}`).join(' ');
    return `WHEN ${lit(arm)} THEN CASE stage ${byStage} ELSE 0 END`;
  }).join(' ');
  return `CASE WHEN has_case AND stage >= open_stage THEN CASE arm ${perArm} ELSE 0 END ELSE 0 END`;
}

/** Inserts the rows of loans $from..$to (loan numbers) into `target`. Parameters: $from, $to. */
export function panelInsertSql(target: string): string {
  const passes = Array.from({ length: EPISODE_PASSES }, (_, i) => `episode_${i + 1}`);
  // Episodes are disjoint, and a month whose previous month is in an episode is in it too (the cure
  // month closes the episode), so the episode covering t also gives the stage at t - 1.
  const active = passes.map((ep) => `WHEN t BETWEEN ${ep}.start_month AND ${ep}.end_month THEN ${ep}`).join(' ');
  const nextStart = passes.map((ep) => `WHEN t < ${ep}.start_month THEN ${ep}.start_month`).join(' ');
  const at = 't + 1'; // list position of month t: the panel's lists start at the first snapshot
  const balanceAfter = (paid: string) => annuityBalanceFast('schedule_principal', 'growth', 'schedule_growth', paid);
  // Floating loans: the principal left when the benchmark last moved, re-amortised at today's rate.
  const atReset = balanceAfter('least(reset_no - 1, schedule_term)');
  return `
INSERT INTO ${target}
WITH months AS (
  SELECT l.*, unnest(range(first_month, exit_month + 1)) AS t
  FROM ${LIFE_TEMP} l WHERE loan_no BETWEEN $from AND $to
), located AS (
  SELECT mo.*, CASE ${active} END AS active,
         m.snapshot_dates[${at}] AS snapshot_date,
         m.benchmark_set_months[${at}] AS benchmark_set_month,
         CASE WHEN mo.is_floating THEN m.benchmarks[${at}] + mo.margin ELSE mo.rate END AS current_rate
  FROM months mo, ${macroListsSql(0)} m
), staged AS (
  SELECT *, active.has_case, active.open_stage, active.arm,
         ${stageAt('t - active.start_month')} AS stage,
         ${stageAt('t - 1 - active.start_month')} AS previous_stage
  FROM located
), scheduled AS (
  SELECT *,
         coalesce(t >= restructure_month, false) AS restructured,
         coalesce(t >= workout_start, false) AS in_workout,
         CASE WHEN t >= restructure_month THEN restructured_principal ELSE amount END AS schedule_principal,
         CASE WHEN t >= restructure_month THEN restructured_term ELSE term_months END AS schedule_term,
         CASE WHEN t >= restructure_month THEN restructured_growth ELSE term_growth END AS schedule_growth,
         t - CASE WHEN t >= restructure_month THEN restructure_month ELSE origination END AS instalment_no,
         -- Instalment number of the first payment at the current benchmark (1: since the start).
         least(greatest(benchmark_set_month - CASE WHEN t >= restructure_month THEN restructure_month ELSE origination END, 1),
               CASE WHEN t >= restructure_month THEN restructured_term ELSE term_months END) AS reset_no
  FROM staged
), amounts AS (
  SELECT *,
         CASE WHEN NOT is_term THEN NULL
              WHEN t = prepaid_month THEN 0
              -- Instalments paid: those due less those in arrears. A loan in arrears owes at least one,
              -- also past maturity, where stays in a bucket would otherwise pay it off while overdue.
              ELSE ${balanceAfter('least(greatest(instalment_no - stage, 0), schedule_term - (stage > 0)::INTEGER)')}
         END AS term_balance,
         -- Fixed loans keep their level instalment; floating loans pay a level instalment that is
         -- recomputed whenever the benchmark moves (the payment shock). Arrears are counted in it.
         CASE WHEN NOT is_term THEN NULL
              WHEN NOT is_floating THEN ${annuityPaymentFast('schedule_principal', 'growth', 'schedule_growth')}
              ELSE ${annuityPayment(atReset, 'current_rate', 'schedule_term - reset_no + 1')}
         END AS term_level,
         CASE WHEN is_term THEN NULL
              WHEN stage > 0 THEN least(1.15, greatest(card_base_util, 0.8) + 0.05 * stage)
              ELSE ${clamp(`card_base_util + 0.25 * (${uniform('utilisation', ['t'])} - 0.5)
                     + 0.08 * greatest(0, 4 - (CASE ${nextStart} END - t))`, 0, 0.98)}
         END AS card_util
  FROM scheduled
), recovered AS (
  -- In workout the schedule balance stands still (the instalments paid stop growing with the months
  -- due); recoveries shrink it. Both balances use the same expression, so the balance before this
  -- month's recovery is, to the cent, last month's balance.
  SELECT *,
         CASE WHEN in_workout THEN round(term_balance * ${recoveredFactor('t - 1')}, 2) END AS balance_before_recovery,
         CASE WHEN in_workout THEN round(term_balance * ${recoveredFactor('t')}, 2) END AS workout_balance
  FROM amounts
), balances AS (
  SELECT *,
         round(CASE WHEN t = sale_month THEN 0
                    WHEN in_workout THEN workout_balance
                    WHEN is_term THEN term_balance
                    WHEN t = prepaid_month THEN 0
                    ELSE card_util * amount END, 2) AS balance,
         -- Cards: the minimum payment, 10% of the balance (at least 100, or all of a smaller balance).
         round(CASE WHEN is_term THEN term_level
                    WHEN card_util > 0 THEN greatest(least(card_util * amount, 100), 0.1 * card_util * amount)
                    ELSE 0 END, 2) AS instalment,
         -- Nothing new falls due in the origination month or after the last instalment.
         is_term AND (instalment_no < 1 OR instalment_no > schedule_term) AS nothing_due
  FROM recovered
), dues AS (
  -- A loan in workout has been called in: no new instalment falls due, the whole balance is owed.
  SELECT *, CASE WHEN nothing_due OR in_workout THEN 0 ELSE instalment END AS due FROM balances
), paid AS (
  SELECT *,
         round(CASE
           -- Foreclosure: the sale price, up to the balance; the rest is the loss.
           WHEN t = sale_month THEN least(balance_before_recovery, sale_value)
           WHEN in_workout THEN balance_before_recovery - balance
           WHEN t = origination OR stage = ${CHARGED_OFF_STAGE} OR t = restructure_month THEN 0
           -- Prepayment: last month's balance with a month's interest (the loan was current then).
           WHEN t = prepaid_month THEN CASE WHEN is_term THEN ${balanceAfter('least(greatest(instalment_no - 1, 0), schedule_term)')} * (1 + current_rate / 12)
                                            ELSE card_util * amount END
           -- A cure pays the instalments in arrears and this month's (if one is due).
           WHEN previous_stage > 0 AND stage = 0 THEN instalment * (previous_stage + CASE WHEN nothing_due THEN 0 ELSE 1 END)
           -- Rolling forward: a part payment that shrinks with each missed month (three declines in a
           -- row are common before 90+), plus what the collection action extracts.
           WHEN stage > previous_stage THEN instalment * least(0.95,
             ${clamp(`0.75 - 0.25 * stage + 0.3 * (${uniform('partial', ['t'])} - 0.5)`, 0, 0.95)} + ${partialPaymentBoost()})
           -- Staying in the bucket: one instalment paid, the arrears carried.
           WHEN stage > 0 THEN instalment
           WHEN is_term THEN due
           -- Card transactors clear the statement; revolvers pay the minimum and some of the rest.
           WHEN is_transactor THEN balance
           ELSE due + ${uniform('repayment', ['t'])} * 0.5 * (balance - due)
         END, 2) AS paid_amount
  FROM dues
)
SELECT loan_id, snapshot_date, (t - origination)::INTEGER, balance, due, paid_amount,
       CASE WHEN stage = 0 THEN 0 ELSE 30 * (stage - 1) + first_bucket_dpd END::INTEGER,
       restructured, round(current_rate, 6),
       CASE WHEN NOT is_term THEN amount END,
       CASE WHEN NOT is_term THEN round(balance / amount, 4) END,
       coalesce(t = writeoff_month, false)
FROM paid`;
}
