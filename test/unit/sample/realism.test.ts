import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DEFAULT_SEED } from '../../../src/sample/calibration';
import { generatePortfolio } from '../../../src/sample/generate';
import { Workspace } from '../../../src/workspace/workspace';
import { tempDir } from '../../helpers/paths';
import { testContext } from '../../helpers/job-context';

// Everything later features are meant to find must be TRUE in the data: each test proves one such
// fact with SQL on a generated portfolio of 20,000 loans x 24 months (default seed and window).
// The default seed; VIGIL_SAMPLE_SEED=<n> re-runs the same claims on another portfolio.
const SEED = Number(process.env.VIGIL_SAMPLE_SEED ?? DEFAULT_SEED);
const tmp = tempDir('vigil-sample-realism-');
let ws: Workspace;

beforeAll(async () => {
  ws = await Workspace.open(join(tmp.dir, 'realism.duckdb'));
  await generatePortfolio(ws, { loans: 20_000, seed: SEED }, testContext().ctx);
});
afterAll(async () => {
  await ws.close();
  tmp.cleanup();
});

const one = async <T>(sql: string): Promise<T> => (await ws.all<T>(sql))[0];

/** Per loan and month with the previous month's values (a loan's months are consecutive). */
const WITH_PREVIOUS = `
  WITH p AS (
    SELECT p.*, l.product, l.rate_type, l.dti, l.instalment, l.term_months,
           date_diff('month', DATE '2024-11-30', p.snapshot_date) AS t,
           lag(p.days_past_due) OVER w AS prev_dpd,
           lag(p.balance) OVER w AS prev_balance,
           lag(p.restructured) OVER w AS prev_restructured
    FROM loan_performance p JOIN loans l USING (loan_id)
    WINDOW w AS (PARTITION BY p.loan_id ORDER BY p.snapshot_date))`;

describe('loans', () => {
  it('has the product mix and the attributes of each product', async () => {
    const rows = await ws.all<{ product: string; share: number; med_amount: number; floating: number; no_term: number; secured: number; industry: number }>(`
      SELECT product, count(*) / 20000 AS share, median(amount) AS med_amount,
             avg((rate_type = 'floating')::INTEGER) AS floating, avg((term_months IS NULL)::INTEGER) AS no_term,
             avg((ltv IS NOT NULL)::INTEGER) AS secured, avg((industry IS NOT NULL)::INTEGER) AS industry
      FROM loans GROUP BY product ORDER BY product`);
    const by = Object.fromEntries(rows.map((r) => [r.product, r]));
    expect(Object.keys(by)).toEqual(['consumer', 'credit_card', 'mortgage', 'small_business']);
    expect(by.mortgage.share).toBeGreaterThan(0.27);
    expect(by.small_business.share).toBeLessThan(0.13);
    expect(by.mortgage.med_amount).toBeGreaterThan(10 * by.consumer.med_amount);
    expect(by.mortgage.floating).toBeGreaterThan(0.75);
    expect(by.mortgage.secured).toBe(1);
    expect(by.credit_card.no_term).toBe(1);
    expect(by.credit_card.floating).toBe(0);
    expect(by.small_business.industry).toBe(1);
    expect(by.consumer.industry + by.mortgage.industry + by.credit_card.industry).toBe(0);
  });

  it('keeps every attribute in its documented range and consistent with the others', async () => {
    const r = await one<Record<string, number>>(`
      SELECT count(*) FILTER (WHERE ltv NOT BETWEEN 0.3 AND 0.9) AS bad_ltv,
             count(*) FILTER (WHERE dti NOT BETWEEN 0 AND 1.5) AS bad_dti,
             count(*) FILTER (WHERE bureau_score NOT BETWEEN 300 AND 850) AS bad_score,
             count(*) FILTER (WHERE abs(rate - benchmark_rate - margin) > 1e-9) AS bad_rate,
             count(*) FILTER (WHERE segment <> CASE WHEN bureau_score >= 700 THEN 'prime' WHEN bureau_score >= 620 THEN 'near_prime' ELSE 'subprime' END) AS bad_segment,
             count(*) FILTER (WHERE (collateral_value IS NULL) <> (ltv IS NULL) OR abs(amount / collateral_value - ltv) > 0.01) AS bad_collateral,
             count(*) FILTER (WHERE product <> 'credit_card' AND abs(instalment - amount * (rate / 12) / (1 - pow(1 + rate / 12, -term_months))) > 0.01) AS bad_instalment,
             count(*) FILTER (WHERE employment_type NOT IN ('salaried', 'self_employed', 'civil_servant', 'retired', 'other')) AS bad_employment,
             count(*) FILTER (WHERE day(origination_month) <> 1) AS bad_month
      FROM loans`);
    expect(r).toEqual({
      bad_ltv: 0, bad_dti: 0, bad_score: 0, bad_rate: 0, bad_segment: 0, bad_collateral: 0, bad_instalment: 0, bad_employment: 0, bad_month: 0,
    });
  });

  it('prices loans on the benchmark of their origination month', async () => {
    const r = await one<{ n: number; bad: number }>(`
      SELECT count(*) AS n, count(*) FILTER (WHERE l.benchmark_rate <> m.benchmark_rate) AS bad
      FROM loans l JOIN macro m ON m.snapshot_date = last_day(l.origination_month)`);
    expect(r.n).toBeGreaterThan(5_000); // loans written inside the window
    expect(r.bad).toBe(0);
  });
});

