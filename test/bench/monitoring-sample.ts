/**
 * Monitoring benchmark on the sample portfolio itself (1M loans × 24 months by default): the panel
 * an analyst actually gets, joined to its loans table for the product, classified as a mixed book
 * (cards under the card limits) with the restructured override — the engine's full path — against
 * the plain DuckDB SQL that gives the same numbers, in the same run. Results are compared cell by
 * cell before anything is timed. VIGIL_BENCH_SAMPLE_LOANS shrinks it for a quick check.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { monitoringHandlers } from '../../src/monitoring/handlers';
import { generatePortfolio } from '../../src/sample/generate';
import { Workspace } from '../../src/workspace/workspace';
import { tempDir } from '../helpers/paths';
import { assertSameCells, BENCH_CTX, bestPair, cellsOf, classifyCells, migrationCells, plainClassifyCells, plainRollSql, report, rollCells, type Row } from './compare';

const LOANS = Number(process.env.VIGIL_BENCH_SAMPLE_LOANS ?? 1_000_000);
const MONTHS = 24;

const ctx = BENCH_CTX;

// retail_2023_cards_2011 written out by hand: cards 0 / 1–90 / 91–120 / 121–180 / 180+, everything else
// 0 / 1–90 / 91–270 / 271–360 / 360+; restructured at least substandard; special mention graded by 30/60 days.
const BY_DAYS = (ss: number, d: number) =>
  `CASE WHEN p.days_past_due <= 0 THEN 1 WHEN p.days_past_due <= 90 THEN 2 WHEN p.days_past_due <= ${ss} THEN 3 WHEN p.days_past_due <= ${d} THEN 4 ELSE 5 END`;
const TIER_CASE = `greatest(CASE WHEN l.product IN ('credit_card', 'card', '信用卡') THEN ${BY_DAYS(120, 180)} ELSE ${BY_DAYS(270, 360)} END,
                            CASE WHEN coalesce(p.restructured, false) THEN 3 ELSE 1 END)`;
const GRADE_CASE = `CASE WHEN tier = 2 THEN CASE WHEN days_past_due <= 30 THEN '关注一' WHEN days_past_due <= 60 THEN '关注二' ELSE '关注三' END END`;
const PANEL = `loan_performance p JOIN loans l ON p.loan_id = l.loan_id`;

const PLAIN_CLASSIFY = `
  SELECT snapshot_date, tier, ${GRADE_CASE} AS grade, count(*) AS n, sum(balance) AS bal
    FROM (SELECT p.snapshot_date, p.days_past_due, p.balance, ${TIER_CASE} AS tier FROM ${PANEL}) GROUP BY ALL`;
const PLAIN_MIGRATION = `
  WITH a AS (SELECT p.loan_id, ${TIER_CASE} AS tier, p.balance FROM ${PANEL} WHERE p.snapshot_date = $1::DATE),
       b AS (SELECT p.loan_id, ${TIER_CASE} AS tier, p.balance FROM ${PANEL} WHERE p.snapshot_date = $2::DATE)
  SELECT coalesce(a.tier, 0) AS f, coalesce(b.tier, 0) AS t, count(*) AS n, sum(coalesce(a.balance, b.balance)) AS bal
    FROM a FULL OUTER JOIN b ON a.loan_id = b.loan_id GROUP BY ALL`;
const PLAIN_ROLL = plainRollSql('loan_performance');

export default async function monitoringSampleBench(): Promise<void> {
  const { dir, cleanup } = tempDir('vigil-bench-monitoring-sample-');
  const ws = await Workspace.open(join(dir, 'bench.duckdb'));
  try {
    console.log(`monitoring on the sample portfolio: generating ${LOANS.toLocaleString('en')} loans × ${MONTHS} months…`);
    const t0 = performance.now();
    await generatePortfolio(ws, { loans: LOANS, months: MONTHS }, ctx);
    const [{ rows }] = await ws.all<{ rows: number }>(`SELECT count(*) AS rows FROM loan_performance`);
    console.log(`  panel: ${rows.toLocaleString('en')} rows (with the loans table for the product) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const api = monitoringHandlers(ws);
    const panel = 'loan_performance';
    const [info] = (await api['monitoring.panels']({}, ctx)).filter((p) => p.mapping.panel === panel);
    const [from, to] = info.snapshots.slice(-2);
    const classify = () => api['monitoring.classify']({ panel }, ctx);
    const migration = () => api['monitoring.migration']({ panel, from, to }, ctx);
    const roll = () => api['monitoring.rollRates']({ panel }, ctx);

    const classified = await classify();
    if (classified.ruleSet !== 'retail_2023_cards_2011') throw new Error(`expected the sample's mixed-book rule set, got ${classified.ruleSet}`);
    assertSameCells('classification', plainClassifyCells(await ws.all<Row>(PLAIN_CLASSIFY)), classifyCells(classified));
    assertSameCells('migration', cellsOf(await ws.all<Row>(PLAIN_MIGRATION, [from, to]), (r) => `${String(r.f)}|${String(r.t)}`), migrationCells(await migration()));
    assertSameCells('roll rates', cellsOf(await ws.all<Row>(PLAIN_ROLL), (r) => `${String(r.snapshot_date)}|${String(r.bucket)}|${String(r.to_bucket)}`), rollCells(await roll()));
    const loss = classified.snapshots[classified.snapshots.length - 1].tiers.map((t) => `${t.tier} ${t.count.toLocaleString('en')}`).join(', ');
    console.log(`  results identical on both sides (last snapshot: ${loss}); timing (best of 3 alternating runs each, 9 for sub-second queries)`);

    report('classification (mixed book, overrides)', ...(await bestPair(classify, () => ws.all(PLAIN_CLASSIFY))));
    report(`migration matrix ${from} → ${to}`, ...(await bestPair(migration, () => ws.all(PLAIN_MIGRATION, [from, to]))));
    report(`roll rates, all ${info.snapshots.length - 1} month pairs`, ...(await bestPair(roll, () => ws.all(PLAIN_ROLL))));
  } finally {
    await ws.close();
    cleanup();
  }
}
