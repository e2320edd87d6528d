/**
 * Monitoring benchmark: a 1M-loan × 24-month synthetic panel (24M rows) built directly in DuckDB,
 * then classification, one migration matrix and roll rates through Vigil's handlers versus the
 * minimum hand-written DuckDB SQL that produces the same numbers, on the same rows in the same run.
 * Prints each ratio (target ≤ 1.5). Each side runs twice; the faster run counts (the machine is shared).
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { JobContext } from '../../src/api/jobs';
import { monitoringHandlers } from '../../src/monitoring/handlers';
import { Workspace } from '../../src/workspace/workspace';
import { tempDir } from '../helpers/paths';

/** VIGIL_BENCH_LOANS shrinks the panel for a quick check of the bench itself. */
const LOANS = Number(process.env.VIGIL_BENCH_LOANS ?? 1_000_000);
const MONTHS = 24;

const ctx: JobContext = {
  jobId: 'bench',
  signal: new AbortController().signal,
  progress: () => undefined,
  throwIfCancelled: () => undefined,
};

/**
 * Hash-driven delinquency episodes: one loan in five has an episode starting at a hashed month and
 * lasting 1–12 months, its days past due growing 30 per month, then curing; one loan in seven
 * leaves the book (repaid) at a hashed month. Balances amortise 1% a month.
 */
const BUILD_PANEL = `
  CREATE TABLE bench_panel AS
  WITH loans AS (SELECT range AS loan_id, hash(range) AS h FROM range(${LOANS})),
  shape AS (
    SELECT loan_id, h,
           (h % 10) < 2 AS has_episode, CAST((h >> 8) % ${MONTHS} AS INTEGER) AS ep_start, CAST(1 + (h >> 16) % 12 AS INTEGER) AS ep_len,
           CASE WHEN h % 7 = 0 THEN CAST((h >> 24) % ${MONTHS} AS INTEGER) ELSE ${MONTHS} END AS exit_month,
           1000 + CAST((h >> 32) % 100000 AS DOUBLE) AS start_balance
      FROM loans)
  SELECT loan_id, CAST(last_day(DATE '2023-01-01' + to_months(CAST(m AS INTEGER))) AS DATE) AS snapshot_date,
         CASE WHEN has_episode AND m >= ep_start AND m < ep_start + ep_len THEN CAST(30 * (m - ep_start + 1) AS INTEGER) ELSE 0 END AS days_past_due,
         round(start_balance * pow(0.99, m), 2) AS balance
    FROM shape, range(${MONTHS}) t(m)
   WHERE m < exit_month
   ORDER BY snapshot_date, loan_id`;

const TIER_CASE = `CASE WHEN days_past_due <= 0 THEN 1 WHEN days_past_due <= 90 THEN 2 WHEN days_past_due <= 270 THEN 3 WHEN days_past_due <= 360 THEN 4 ELSE 5 END`;
const BUCKET_CASE = `CASE WHEN days_past_due <= 0 THEN 1 WHEN days_past_due <= 30 THEN 2 WHEN days_past_due <= 60 THEN 3 WHEN days_past_due <= 90 THEN 4 ELSE 5 END`;

const PLAIN_CLASSIFY = `SELECT snapshot_date, ${TIER_CASE} AS tier, count(*) AS n, sum(balance) AS bal FROM bench_panel GROUP BY ALL`;
const PLAIN_CLASSIFY_TABLE = `CREATE OR REPLACE TABLE plain_tiers AS SELECT loan_id, snapshot_date, days_past_due, balance, ${TIER_CASE} AS tier FROM bench_panel`;
const PLAIN_MIGRATION = `
  WITH a AS (SELECT loan_id, ${TIER_CASE} AS tier, balance FROM bench_panel WHERE snapshot_date = $1::DATE),
       b AS (SELECT loan_id, ${TIER_CASE} AS tier, balance FROM bench_panel WHERE snapshot_date = $2::DATE)
  SELECT coalesce(a.tier, 0) AS f, coalesce(b.tier, 0) AS t, count(*), sum(coalesce(a.balance, b.balance))
    FROM a FULL OUTER JOIN b ON a.loan_id = b.loan_id GROUP BY ALL`;
