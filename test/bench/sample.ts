/**
 * Benchmark: the synthetic portfolio at production scale, 1,000,000 loans x 24 monthly snapshots,
 * generated into a fresh workspace file. Run by `npx tsx test/bench/run.ts import`.
 */
import { join } from 'node:path';
import { cancelled } from '../../src/api/errors';
import type { JobContext } from '../../src/api/jobs';
import { generatePortfolio } from '../../src/sample/generate';
import { Workspace } from '../../src/workspace/workspace';
import { tempDir } from '../helpers/paths';

const LOANS = 1_000_000;
const MONTHS = 24;

export default async function sampleBench(): Promise<void> {
  const tmp = tempDir('vigil-bench-sample-');
  const ws = await Workspace.open(join(tmp.dir, 'bench.duckdb'));
  const controller = new AbortController();
  let lastMessage = '';
  const started = Date.now();
  const ctx: JobContext = {
    jobId: 'bench-sample',
    signal: controller.signal,
    progress(_done, _total, message) {
      // Phase timings help find the slow step when the figure regresses.
      if (message && message !== lastMessage && process.env.VIGIL_BENCH_VERBOSE) {
        console.log(`  ${((Date.now() - started) / 1000).toFixed(1)} s  ${message}`);
      }
      lastMessage = message ?? lastMessage;
    },
    throwIfCancelled() {
      if (controller.signal.aborted) throw cancelled();
    },
  };
  try {
    const result = await generatePortfolio(ws, { loans: LOANS, months: MONTHS }, ctx);
    const panelRows = result.tables.find((t) => t.name === 'loan_performance')?.rows ?? 0;
    const seconds = (result.elapsedMs / 1000).toFixed(1);
    console.log(
      `sample generator: ${LOANS.toLocaleString('en')} loans x ${MONTHS} months (${panelRows.toLocaleString('en')} panel rows) in ${seconds} s`,
    );
  } finally {
    await ws.close();
    tmp.cleanup();
  }
}
