import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DEFAULT_SEED } from '../../../src/sample/calibration';
import { generatePortfolio } from '../../../src/sample/generate';
import { Workspace } from '../../../src/workspace/workspace';
import { tempDir } from '../../helpers/paths';
import { testContext } from '../../helpers/job-context';

// The true effects built into the sample (borrower risk, the downturn, the payment shock, the
// collection arms) must show in the data, so that models, vintages, stress tests and experiments
// find something real. One portfolio of 20,000 loans x 24 months, default seed.
// The default seed; VIGIL_SAMPLE_SEED=<n> re-runs the same claims on another portfolio.
const SEED = Number(process.env.VIGIL_SAMPLE_SEED ?? DEFAULT_SEED);
const tmp = tempDir('vigil-sample-signals-');
let ws: Workspace;

beforeAll(async () => {
  ws = await Workspace.open(join(tmp.dir, 'signals.duckdb'));
  await generatePortfolio(ws, { loans: 20_000, seed: SEED }, testContext().ctx);
});
afterAll(async () => {
  await ws.close();
  tmp.cleanup();
});

const one = async <T>(sql: string): Promise<T> => (await ws.all<T>(sql))[0];

describe('modelling base', () => {
  it('has one row per loan on book at its observation date, with the 12-month default read from the panel', async () => {
    const r = await one<Record<string, number>>(`
      WITH o AS (SELECT o.*, l.origination_month FROM loan_outcomes o JOIN loans l USING (loan_id))
      SELECT count(*) AS n, count(DISTINCT loan_id) AS loans,
             count(*) FILTER (WHERE observation_date <> greatest(DATE '2025-10-31', last_day(origination_month))) AS bad_date,
             count(*) FILTER (WHERE default_12m <> (EXISTS (
                SELECT 1 FROM loan_performance p WHERE p.loan_id = o.loan_id AND p.snapshot_date > o.observation_date
                  AND p.snapshot_date <= last_day(o.observation_date + INTERVAL 12 MONTH) AND (p.days_past_due > 90 OR p.charged_off)))::INTEGER) AS bad_flag,
             count(*) FILTER (WHERE (dpd_at_observation, balance_at_observation) IS DISTINCT FROM (
                SELECT (p.days_past_due, p.balance) FROM loan_performance p WHERE p.loan_id = o.loan_id AND p.snapshot_date = o.observation_date)) AS bad_observation,
             avg(default_12m) AS default_rate
      FROM o`);
    expect(r.n).toBe(r.loans);
    expect(r.n).toBeGreaterThan(15_000);
    expect(r).toMatchObject({ bad_date: 0, bad_flag: 0, bad_observation: 0 });
    expect(r.default_rate).toBeGreaterThan(0.01);
    expect(r.default_rate).toBeLessThan(0.08);
  });

  it('gives models real signal: the worst bureau-score quintile defaults several times more than the best', async () => {
    const rows = await ws.all<{ q: number; rate: number }>(`
      SELECT q, avg(default_12m) AS rate
      FROM (SELECT o.default_12m, ntile(5) OVER (ORDER BY l.bureau_score) AS q FROM loan_outcomes o JOIN loans l USING (loan_id))
      GROUP BY q ORDER BY q`);
    expect(rows).toHaveLength(5);
    expect(rows[0].rate).toBeGreaterThan(5 * rows[4].rate);
    // ... and rises quintile by quintile.
    rows.slice(1).forEach((r, i) => expect(r.rate).toBeLessThan(rows[i].rate));
  });

  it('ranks borrowers: the bureau score alone has an AUC well above 0.5, and DTI adds risk', async () => {
    // AUC as the Mann-Whitney statistic: mean rank of defaulters among all, rescaled.
    const r = await one<{ auc: number; dti_top: number; dti_bottom: number }>(`
      WITH ranked AS (SELECT o.default_12m AS y, rank() OVER (ORDER BY -l.bureau_score) AS r, l.dti
                      FROM loan_outcomes o JOIN loans l USING (loan_id)),
           n AS (SELECT sum(y) AS n1, count(*) - sum(y) AS n0 FROM ranked)
      SELECT (sum(r) FILTER (WHERE y = 1) - n1 * (n1 + 1) / 2) / (n1 * n0) AS auc,
             (SELECT avg(y) FROM (SELECT y, ntile(5) OVER (ORDER BY dti) AS q FROM ranked) WHERE q = 5) AS dti_top,
             (SELECT avg(y) FROM (SELECT y, ntile(5) OVER (ORDER BY dti) AS q FROM ranked) WHERE q = 1) AS dti_bottom
      FROM ranked, n GROUP BY n1, n0`);
    expect(r.auc).toBeGreaterThan(0.75);
    expect(r.auc).toBeLessThan(0.97);
    expect(r.dti_top).toBeGreaterThan(1.5 * r.dti_bottom);
  });
});

