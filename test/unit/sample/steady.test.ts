import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DEFAULT_SEED } from '../../../src/sample/calibration';
import { generatePortfolio } from '../../../src/sample/generate';
import { Workspace } from '../../../src/workspace/workspace';
import { tempDir } from '../../helpers/paths';
import { testContext } from '../../helpers/job-context';

// The window opens on a book that has been running for years: the first snapshot already holds the
// loans in late arrears and in workout, with their true days past due, instead of a stock that
// builds up over the first year (which an analyst would read as a deteriorating book). One
// portfolio of 20,000 loans x 36 months, default seed; VIGIL_SAMPLE_SEED=<n> re-runs the claims on
// another (measured on seeds 1, 2, 3, 42 and the default).
const SEED = Number(process.env.VIGIL_SAMPLE_SEED ?? DEFAULT_SEED);
const LOANS = 20_000;
const MONTHS = 36;
const FIRST_SNAPSHOT = '2023-11-30';
const FIRST_MONTH = '2023-11-01';
const tmp = tempDir('vigil-sample-steady-');
let ws: Workspace;

beforeAll(async () => {
  ws = await Workspace.open(join(tmp.dir, 'steady.duckdb'));
  await generatePortfolio(ws, { loans: LOANS, months: MONTHS, seed: SEED }, testContext().ctx);
});
afterAll(async () => {
  await ws.close();
  tmp.cleanup();
});

const one = async <T>(sql: string): Promise<T> => (await ws.all<T>(sql))[0];

/** Per snapshot (t = 0 at the first): loans on book, doubtful or loss (over 270 DPD), and outside normal. */
const BY_SNAPSHOT = `
  WITH s AS (
    SELECT date_diff('month', DATE '${FIRST_SNAPSHOT}', snapshot_date) AS t,
           count(*) AS on_book,
           count(*) FILTER (WHERE days_past_due > 270) AS doubtful_or_loss,
           -- The five-tier rules put every loan past due or restructured outside normal.
           count(*) FILTER (WHERE days_past_due > 0 OR restructured) AS outside_normal
    FROM loan_performance GROUP BY snapshot_date)`;

describe('the first snapshot of a 36-month sample', () => {
  it('holds the doubtful and loss stock already: at least half the last twelve months average', async () => {
    const r = await one<{ first: number; last_year: number }>(`${BY_SNAPSHOT}
      SELECT max(doubtful_or_loss) FILTER (WHERE t = 0) AS first,
             avg(doubtful_or_loss) FILTER (WHERE t >= ${MONTHS - 12}) AS last_year
      FROM s`);
    // Measured over five seeds: 0.5-0.8 of the last year's stock (swollen by the mid-window
    // downturn's workouts), against 0.1 when the stock had to build up inside the window.
    expect(r.first).toBeGreaterThan(50);
    expect(r.first).toBeGreaterThanOrEqual(0.5 * r.last_year);
  });

  it('does not build the stock up over the first months', async () => {
    const rows = await ws.all<{ t: number; doubtful_or_loss: number }>(`${BY_SNAPSHOT}
      SELECT t, doubtful_or_loss FROM s WHERE t <= 6 ORDER BY t`);
    expect(rows).toHaveLength(7);
    const later = Math.max(...rows.slice(1).map((r) => r.doubtful_or_loss));
    expect(rows[0].doubtful_or_loss).toBeGreaterThanOrEqual(0.8 * later);
  });

  it('puts about the same share of the book outside normal in the first six months as in the last six', async () => {
    const r = await one<{ first: number; last: number }>(`${BY_SNAPSHOT}
      SELECT sum(outside_normal) FILTER (WHERE t < 6) / sum(on_book) FILTER (WHERE t < 6) AS first,
             sum(outside_normal) FILTER (WHERE t >= ${MONTHS - 6}) / sum(on_book) FILTER (WHERE t >= ${MONTHS - 6}) AS last
      FROM s`);
    // Measured: ratios 0.94-1.14 across seeds (1.75 when the window opened on an empty stock).
    expect(Math.max(r.first / r.last, r.last / r.first)).toBeLessThan(1.3);
    expect(r.first).toBeGreaterThan(0.02);
  });

  it('shows mortgages years into workout with their true days past due, still rising 30 a month', async () => {
    const r = await one<{ over_two_years: number; max_dpd: number; bad_step: number }>(`
      WITH p AS (SELECT p.*, lead(days_past_due) OVER (PARTITION BY loan_id ORDER BY snapshot_date) AS next_dpd
                 FROM loan_performance p)
      SELECT count(*) FILTER (WHERE days_past_due > 720) AS over_two_years, max(days_past_due) AS max_dpd,
             count(*) FILTER (WHERE days_past_due > 180 AND next_dpd IS NOT NULL AND next_dpd <> days_past_due + 30) AS bad_step
      FROM p WHERE snapshot_date = DATE '${FIRST_SNAPSHOT}'`);
    expect(r.over_two_years).toBeGreaterThan(0);
    expect(r.max_dpd).toBeGreaterThan(900);
    expect(r.bad_step).toBe(0);
  });
});

