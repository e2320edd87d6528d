/**
 * Models benchmark, one run, side by side with the references where Debian's python3-statsmodels /
 * python3-sklearn are installed (the bench installs nothing: `apt-get install python3-sklearn python3-statsmodels`):
 *  (a) logistic fit on the UCI training split (21,000 × 23), Vigil's Newton/IRLS vs statsmodels Logit
 *      (Newton), fit only, best of 5 on each side;
 *  (b) the forest bench (test/bench/models-forest.ts): 100 trees vs scikit-learn RandomForestClassifier;
 *  (c) scoring 1,000,000 rows (UCI rows resampled with noise, built in DuckDB) through models.score with
 *      the logistic and a 100-tree forest, printing rows/s; the forest twice in the same run, on the warm
 *      worker pool (one worker per core, the default) and in the calling thread (0 workers), with a check
 *      that both wrote the same scores.
 * VIGIL_BENCH_SCORE_ROWS shrinks (c) for a quick check of the bench itself.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { JobContext } from '../../src/api/jobs';
import type { ModelHandlers } from '../../src/api/models';
import { LogisticRegression } from '../../models/logistic';
import { featureSpecs, describeTable, streamDataset } from '../../src/modeling/frame';
import { modelHandlers } from '../../src/modeling/handlers';
import { scoreTable, type ScoreTuning } from '../../src/modeling/score';
import { Workspace } from '../../src/workspace/workspace';
import { loadUciSplit } from '../fixtures/models/forest-uci';
import { REPO_ROOT, tempDir, UCI_CSV } from '../helpers/paths';
import benchForest from './models-forest';

const PYTHON = '/usr/bin/python3';
const LOGIT_SCRIPT = join(REPO_ROOT, 'test/fixtures/scripts/logit_bench_statsmodels.py');
const FIT_REPEATS = 5;
const SCORE_ROWS = Number(process.env.VIGIL_BENCH_SCORE_ROWS ?? 1_000_000);

const ctx: JobContext = { jobId: 'bench', signal: new AbortController().signal, progress: () => undefined, throwIfCancelled: () => undefined };
const fmt = (x: number, d = 3): string => x.toFixed(d);

export async function benchLogisticFit(): Promise<void> {
  console.log('\n== models: logistic regression fit, UCI train split (21,000 x 23 + intercept) ==');
  const uci = loadUciSplit();
  let best = { seconds: Infinity, cpuSeconds: 0, iterations: 0, logLikelihood: 0 };
  for (let r = 0; r < FIT_REPEATS; r++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const model = new LogisticRegression().fit(uci.train, uci.yTrain);
    const seconds = (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpu);
    if (seconds < best.seconds) {
      best = { seconds, cpuSeconds: (used.user + used.system) / 1e6, iterations: model.summary.iterations, logLikelihood: model.summary.logLikelihood };
    }
  }
  console.log(`  vigil: fit ${fmt(best.seconds)} s wall, ${fmt(best.cpuSeconds)} s CPU, ${best.iterations} Newton steps, LL ${fmt(best.logLikelihood, 4)} (best of ${FIT_REPEATS})`);
  const r = spawnSync(PYTHON, [LOGIT_SCRIPT, UCI_CSV, uci.reference.features.join(','), uci.reference.target, String(FIT_REPEATS)], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    console.log(`  statsmodels comparison skipped: ${r.error?.message ?? (r.stderr.trim().split('\n').at(-1) ?? '')}`);
    console.log('  To compare, install it for the system Python: apt-get install python3-sklearn python3-statsmodels');
    return;
  }
  const sm = JSON.parse(r.stdout) as { statsmodels: string; fit_seconds: number; cpu_seconds: number; iterations: number; log_likelihood: number };
  console.log(`  statsmodels ${sm.statsmodels}: fit ${fmt(sm.fit_seconds)} s wall, ${fmt(sm.cpu_seconds)} s CPU, ${sm.iterations} Newton steps, LL ${fmt(sm.log_likelihood, 4)}`);
  console.log(`  vigil/statsmodels wall ${fmt(best.seconds / sm.fit_seconds, 2)}, CPU ${fmt(best.cpuSeconds / sm.cpu_seconds, 2)}; |ΔLL| ${Math.abs(best.logLikelihood - sm.log_likelihood).toExponential(1)}`);
}

/** SCORE_ROWS accounts drawn from the UCI rows by hash, amounts jittered ±5%: realistic values, nothing repeated exactly. */
async function buildScoringTable(ws: Workspace): Promise<void> {
  const cols = (await ws.all<{ column_name: string }>('SELECT column_name FROM (DESCRIBE uci)')).map((r) => r.column_name);
  const amounts = /^(LIMIT_BAL|BILL_AMT\d|PAY_AMT\d)$/;
  const select = cols
    .map((c) =>
      c === 'ID'
        ? 'r.range + 1 AS "ID"'
        : amounts.test(c)
          ? `round(u."${c}" * (0.95 + 0.1 * (hash(r.range, '${c}') % 10000) / 10000.0)) AS "${c}"`
          : `u."${c}"`,
    )
    .join(', ');
  await ws.run(
    `CREATE TABLE month_extract AS SELECT ${select} FROM range($1::BIGINT) r JOIN uci u ON u."ID" = 1 + CAST(hash(r.range) % 30000 AS BIGINT) ORDER BY r.range`,
    [SCORE_ROWS],
  );
}