describe('time effects', () => {
  it('vintages written in the downturn go bad sooner than those written before it', async () => {
    const rows = await ws.all<{ vintage: string; loans: number; bad6: number }>(`
      WITH v AS (
        SELECT l.loan_id, l.origination_month, max((p.days_past_due > 30)::INTEGER) AS bad
        FROM loans l JOIN loan_performance p USING (loan_id)
        WHERE l.origination_month >= DATE '2024-11-01' AND p.months_on_book <= 6 GROUP BY ALL)
      SELECT CASE WHEN origination_month < DATE '2025-02-01' THEN 'before' ELSE 'downturn' END AS vintage,
             count(*) AS loans, avg(bad) AS bad6
      FROM v WHERE origination_month < DATE '2025-02-01' OR origination_month BETWEEN DATE '2025-04-01' AND DATE '2025-09-01'
      GROUP BY 1 ORDER BY 1`);
    const [before, downturn] = rows;
    expect(before.vintage).toBe('before');
    expect(before.loans).toBeGreaterThan(700);
    expect(downturn.bad6).toBeGreaterThan(1.8 * before.bad6);
  });

  it('new delinquencies climb through the downturn', async () => {
    const r = await one<{ calm: number; trough: number }>(`
      WITH p AS (SELECT days_past_due, lag(days_past_due) OVER (PARTITION BY loan_id ORDER BY snapshot_date) AS prev,
                        date_diff('month', DATE '2024-11-30', snapshot_date) AS t FROM loan_performance)
      SELECT avg((days_past_due > 0)::INTEGER) FILTER (WHERE t BETWEEN 1 AND 3) AS calm,
             avg((days_past_due > 0)::INTEGER) FILTER (WHERE t BETWEEN 7 AND 10) AS trough
      FROM p WHERE prev = 0`);
    expect(r.trough).toBeGreaterThan(1.3 * r.calm);
  });

  it('the benchmark rise hurts floating-rate borrowers with high DTI, not fixed-rate ones', async () => {
    // Monthly rate of falling behind (current -> 1+ DPD) before the rise (Dec 2024 - Oct 2025) and
    // after it (Jan - Oct 2026), by DTI band; loans whose term covers the window, so maturities
    // do not change the mix. The ratio of the two bands' changes isolates the payment shock.
    const rows = await ws.all<{ rate_type: string; band: string; period: string; rate: number; n: number }>(`
      WITH p AS (
        SELECT l.rate_type, CASE WHEN l.dti >= 0.6 THEN 'high' ELSE 'low' END AS band,
               CASE WHEN p.snapshot_date <= DATE '2025-10-31' THEN 'before' ELSE 'after' END AS period,
               p.days_past_due, lag(p.days_past_due) OVER (PARTITION BY p.loan_id ORDER BY p.snapshot_date) AS prev,
               p.snapshot_date
        FROM loan_performance p JOIN loans l USING (loan_id)
        WHERE (l.term_months IS NULL OR l.origination_month + to_months(l.term_months) > DATE '2026-10-31')
          AND (l.dti >= 0.6 OR l.dti < 0.35))
      SELECT rate_type, band, period, avg((days_past_due > 0)::INTEGER) AS rate, count(*) AS n
      FROM p WHERE prev = 0 AND (snapshot_date <= DATE '2025-10-31' OR snapshot_date >= DATE '2026-01-31')
      GROUP BY ALL`);
    const rate = (type: string, band: string, period: string) =>
      rows.find((r) => r.rate_type === type && r.band === band && r.period === period)?.rate ?? NaN;
    const shock = (type: string) =>
      rate(type, 'high', 'after') / rate(type, 'high', 'before') / (rate(type, 'low', 'after') / rate(type, 'low', 'before'));
    expect(rate('floating', 'high', 'after')).toBeGreaterThan(1.5 * rate('floating', 'high', 'before'));
    expect(shock('floating')).toBeGreaterThan(1.6);
    expect(shock('floating')).toBeGreaterThan(shock('fixed') + 0.5);
  });
});

