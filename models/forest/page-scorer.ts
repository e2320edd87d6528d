/**
 * Scoring a table page by page with the forest: PD and reason codes per row, in the calling thread or
 * split by row ranges across warm pool workers (the ones that grow trees).
 *
 * Who owns which buffer:
 *  - the forest's node arrays are copied once per job onto SharedArrayBuffers (shareForest) and posted
 *    once to each worker, which only reads them;
 *  - each page's feature columns are copied once by the scoring thread into one of two page slots
 *    (SharedArrayBuffers owned by the scorer) and read in place by every worker. Two slots let the
 *    caller read page k+1 while the workers score page k; a slot is only written again once the page
 *    that used it has come back, so no worker ever sees it change;
 *  - each worker allocates its range's PD and reason-code arrays and transfers them back; the scorer
 *    copies them into the page's result, which then belongs to the caller.
 * A cancelled or failed job terminates its workers (they may be mid-range) instead of returning them,
 * as a fit does; a finished job releases them to the pool.
 */
import type { Worker } from 'node:worker_threads';
import type { Dataset } from '../dataset';
import { numericCuts, shareForest, type FlatForest } from './flat-forest';
import { scoreRows, type ScoredRows, type ScoringRules } from './score-rows';
import { abortError } from './tree-pool';
import { leaseWorkers, returnWorkers } from './worker-pool';
import type { ScoreReply, WorkerRequest } from './worker-protocol';

/** Fewer rows than this per worker and the messages cost more than the threads save. */
export const MIN_ROWS_PER_WORKER = 4096;

export interface PageScorerOptions extends ScoringRules {
  /** At most this many worker threads; 0 scores in the calling thread. Never changes a result, only the wall time. */
  workers: number;
  /** Rows the whole job will score: a small job leases fewer workers (or none). */
  rows: number;
  /** Aborting terminates the workers at once; pending pages then reject with an Error named 'AbortError'. */
  signal?: AbortSignal;
}

export interface PageScorer {
  /** Worker threads actually scoring (0 = the calling thread). */
  readonly workers: number;
  /**
   * Start scoring a page. The columns are copied (or scored) before this returns, so the caller may
   * reuse them at once. At most two pages may be in flight: submit page k+1, then await page k.
   */
  score(columns: Float64Array[], rows: number): Promise<ScoredRows>;
  /** After the last page came back: hand the workers back to the pool. With pages in flight it aborts. */
  close(): void;
  /** Stop now: terminate the workers and reject the pages in flight. */
  abort(reason?: Error): void;
}

/** The same job as RandomForest.openScorer offers it: pages as Datasets, each checked against the forest's features. */
export interface ForestScorer extends Omit<PageScorer, 'score'> {
  score(page: Dataset): Promise<ScoredRows>;
}

export function openPageScorer(forest: FlatForest, opts: PageScorerOptions): PageScorer {
  const wanted = Math.min(opts.workers, Math.floor(opts.rows / MIN_ROWS_PER_WORKER));
  if (wanted <= 0) return new InThreadScorer(forest, opts);
  let pool: Worker[];
  try {
    pool = leaseWorkers(wanted);
  } catch {
    // No worker script in this host (see worker-script.ts): the calling thread gives the same scores.
    return new InThreadScorer(forest, opts);
  }
  return new PooledScorer(forest, pool, opts);
}

class InThreadScorer implements PageScorer {
  readonly workers = 0;
  private readonly cut: Float64Array;
  constructor(
    private readonly forest: FlatForest,
    private readonly rules: ScoringRules,
  ) {
    this.cut = numericCuts(forest);
  }

  score(columns: Float64Array[], rows: number): Promise<ScoredRows> {
    try {
      return Promise.resolve(scoreRows(this.forest, this.cut, columns, 0, rows, this.rules));
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }

  /** Nothing to give back: each page was done before `score` returned. */
  close(): void {}
  /** Nothing runs between calls, so there is nothing to stop. */
  abort(): void {}
}

/** One page in flight: its slot, its result being filled range by range, and who waits for it. */
interface PendingPage {
  slot: number;
  result: ScoredRows;
  ranges: number;
  resolve(r: ScoredRows): void;
  reject(e: Error): void;
}

let jobCounter = 0;

class PooledScorer implements PageScorer {
  readonly workers: number;
  private readonly job = ++jobCounter;
  private readonly top: number;
  private readonly slots: { buffer: SharedArrayBuffer; capacity: number }[] = [];
  private readonly pages = new Map<number, PendingPage>();
  private nextPage = 0;
  private finished = false;
  private failure: Error | null = null;
  private readonly signal: AbortSignal | undefined;