describe('macro', () => {
  it('has a benchmark rising 3.45% -> 4.20% mid-window and a downturn in between the ends', async () => {
    const rows = await ws.all<{ benchmark_rate: number; unemployment_rate: number; gdp_growth: number }>(
      `SELECT benchmark_rate, unemployment_rate, gdp_growth FROM macro ORDER BY snapshot_date`,
    );
    expect(rows).toHaveLength(24);
    expect(rows[0].benchmark_rate).toBe(0.0345);
    expect(rows[23].benchmark_rate).toBe(0.042);
    rows.slice(1).forEach((r, i) => expect(r.benchmark_rate).toBeGreaterThanOrEqual(rows[i].benchmark_rate));
    const peak = rows.reduce((best, r, i) => (r.unemployment_rate > rows[best].unemployment_rate ? i : best), 0);
    expect(peak).toBeGreaterThan(4);
    expect(peak).toBeLessThan(14);
    expect(rows[peak].unemployment_rate - rows[0].unemployment_rate).toBeGreaterThan(0.01);
    expect(Math.min(...rows.map((r) => r.gdp_growth))).toBeLessThan(rows[0].gdp_growth - 0.02);
  });
});

describe('monthly panel', () => {
  it('holds each loan from max(origination, first snapshot) in consecutive months', async () => {
    const r = await one<{ loans: number; gaps: number; bad_start: number; out_of_order: number; snapshots: number; last: string }>(`
      WITH spans AS (
        SELECT loan_id, min(snapshot_date) AS first, max(snapshot_date) AS last, count(*) AS n FROM loan_performance GROUP BY loan_id)
      SELECT count(*) AS loans,
             count(*) FILTER (WHERE n <> date_diff('month', first, last) + 1) AS gaps,
             count(*) FILTER (WHERE first <> greatest(DATE '2024-11-30', last_day(l.origination_month))) AS bad_start,
             (SELECT count(*) FILTER (WHERE k < prev) FROM (
                SELECT loan_id || snapshot_date AS k, lag(loan_id || snapshot_date) OVER (ORDER BY rowid) AS prev FROM loan_performance)) AS out_of_order,
             (SELECT count(DISTINCT snapshot_date) FROM loan_performance) AS snapshots,
             (SELECT max(snapshot_date)::VARCHAR FROM loan_performance) AS last
      FROM spans JOIN loans l USING (loan_id)`);
    // Stored loan by loan, month by month, as an analyst previewing the table expects.
    expect(r).toEqual({ loans: 20_000, gaps: 0, bad_start: 0, out_of_order: 0, snapshots: 24, last: '2026-10-31' });
  });

  it('moves days past due only by realistic steps: +30, stay, cure to 0, or a new 1-30', async () => {
    const r = await one<{ n: number; bad: number; cures: number; stays: number }>(`${WITH_PREVIOUS}
      SELECT count(*) AS n,
             count(*) FILTER (WHERE NOT (days_past_due = 0 OR days_past_due = prev_dpd OR days_past_due = prev_dpd + 30
                                         OR (prev_dpd = 0 AND days_past_due <= 30))) AS bad,
             count(*) FILTER (WHERE prev_dpd > 0 AND days_past_due = 0) AS cures,
             count(*) FILTER (WHERE prev_dpd > 0 AND days_past_due = prev_dpd) AS stays
      FROM p WHERE prev_dpd IS NOT NULL`);
    expect(r.bad).toBe(0);
    expect(r.cures).toBeGreaterThan(1_000);
    expect(r.stays).toBeGreaterThan(300);
  });

  it('rolls forward more from each later bucket: 10-30% of 1-30, then 40-70% onwards', async () => {
    // The collection buckets up to 180 days: past that a term loan is in workout, where it can only
    // roll on (workout.test.ts), and its many months would swamp the 91-180 bucket's cures.
    const rows = await ws.all<{ bucket: number; roll: number; cure: number }>(`${WITH_PREVIOUS}
      SELECT least(ceil(prev_dpd / 30), 4) AS bucket,
             avg((days_past_due > prev_dpd)::INTEGER) AS roll, avg((days_past_due = 0)::INTEGER) AS cure
      FROM p WHERE prev_dpd BETWEEN 1 AND 180 GROUP BY 1 ORDER BY 1`);
    const [b1, b2, b3, b4] = rows;
    expect(b1.roll).toBeGreaterThan(0.1);
    expect(b1.roll).toBeLessThan(0.3);
    expect(b2.roll).toBeGreaterThan(0.4);
    expect(b2.roll).toBeLessThan(0.7);
    expect(b3.roll).toBeGreaterThan(b2.roll);
    expect(b4.roll).toBeGreaterThan(b3.roll);
    // Some loans cure from every bucket.
    for (const b of rows) expect(b.cure).toBeGreaterThan(0.02);
  });

  it('charges off past 180 days and drops the loan; the restructured flag never resets', async () => {
    const r = await one<{ charged: number; early: number; after: number; restructured: number; reset: number }>(`${WITH_PREVIOUS}
      , last AS (SELECT loan_id, max(snapshot_date) AS last FROM loan_performance GROUP BY loan_id)
      SELECT count(*) FILTER (WHERE charged_off) AS charged,
             count(*) FILTER (WHERE charged_off AND days_past_due <= 180) AS early,
             count(*) FILTER (WHERE charged_off AND snapshot_date < last.last) AS after,
             count(DISTINCT loan_id) FILTER (WHERE restructured) AS restructured,
             count(*) FILTER (WHERE prev_restructured AND NOT restructured) AS reset
      FROM p JOIN last USING (loan_id)`);
    expect(r.charged).toBeGreaterThan(100);
    expect(r).toMatchObject({ early: 0, after: 0, reset: 0 });
    expect(r.restructured).toBeGreaterThan(10);
    expect(r.restructured).toBeLessThan(400); // "a few"
  });

  it('amortises term loans while current and follows utilisation for cards', async () => {
    const r = await one<Record<string, number>>(`${WITH_PREVIOUS}
      SELECT count(*) FILTER (WHERE product <> 'credit_card' AND days_past_due = 0 AND prev_dpd = 0 AND prev_restructured = restructured
                              AND NOT balance < prev_balance AND prev_balance > 0) AS not_amortising,
             count(*) FILTER (WHERE product <> 'credit_card' AND days_past_due = 0 AND prev_dpd = 0 AND prev_balance > 0) AS current_months,
             count(*) FILTER (WHERE product = 'credit_card' AND abs(utilisation - balance / credit_limit) > 0.0001) AS bad_util,
             count(*) FILTER (WHERE (product = 'credit_card') <> (credit_limit IS NOT NULL)) AS bad_limit,
             count(DISTINCT round(utilisation, 2)) FILTER (WHERE product = 'credit_card') AS util_levels
      FROM p`);
    expect(r.current_months).toBeGreaterThan(100_000);
    expect(r.not_amortising).toBe(0);
    expect(r).toMatchObject({ bad_util: 0, bad_limit: 0 });
    expect(r.util_levels).toBeGreaterThan(50);
  });

  it('pays the schedule when current, less or nothing when rolling, so paid amounts decline three months running', async () => {
    const r = await one<Record<string, number>>(`${WITH_PREVIOUS}
      , d AS (SELECT *, lag(paid_amount, 1) OVER w AS a1, lag(paid_amount, 2) OVER w AS a2, lag(paid_amount, 3) OVER w AS a3
              FROM p WINDOW w AS (PARTITION BY loan_id ORDER BY snapshot_date))
      SELECT count(*) FILTER (WHERE product <> 'credit_card' AND days_past_due = 0 AND prev_dpd = 0 AND balance > 0
                              AND restructured = prev_restructured AND abs(paid_amount - scheduled_amount) > 0.005) AS current_off_schedule,
             count(*) FILTER (WHERE days_past_due > prev_dpd AND paid_amount >= scheduled_amount AND scheduled_amount > 0) AS rolled_but_paid,
             count(DISTINCT loan_id) FILTER (WHERE product <> 'credit_card' AND paid_amount < a1 AND a1 < a2 AND a2 < a3) AS three_declines,
             count(DISTINCT loan_id) FILTER (WHERE product <> 'credit_card' AND paid_amount < a1 AND a1 < a2 AND a2 < a3 AND days_past_due > 60) AS declines_into_arrears
      FROM d`);
    expect(r.current_off_schedule).toBe(0);
    expect(r.rolled_but_paid).toBe(0);
    expect(r.three_declines).toBeGreaterThan(100);
    expect(r.declines_into_arrears / r.three_declines).toBeGreaterThan(0.8);
  });

  it('moves floating rates and instalments with the benchmark; fixed loans keep theirs', async () => {
    const r = await one<Record<string, number>>(`
      SELECT count(*) FILTER (WHERE l.rate_type = 'floating' AND abs(p.current_rate - m.benchmark_rate - l.margin) > 1e-6) AS bad_floating,
             count(*) FILTER (WHERE l.rate_type = 'fixed' AND abs(p.current_rate - l.rate) > 1e-6) AS bad_fixed,
             avg(p.scheduled_amount / l.instalment) FILTER (WHERE l.rate_type = 'floating' AND NOT p.restructured AND p.months_on_book BETWEEN 1 AND l.term_months
                                                             AND l.origination_month < DATE '2024-11-01' AND p.snapshot_date = DATE '2025-10-31') AS before_rise,
             avg(p.scheduled_amount / l.instalment) FILTER (WHERE l.rate_type = 'floating' AND NOT p.restructured AND p.months_on_book BETWEEN 1 AND l.term_months
                                                             AND l.origination_month < DATE '2024-11-01' AND p.snapshot_date = DATE '2026-01-31') AS after_rise
      FROM loan_performance p JOIN loans l USING (loan_id) JOIN macro m USING (snapshot_date)`);
    expect(r).toMatchObject({ bad_floating: 0, bad_fixed: 0 });
    // Payment shock: 75 bp more on the benchmark is several percent more to pay each month.
    expect(r.after_rise / r.before_rise).toBeGreaterThan(1.03);
  });
});
