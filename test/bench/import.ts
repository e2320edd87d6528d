/**
 * Import speed: Vigil's `importFile` against DuckDB alone on the same 1,000,000 x 20 CSV.
 *
 * (a) plain DuckDB: `CREATE TABLE t AS SELECT * FROM read_csv(file)` on a fresh database file;
 * (b) Vigil: `importFile` on a fresh workspace file (sniff with ignore_errors, explicit dialect,
 *     staging table, validation, swap + catalog in one transaction, progress polling).
 * Each runs 3 times, alternating, and the medians are compared (target ratio <= 1.15).
 * Wall-clock seconds are the figure; process CPU seconds (DuckDB's threads included) are
 * printed beside them because they stay comparable when other jobs share the machine.
 * The skip-bad-rows path (DuckDB's store_rejects scan) is timed too, for information: Vigil
 * uses it only when asked to keep bad rows, or to explain a load that already failed.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { JobContext } from '../../src/api/jobs';
import { importFile } from '../../src/workspace/import/index';
import { Workspace } from '../../src/workspace/workspace';
import { tempDir } from '../helpers/paths';

const ROWS = 1_000_000;
const RUNS = 3;

function quietContext(): JobContext {
  const controller = new AbortController();
  return {
    jobId: 'bench-import',
    signal: controller.signal,
    progress: () => {},
    throwIfCancelled: () => {
      if (controller.signal.aborted) throw new Error('cancelled');
    },
  };
}

/** 20 columns: 5 each of integers, money amounts, branch-like strings and dates. */
async function writeCsv(path: string): Promise<void> {
  const cols: string[] = [];
  for (let j = 0; j < 20; j++) {
    const h = `hash(i, ${j})`;
    switch (j % 4) {
      case 0:
        cols.push(`(${h} % 1000000)::BIGINT AS loan_${j}`);
        break;
      case 1:
        cols.push(`round((${h} % 10000000) / 100.0, 2)::DOUBLE AS balance_${j}`);
        break;
      case 2:
        cols.push(`'branch_' || (${h} % 500)::VARCHAR AS branch_${j}`);
        break;
      default:
        cols.push(`DATE '2015-01-01' + (${h} % 3000)::INTEGER AS date_${j}`);
    }
  }
  const inst = await DuckDBInstance.create(':memory:');
  const c = await inst.connect();
  try {
    await c.run(`COPY (SELECT ${cols.join(', ')} FROM range(${ROWS}) t(i)) TO '${path.replaceAll("'", "''")}' (HEADER, DELIMITER ',')`);
  } finally {
    c.closeSync();
    inst.closeSync();
  }
}

interface Timing {
  wall: number;
  cpu: number;
}

async function timed(work: () => Promise<void>): Promise<Timing> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await work();
  const cpu = process.cpuUsage(cpu0);
  return { wall: (performance.now() - t0) / 1000, cpu: (cpu.user + cpu.system) / 1e6 };
}

async function plainDuckdb(csv: string, db: string): Promise<Timing> {
  const inst = await DuckDBInstance.create(db);
  const c = await inst.connect();
  try {
    return await timed(async () => {
      await c.run('CREATE TABLE t AS SELECT * FROM read_csv($1)', [csv]);
    });
  } finally {
    c.closeSync();
    inst.closeSync();
  }
}

async function vigil(csv: string, db: string, skipBadRows: boolean): Promise<Timing> {
  const ws = await Workspace.open(db);
  try {
    return await timed(async () => {
      const result = await importFile(ws, { path: csv, table: 't', skipBadRows }, quietContext());
      if (result.rows !== ROWS) throw new Error(`Vigil imported ${result.rows} rows, expected ${ROWS}`);
    });
  } finally {
    await ws.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export default async function importBench(): Promise<void> {
  const { dir, cleanup } = tempDir('vigil-bench-import-');
  try {
    const csv = join(dir, 'portfolio.csv');
    await writeCsv(csv);
    console.log(`generated ${ROWS.toLocaleString('en')} x 20 CSV, ${(statSync(csv).size / 1e6).toFixed(0)} MB`);
    const plain: Timing[] = [];
    const ours: Timing[] = [];
    const keepingRejects: Timing[] = [];
    for (let run = 0; run < RUNS; run++) {
      plain.push(await plainDuckdb(csv, join(dir, `plain-${run}.duckdb`)));
      ours.push(await vigil(csv, join(dir, `vigil-${run}.duckdb`), false));
      keepingRejects.push(await vigil(csv, join(dir, `rejects-${run}.duckdb`), true));
    }
    const wall = (xs: Timing[]) => median(xs.map((x) => x.wall));
    const cpu = (xs: Timing[]) => median(xs.map((x) => x.cpu));
    const runs = (xs: Timing[]) => xs.map((x) => `${x.wall.toFixed(2)}/${x.cpu.toFixed(2)}`).join(', ');
    console.log(`  runs (wall/CPU s): plain [${runs(plain)}], Vigil [${runs(ours)}], Vigil skipBadRows [${runs(keepingRejects)}]`);
    const [p, v, r] = [wall(plain), wall(ours), wall(keepingRejects)];
    console.log(`import 1M x 20 CSV: plain DuckDB ${p.toFixed(2)} s, Vigil ${v.toFixed(2)} s, ratio ${(v / p).toFixed(2)} (target <= 1.15)`);
    console.log(
      `  CPU time: plain DuckDB ${cpu(plain).toFixed(2)} s, Vigil ${cpu(ours).toFixed(2)} s, ratio ${(cpu(ours) / cpu(plain)).toFixed(2)}`,
    );
    console.log(
      `import 1M x 20 CSV with skipBadRows (store_rejects scan): Vigil ${r.toFixed(2)} s, ratio ${(r / p).toFixed(2)} to plain DuckDB` +
        ` (CPU ratio ${(cpu(keepingRejects) / cpu(plain)).toFixed(2)}; information, not a target)`,
    );
  } finally {
    cleanup();
  }
}