  constructor(
    forest: FlatForest,
    private readonly pool: Worker[],
    opts: PageScorerOptions,
  ) {
    this.workers = pool.length;
    this.top = opts.top;
    this.signal = opts.signal;
    const load: WorkerRequest = { type: 'load-forest', job: this.job, forest: shareForest(forest), rules: { cutoff: opts.cutoff, top: opts.top } };
    for (const w of pool) {
      w.on('message', this.onMessage);
      w.on('error', this.onError);
      w.on('exit', this.onExit);
      w.postMessage(load);
    }
    this.signal?.addEventListener('abort', this.onAbort, { once: true });
    if (this.signal?.aborted) this.onAbort();
  }

  score(columns: Float64Array[], rows: number): Promise<ScoredRows> {
    if (this.failure !== null) return handled(Promise.reject(this.failure));
    if (this.finished) return handled(Promise.reject(new Error('This scoring job is closed.')));
    const page = this.nextPage++;
    const slot = page % 2;
    for (const p of this.pages.values()) {
      if (p.slot === slot) throw new Error('A forest scorer takes at most two pages in flight: await the older page first.');
    }
    const result: ScoredRows = { pd: new Float64Array(rows), codes: new Int32Array(rows * this.top).fill(-1), explained: 0 };
    if (rows === 0) return Promise.resolve(result);
    const shared = this.fill(slot, columns, rows);
    const ranges = Math.min(this.pool.length, Math.ceil(rows / MIN_ROWS_PER_WORKER));
    const promise = new Promise<ScoredRows>((resolve, reject) => this.pages.set(page, { slot, result, ranges, resolve, reject }));
    for (let r = 0; r < ranges; r++) {
      const from = Math.floor((r * rows) / ranges);
      const to = Math.floor(((r + 1) * rows) / ranges);
      const msg: WorkerRequest = { type: 'score', job: this.job, page, columns: shared, from, to };
      this.pool[r].postMessage(msg);
    }
    return handled(promise);
  }

  close(): void {
    if (this.finished) return;
    if (this.pages.size > 0) {
      this.fail(new Error('The forest scorer was closed with pages still being scored.'));
      return;
    }
    this.detach();
    for (const w of this.pool) w.postMessage({ type: 'release' } satisfies WorkerRequest);
    returnWorkers(this.pool);
  }

  abort(reason: Error = abortError('Scoring was cancelled.')): void {
    this.fail(reason);
  }

  /** Copy the page into its slot (grown when a page is larger than any before); the views go to the workers. */
  private fill(slot: number, columns: Float64Array[], rows: number): Float64Array[] {
    let s = this.slots[slot] as { buffer: SharedArrayBuffer; capacity: number } | undefined;
    if (s === undefined || s.capacity < rows) {
      s = { buffer: new SharedArrayBuffer(Math.max(1, columns.length * rows * 8)), capacity: rows };
      this.slots[slot] = s;
    }
    const { buffer, capacity } = s;
    return columns.map((c, j) => {
      const view = new Float64Array(buffer, j * capacity * 8, rows);
      view.set(c.subarray(0, rows));
      return view;
    });
  }

  private readonly onMessage = (msg: ScoreReply): void => {
    if (this.finished || msg.job !== this.job) return;
    if (msg.type === 'score-error') {
      const e = new Error(`Scoring with the random forest failed in a worker: ${msg.message}`);
      e.stack = msg.stack;
      this.fail(e);
      return;
    }
    const p = this.pages.get(msg.page);
    if (p === undefined) return;
    p.result.pd.set(msg.pd, msg.from);
    p.result.codes.set(msg.codes, msg.from * this.top);
    p.result.explained += msg.explained;
    if (--p.ranges === 0) {
      this.pages.delete(msg.page);
      p.resolve(p.result);
    }
  };

  private readonly onError = (e: Error): void => this.fail(new Error(`Scoring with the random forest failed: a worker thread crashed (${e.message}).`));

  private readonly onExit = (code: number): void =>
    this.fail(new Error(`Scoring with the random forest failed: a worker thread stopped unexpectedly (exit code ${code}).`));

  private readonly onAbort = (): void => this.abort();

  private fail(error: Error): void {
    if (this.finished) return;
    this.failure = error;
    this.detach();
    // Mid-range workers cannot be interrupted, and a crashed pool is suspect: none goes back to the pool.
    for (const w of this.pool) void w.terminate();
    for (const p of this.pages.values()) p.reject(error);
    this.pages.clear();
  }

  private detach(): void {
    this.finished = true;
    this.signal?.removeEventListener('abort', this.onAbort);
    for (const w of this.pool) {
      w.off('message', this.onMessage);
      w.off('error', this.onError);
      w.off('exit', this.onExit);
    }
  }
}

/**
 * A page's promise may be rejected (abort, crash) while nobody awaits it yet: the caller is reading the
 * next page. Marking it handled keeps that from being an unhandled rejection; awaiting it still throws.
 */
function handled<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}
