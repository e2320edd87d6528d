/**
 * Scoring with the forest on the worker pool (RandomForest.openScorer): PDs and reason codes bit for bit
 * those of the calling-thread path (predictProba, path contributions, reason ranking) for 0, 1, 2 and 3
 * workers, with pages in flight while the caller reuses its arrays; cancel and a crashed worker reject
 * the pages in flight with a clear error, and the pool serves the next job.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../../models/dataset';
import { RandomForest, setTreeWorkerScript, type ForestScorer, type ScoredRows } from '../../../models/forest';
import { MIN_ROWS_PER_WORKER } from '../../../models/forest/page-scorer';
import { reasonCodes } from '../../../models/scorecard/reasonCodes';
import { syntheticPortfolio } from '../../fixtures/models/forest-synthetic';
import { tempDir } from '../../helpers/paths';

const ROWS = 20_000;
const TOP = 3;
/** Pages of uneven size, the last one short, as the frame hands them over. */
const PAGE_ROWS = 7_001;

let forest: RandomForest;
let data: Dataset;
let cutoff: number;
const tmp = tempDir('vigil-forest-scoring-');

beforeAll(async () => {
  const portfolio = syntheticPortfolio(ROWS, 11);
  data = portfolio.data;
  forest = await RandomForest.fit(data, portfolio.y, { nTrees: 16, minSamplesLeaf: 3, seed: 5, workers: 2 });
  let bads = 0;
  for (let i = 0; i < ROWS; i++) bads += portfolio.y[i];
  cutoff = bads / ROWS;
});
afterEach(() => setTreeWorkerScript(null));
afterAll(() => tmp.cleanup());

/** The calling-thread answer, computed the way scoring did before workers: whole-table predict, then per-row explanations. */
function reference(): ScoredRows {
  const pd = forest.predictProba(data);
  const picked = Array.from({ length: ROWS }, (_, i) => i).filter((i) => pd[i] >= cutoff);
  const ranked = reasonCodes({ features: data.features.map((f) => f.name), columns: forest.explainRows(data, picked) }, TOP);
  const codes = new Int32Array(ROWS * TOP).fill(-1);
  picked.forEach((row, k) => codes.set(ranked.codes.subarray(k * TOP, (k + 1) * TOP), row * TOP));
  return { pd, codes, explained: picked.length };
}

/**
 * Score `data` in pages through one reused set of page arrays, as the frame does: each page is written
 * into the arrays, submitted, and the arrays are overwritten by the next page before the previous page
 * is awaited, so a scorer that did not copy its page would give wrong answers.
 */
async function scoreInPages(scorer: ForestScorer): Promise<ScoredRows> {
  const page = data.columns.map(() => new Float64Array(PAGE_ROWS));
  const out: ScoredRows = { pd: new Float64Array(ROWS), codes: new Int32Array(ROWS * TOP), explained: 0 };
  let pending: { scored: Promise<ScoredRows>; offset: number } | null = null;
  const land = async (): Promise<void> => {
    if (pending === null) return;
    const r = await pending.scored;
    out.pd.set(r.pd, pending.offset);
    out.codes.set(r.codes, pending.offset * TOP);
    out.explained += r.explained;
  };
  for (let offset = 0; offset < ROWS; offset += PAGE_ROWS) {
    const rows = Math.min(PAGE_ROWS, ROWS - offset);
    data.columns.forEach((c, j) => page[j].set(c.subarray(offset, offset + rows)));
    const scored = scorer.score({ features: data.features, columns: page.map((c) => c.subarray(0, rows)), rows });
    await land();
    pending = { scored, offset };
  }
  await land();
  scorer.close();
  return out;
}