describe('collection experiment', () => {
  it('assigns arms at random but balanced within every sizeable stratum', async () => {
    const rows = await ws.all<{ stratum: string; arm: string; share: number; n: number }>(`
      SELECT stratum, arm, count(*) / sum(count(*)) OVER (PARTITION BY stratum) AS share, sum(count(*)) OVER (PARTITION BY stratum) AS n
      FROM collection_actions GROUP BY stratum, arm`);
    const sizeable = rows.filter((r) => r.n >= 40);
    expect(new Set(sizeable.map((r) => r.stratum)).size).toBeGreaterThanOrEqual(4);
    for (const r of sizeable) {
      expect(r.share, `${r.stratum} ${r.arm}`).toBeGreaterThanOrEqual(0.2);
      expect(r.share, `${r.stratum} ${r.arm}`).toBeLessThanOrEqual(0.3);
    }
  });

  it('shows the true arm effects: field visits and calls cure more than SMS; legal letters cost most', async () => {
    const rows = await ws.all<{ arm: string; n: number; cure: number; recovery: number; cost: number }>(`
      SELECT arm, count(*) AS n, avg(cured::INTEGER) AS cure, sum(amount_recovered) / sum(amount_due) AS recovery, avg(cost) AS cost
      FROM collection_actions GROUP BY arm`);
    const by = Object.fromEntries(rows.map((r) => [r.arm, r]));
    const total = rows.reduce((s, r) => s + r.n, 0);
    expect(total).toBeGreaterThan(3_000);
    const sms = by.sms;
    const field = by.field_visit;
    // Difference of proportions, in standard errors: a clear margin, not noise.
    const se = Math.sqrt((sms.cure * (1 - sms.cure)) / sms.n + (field.cure * (1 - field.cure)) / field.n);
    expect(field.cure - sms.cure).toBeGreaterThan(0.07);
    expect((field.cure - sms.cure) / se).toBeGreaterThan(4);
    expect(by.phone.cure).toBeGreaterThan(sms.cure);
    expect(field.recovery).toBeGreaterThan(sms.recovery);
    expect(by.legal_letter.cost).toBeGreaterThan(field.cost);
    expect(field.cost).toBeGreaterThan(by.phone.cost);
    expect(by.phone.cost).toBeGreaterThan(sms.cost);
  });

  it('agrees with the monthly panel: bucket at opening, cures and recoveries', async () => {
    const r = await one<Record<string, number>>(`
      SELECT count(*) AS n,
             count(*) FILTER (WHERE c.stratum <> c.product || '|' || c.dpd_bucket) AS bad_stratum,
             count(*) FILTER (WHERE c.dpd_bucket <> CASE WHEN p.days_past_due <= 30 THEN '1-30' WHEN p.days_past_due <= 60 THEN '31-60'
                                                         WHEN p.days_past_due <= 90 THEN '61-90' ELSE '90+' END OR p.days_past_due = 0) AS bad_bucket,
             count(*) FILTER (WHERE c.amount_recovered > c.amount_due + 0.005 OR c.amount_recovered < 0) AS bad_recovery,
             count(*) FILTER (WHERE c.cured <> (c.days_to_cure IS NOT NULL) OR c.days_to_cure NOT BETWEEN 1 AND 63) AS bad_days,
             count(*) FILTER (WHERE c.cured AND NOT EXISTS (
                SELECT 1 FROM loan_performance q WHERE q.loan_id = c.loan_id AND q.days_past_due = 0 AND NOT q.charged_off
                  AND q.snapshot_date > c.snapshot_date AND q.snapshot_date <= last_day(c.snapshot_date + INTERVAL 2 MONTH))) AS cured_not_in_panel
      FROM collection_actions c JOIN loan_performance p ON p.loan_id = c.loan_id AND p.snapshot_date = c.snapshot_date`);
    expect(r.n).toBe((await one<{ n: number }>(`SELECT count(*) AS n FROM collection_actions`)).n);
    expect(r).toMatchObject({ bad_stratum: 0, bad_bucket: 0, bad_recovery: 0, bad_days: 0, cured_not_in_panel: 0 });
  });
});