const PLAIN_ROLL = `
  WITH r AS (SELECT loan_id, snapshot_date, ${BUCKET_CASE} AS bucket, balance FROM bench_panel)
  SELECT a.snapshot_date, a.bucket, coalesce(b.bucket, 0) AS to_bucket, count(*), sum(a.balance)
    FROM r a LEFT JOIN r b ON b.loan_id = a.loan_id AND b.snapshot_date = last_day(a.snapshot_date + INTERVAL 1 MONTH)
   WHERE a.snapshot_date < (SELECT max(snapshot_date) FROM bench_panel)
   GROUP BY ALL`;

async function best(fn: () => Promise<unknown>): Promise<number> {
  let min = Infinity;
  for (let i = 0; i < 2; i++) {
    const t0 = performance.now();
    await fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

function report(name: string, vigilMs: number, plainMs: number): void {
  const ratio = vigilMs / plainMs;
  const verdict = ratio <= 1.5 ? 'ok' : 'OVER TARGET';
  console.log(`  ${name.padEnd(42)} vigil ${(vigilMs / 1000).toFixed(2).padStart(6)} s   plain ${(plainMs / 1000).toFixed(2).padStart(6)} s   ratio ${ratio.toFixed(2)}  ${verdict}`);
}

export default async function monitoringBench(): Promise<void> {
  const { dir, cleanup } = tempDir('vigil-bench-monitoring-');
  const ws = await Workspace.open(join(dir, 'bench.duckdb'));
  try {
    console.log(`monitoring: building a ${LOANS.toLocaleString('en')}-loan × ${MONTHS}-month panel in DuckDB…`);
    const t0 = performance.now();
    await ws.run(BUILD_PANEL);
    const [{ rows }] = await ws.all<{ rows: number }>(`SELECT count(*) AS rows FROM bench_panel`);
    console.log(`  panel: ${rows.toLocaleString('en')} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const api = monitoringHandlers(ws);
    await api['monitoring.saveMapping'](
      { mapping: { panel: 'bench', table: 'bench_panel', columns: { loanId: 'loan_id', snapshotDate: 'snapshot_date', daysPastDue: 'days_past_due', balance: 'balance' } } },
      ctx,
    );
    const snaps = (await ws.all<{ d: string }>(`SELECT DISTINCT snapshot_date AS d FROM bench_panel ORDER BY 1`)).map((x) => x.d);
    const [from, to] = snaps.slice(-2);

    // Same numbers on both sides, checked once before timing.
    const vigilTiers = await api['monitoring.classify']({ panel: 'bench' }, ctx);
    const plain = await ws.all<{ snapshot_date: string; tier: number; n: number }>(PLAIN_CLASSIFY);
    const mismatch = plain.filter((p) => vigilTiers.snapshots.find((s) => s.snapshot === p.snapshot_date)?.tiers[p.tier - 1].count !== p.n);
    if (mismatch.length > 0) throw new Error(`classification differs from plain SQL in ${mismatch.length} cells`);

    console.log('  (each side: best of two runs)');
    report('classification (materialise + summary)', await best(() => api['monitoring.classify']({ panel: 'bench' }, ctx)), await best(() => ws.all(PLAIN_CLASSIFY)));
    report(
      '  …same, plain side also writes its table',
      await best(() => api['monitoring.classify']({ panel: 'bench' }, ctx)),
      await best(async () => {
        await ws.run(PLAIN_CLASSIFY_TABLE);
        await ws.all(`SELECT snapshot_date, tier, count(*), sum(balance) FROM plain_tiers GROUP BY ALL`);
      }),
    );
    report(`migration matrix ${from} → ${to}`, await best(() => api['monitoring.migration']({ panel: 'bench', from, to }, ctx)), await best(() => ws.all(PLAIN_MIGRATION, [from, to])));
    report('roll rates, all 23 month pairs', await best(() => api['monitoring.rollRates']({ panel: 'bench' }, ctx)), await best(() => ws.all(PLAIN_ROLL)));
  } finally {
    await ws.close();
    cleanup();
  }
}