const bytes = (a: Float64Array | Int32Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe('scoring a forest on the worker pool', () => {
  it('gives bit for bit the calling-thread PDs and reason codes with 0, 1, 2 and 3 workers', async () => {
    const expected = reference();
    expect(expected.explained).toBeGreaterThan(1000);
    expect(expected.explained).toBeLessThan(ROWS);
    for (const workers of [0, 1, 2, 3]) {
      const scorer = forest.openScorer({ workers, rows: ROWS, cutoff, top: TOP });
      expect(scorer.workers).toBe(workers);
      const got = await scoreInPages(scorer);
      expect(bytes(got.pd).equals(bytes(expected.pd)), `PDs with ${workers} workers`).toBe(true);
      expect(bytes(got.codes).equals(bytes(expected.codes)), `reason codes with ${workers} workers`).toBe(true);
      expect(got.explained).toBe(expected.explained);
    }
  });

  it('leases no more workers than the job can use, and none for a small one', () => {
    const small = forest.openScorer({ workers: 3, rows: MIN_ROWS_PER_WORKER - 1, cutoff, top: TOP });
    expect(small.workers).toBe(0);
    small.close();
    const two = forest.openScorer({ workers: 8, rows: 2 * MIN_ROWS_PER_WORKER, cutoff, top: TOP });
    expect(two.workers).toBe(2);
    two.close();
    expect(() => forest.openScorer({ workers: -1, rows: ROWS, cutoff, top: TOP })).toThrow(/whole number >= 0/);
  });

  it('refuses a third page in flight and a page with other features', async () => {
    const scorer = forest.openScorer({ workers: 2, rows: ROWS, cutoff, top: TOP });
    const first = scorer.score(data);
    const second = scorer.score(data);
    expect(() => scorer.score(data)).toThrow(/at most two pages/);
    expect(() => scorer.score({ ...data, features: [...data.features].reverse() })).toThrow(/forest expects/);
    const [a, b] = await Promise.all([first, second]);
    expect(bytes(a.pd).equals(bytes(b.pd))).toBe(true);
    scorer.close();
  });

  it('on cancel rejects the page in flight with an AbortError, and the next job scores normally', async () => {
    const control = new AbortController();
    const scorer = forest.openScorer({ workers: 2, rows: ROWS, cutoff, top: TOP, signal: control.signal });
    const page = scorer.score(data);
    control.abort();
    await expect(page).rejects.toMatchObject({ name: 'AbortError', message: 'Scoring was cancelled.' });
    await expect(scorer.score(data)).rejects.toMatchObject({ name: 'AbortError' });
    const again = await scoreInPages(forest.openScorer({ workers: 2, rows: ROWS, cutoff, top: TOP }));
    expect(bytes(again.pd).equals(bytes(reference().pd))).toBe(true);
  });

  it('fails the pages in flight with a clear error when a worker dies, and the pool recovers', async () => {
    // A worker that accepts the forest and dies on the first range it is asked to score.
    const crashing = join(tmp.dir, 'crashing-worker.cjs');
    writeFileSync(crashing, `require('node:worker_threads').parentPort.on('message', (m) => { if (m.type === 'score') process.exit(7); });\n`);
    setTreeWorkerScript(crashing);
    const scorer = forest.openScorer({ workers: 2, rows: ROWS, cutoff, top: TOP });
    expect(scorer.workers).toBe(2);
    const first = scorer.score(data);
    const second = scorer.score(data);
    await expect(first).rejects.toThrow('Scoring with the random forest failed: a worker thread stopped unexpectedly (exit code 7).');
    await expect(second).rejects.toThrow(/exit code 7/);
    setTreeWorkerScript(null);
    const again = await scoreInPages(forest.openScorer({ workers: 2, rows: ROWS, cutoff, top: TOP }));
    expect(again.explained).toBe(reference().explained);
  });

  it('scores in the calling thread when the worker script cannot be built', async () => {
    setTreeWorkerScript(join(tmp.dir, 'no-such-worker.ts'));
    const scorer = forest.openScorer({ workers: 2, rows: ROWS, cutoff, top: TOP });
    expect(scorer.workers).toBe(0);
    const got = await scoreInPages(scorer);
    expect(bytes(got.pd).equals(bytes(reference().pd))).toBe(true);
  });
});