describe('loans that left or matured before the window', () => {
  it('publishes exactly the loans asked for, each on book at some snapshot', async () => {
    const r = await one<{ loans: number; without_rows: number; cases_elsewhere: number; outcomes_elsewhere: number }>(`
      SELECT (SELECT count(*) FROM loans) AS loans,
             (SELECT count(*) FROM loans WHERE loan_id NOT IN (SELECT loan_id FROM loan_performance)) AS without_rows,
             (SELECT count(*) FROM collection_actions WHERE loan_id NOT IN (SELECT loan_id FROM loans)) AS cases_elsewhere,
             (SELECT count(*) FROM loan_outcomes WHERE loan_id NOT IN (SELECT loan_id FROM loans)) AS outcomes_elsewhere`);
    expect(r).toEqual({ loans: LOANS, without_rows: 0, cases_elsewhere: 0, outcomes_elsewhere: 0 });
  });

  it('keeps a loan past its maturity only while it is in arrears, restructured, or paying off', async () => {
    // Loans whose schedule ran out before the window: on book only because they were still in
    // arrears or in workout (or restructured onto a longer schedule); the rest paid off unseen.
    const r = await one<{ n: number; in_arrears: number; not_explained: number }>(`
      WITH matured AS (
        SELECT loan_id FROM loans
        WHERE term_months IS NOT NULL AND origination_month + to_months(term_months) < DATE '${FIRST_MONTH}'),
      first_rows AS (
        SELECT p.* FROM loan_performance p JOIN matured USING (loan_id)
        QUALIFY row_number() OVER (PARTITION BY loan_id ORDER BY snapshot_date) = 1)
      SELECT count(*) AS n, count(*) FILTER (WHERE days_past_due > 0) AS in_arrears,
             count(*) FILTER (WHERE days_past_due = 0 AND NOT restructured AND balance > 0) AS not_explained
      FROM first_rows`);
    expect(r.n).toBeGreaterThan(50);
    expect(r.in_arrears).toBeGreaterThan(0.6 * r.n);
    expect(r.not_explained).toBe(0);
  });

  it('opens collection cases only inside the window, some of them on loans already past 30 days', async () => {
    const r = await one<{ before: number; at_first: number; late_at_first: number }>(`
      SELECT count(*) FILTER (WHERE snapshot_date < DATE '${FIRST_SNAPSHOT}') AS before,
             count(*) FILTER (WHERE snapshot_date = DATE '${FIRST_SNAPSHOT}') AS at_first,
             count(*) FILTER (WHERE snapshot_date = DATE '${FIRST_SNAPSHOT}' AND dpd_bucket <> '1-30') AS late_at_first
      FROM collection_actions`);
    expect(r.before).toBe(0);
    expect(r.late_at_first).toBeGreaterThan(10);
    expect(r.at_first).toBeGreaterThan(r.late_at_first);
  });
});