/** The floor under any scorer: reading the features of every row into typed arrays. */
async function readFloorSeconds(ws: Workspace, features: string[]): Promise<number> {
  const start = performance.now();
  await ws.withConnection(async (c) => {
    const specs = await featureSpecs(c, await describeTable(c, 'month_extract'), features);
    await streamDataset(c, 'month_extract', specs, 65536, () => undefined);
  });
  return (performance.now() - start) / 1000;
}

export async function benchScoring(): Promise<void> {
  console.log(`\n== models: scoring ${SCORE_ROWS.toLocaleString('en')} rows through models.score (PD, score, grade, 3 reason codes) ==`);
  const tmp = tempDir('vigil-bench-models-');
  const ws = await Workspace.open(join(tmp.dir, 'bench.duckdb'));
  try {
    const api: ModelHandlers = modelHandlers(ws);
    await ws.run('CREATE TABLE uci AS SELECT * FROM read_csv($1)', [UCI_CSV]);
    const validation = { kind: 'where' as const, testWhere: 'ID % 10 >= 7' };
    const target = 'default_next_month';
    let t = performance.now();
    const logistic = await api['models.train']({ table: 'uci', target, model: 'logistic', validation }, ctx);
    console.log(`  setup: logistic trained through models.train (read, fit, metrics, save) in ${fmt((performance.now() - t) / 1000, 2)} s, test AUC ${fmt(logistic.metrics.test?.auc ?? NaN, 4)}`);
    t = performance.now();
    const forest = await api['models.train']({ table: 'uci', target, model: 'forest', validation, forest: { trees: 100, permutationRepeats: 0 } }, ctx);
    console.log(`  setup: 100-tree forest trained through models.train in ${fmt((performance.now() - t) / 1000, 2)} s, test AUC ${fmt(forest.metrics.test?.auc ?? NaN, 4)}`);
    t = performance.now();
    await buildScoringTable(ws);
    console.log(`  setup: ${SCORE_ROWS.toLocaleString('en')}-row extract built in DuckDB in ${fmt((performance.now() - t) / 1000, 2)} s`);
    const floor = await readFloorSeconds(ws, logistic.model.features);
    console.log(`  reading the 23 features of every row into typed arrays alone: ${fmt(floor, 2)} s (${Math.round(SCORE_ROWS / floor).toLocaleString('en')} rows/s)`);

    // models.score is scoreTable with the default tuning (forest: one worker per core).
    const cores = availableParallelism();
    const runs: { label: string; id: string; output: string; tuning: ScoreTuning }[] = [
      { label: 'logistic', id: logistic.model.id, output: 'scores_logistic', tuning: {} },
      { label: `forest, pool of ${cores} workers`, id: forest.model.id, output: 'scores_forest_pool', tuning: {} },
      { label: 'forest, 0 workers (calling thread)', id: forest.model.id, output: 'scores_forest_thread', tuning: { workers: 0 } },
    ];
    console.log(`  cores (availableParallelism): ${cores}`);
    const seconds: number[] = [];
    for (const run of runs) {
      const start = performance.now();
      const r = await scoreTable(ws, { id: run.id, table: 'month_extract', output: run.output }, ctx, run.tuning);
      const s = (performance.now() - start) / 1000;
      seconds.push(s);
      console.log(
        `  ${run.label.padEnd(35)} ${fmt(s, 2).padStart(6)} s  ${Math.round(r.rows / s).toLocaleString('en').padStart(9)} rows/s  ` +
          `reasons for ${r.reasonRows.toLocaleString('en')} rows  mean PD ${fmt(r.meanPd, 4)}  PSI ${fmt(r.psi, 4)}  (score/read ${fmt(s / floor, 2)})`,
      );
    }
    const [differ] = await ws.all<{ n: number }>(
      `SELECT count(*) AS n FROM scores_forest_pool a POSITIONAL JOIN scores_forest_thread b
        WHERE a."ID" IS DISTINCT FROM b."ID" OR a.pd IS DISTINCT FROM b.pd OR a.reason_1 IS DISTINCT FROM b.reason_1
           OR a.reason_2 IS DISTINCT FROM b.reason_2 OR a.reason_3 IS DISTINCT FROM b.reason_3`,
    );
    console.log(`  forest pool/0-workers speed-up ${fmt(seconds[2] / seconds[1], 2)}x; rows scored differently: ${differ.n}`);
    console.log(`  forest (pool)/logistic scoring time ${fmt(seconds[1] / seconds[0], 2)}`);
  } finally {
    await ws.close();
    tmp.cleanup();
  }
}

export default async function benchModels(): Promise<void> {
  await benchLogisticFit();
  await benchForest();
  await benchScoring();
}
