/**
 * models.score with a forest on the worker pool, on the 30,000 UCI accounts in pages of 4,099 rows (so
 * pages overlap in flight): the output table is identical, PD and reason codes, whether 0, 1, 2 or 3
 * workers scored it; cancelling mid-scoring and a worker that dies mid-job both leave the workspace
 * exactly as before, the first as `cancelled`, the second with a message saying what happened.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setTreeWorkerScript } from '../../../models/forest';
import type { Engine } from '../../../src/host/engine';
import type { JobContext } from '../../../src/api/jobs';
import type { TrainResult } from '../../../src/api/models';
import { cancelled } from '../../../src/api/errors';
import { scoreTable } from '../../../src/modeling/score';
import { tempDir } from '../../helpers/paths';
import { rejection, UCI_HOLDOUT, UCI_TARGET, uciEngine } from './fixture';

const PAGE_ROWS = 4_099;

let engine: Engine;
let cleanup: () => Promise<void>;
let forest: TrainResult;
const scripts = tempDir('vigil-score-workers-');

beforeAll(async () => {
  ({ engine, cleanup } = await uciEngine());
  forest = await engine.call('models.train', {
    table: 'uci',
    target: UCI_TARGET,
    model: 'forest',
    validation: { kind: 'where', testWhere: UCI_HOLDOUT },
    forest: { trees: 12, minSamplesLeaf: 5, permutationRepeats: 0 },
  });
});
afterEach(() => setTreeWorkerScript(null));
afterAll(async () => {
  await cleanup();
  scripts.cleanup();
});

/** A job context whose progress callback may cancel it. */
function job(onProgress: (done: number, total: number, abort: () => void) => void = () => undefined): JobContext {
  const control = new AbortController();
  return {
    jobId: 'score-forest',
    signal: control.signal,
    progress: (done, total) => onProgress(done, total ?? 0, () => control.abort()),
    throwIfCancelled: () => {
      if (control.signal.aborted) throw cancelled();
    },
  };
}

/** Every table and view of the workspace, with its row count: what "as before" means. */
async function snapshot(): Promise<{ name: string; rows: number }[]> {
  const names = await engine.workspace.all<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema IN ('main', 'temp') ORDER BY 1`,
  );
  const out: { name: string; rows: number }[] = [];
  for (const { name } of names) {
    const [{ n }] = await engine.workspace.all<{ n: number }>(`SELECT count(*) AS n FROM "${name}"`);
    out.push({ name, rows: n });
  }
  return out;
}

describe('scoring with a forest on 0 to 3 workers', () => {
  it('writes the same PDs and reason codes, row for row, whatever the worker count', async () => {
    const results = [];
    for (const workers of [0, 1, 2, 3]) {
      results.push(await scoreTable(engine.workspace, { id: forest.model.id, table: 'uci', output: `scores_w${workers}` }, job(), { pageRows: PAGE_ROWS, workers }));
    }
    for (const [k, r] of results.entries()) {
      expect(r.rows).toBe(30_000);
      expect(r.reasonRows).toBe(results[0].reasonRows);
      expect(r.meanPd).toBe(results[0].meanPd);
      expect(r.psi).toBe(results[0].psi);
      const [cmp] = await engine.workspace.all<{ n: number; differ: number; reasons: number }>(
        `SELECT count(*) AS n, count(a.reason_1) AS reasons,
                count(*) FILTER (WHERE a.pd IS DISTINCT FROM b.pd OR a.grade IS DISTINCT FROM b.grade OR a.reason_1 IS DISTINCT FROM b.reason_1
                                 OR a.reason_2 IS DISTINCT FROM b.reason_2 OR a.reason_3 IS DISTINCT FROM b.reason_3) AS differ
           FROM scores_w0 a JOIN scores_w${k} b USING (ID)`,
      );
      expect(cmp).toEqual({ n: 30_000, reasons: results[0].reasonRows, differ: 0 });
    }
    expect(results[0].reasonRows).toBeGreaterThan(1000);
  });
});

describe('a forest scoring job that does not finish', () => {
  it('stops on cancel mid-scoring with `cancelled` and leaves the workspace as before', async () => {
    const before = await snapshot();
    let pagesSeen = 0;
    const ctx = job((done, total, abort) => {
      if (done > 0 && done < total && ++pagesSeen === 3) abort();
    });
    const e = await rejection(scoreTable(engine.workspace, { id: forest.model.id, table: 'uci', output: 'cancelled_scores' }, ctx, { pageRows: PAGE_ROWS, workers: 2 }));
    expect(e.kind).toBe('cancelled');
    expect(pagesSeen).toBe(3);
    expect(await snapshot()).toEqual(before);
    // The pool is not left broken: the next job scores.
    const next = await scoreTable(engine.workspace, { id: forest.model.id, table: 'uci', output: 'after_cancel' }, job(), { pageRows: PAGE_ROWS, workers: 2 });
    expect(next.rows).toBe(30_000);
  });

  it('fails with a clear error when a worker dies mid-job, and leaves the workspace as before', async () => {
    // A stand-in worker: scores its ranges of the first page as PD 0 without reasons, then dies on the next page.
    const dying = join(scripts.dir, 'dying-worker.cjs');
    writeFileSync(
      dying,
      `const port = require('node:worker_threads').parentPort;
port.on('message', (m) => {
  if (m.type !== 'score') return;
  if (m.page > 0) process.exit(9);
  const n = m.to - m.from;
  port.postMessage({ type: 'scored', job: m.job, page: m.page, from: m.from, pd: new Float64Array(n), codes: new Int32Array(n * 3).fill(-1), explained: 0 });
});
`,
    );
    setTreeWorkerScript(dying);
    const before = await snapshot();
    const e = await rejection(scoreTable(engine.workspace, { id: forest.model.id, table: 'uci', output: 'crashed_scores' }, job(), { pageRows: PAGE_ROWS, workers: 2 }));
    expect(e.message).toBe('Scoring with the random forest failed: a worker thread stopped unexpectedly (exit code 9).');
    expect(await snapshot()).toEqual(before);
  });
});
