/**
 * Grows the trees of a forest, in worker threads or in the calling thread, with progress per finished
 * tree and prompt cancellation. Results are stored by tree index, so the forest is assembled in tree
 * order whatever order the workers finish in.
 */
import type { Worker } from 'node:worker_threads';
import type { BinnedTraining } from './binning';
import type { GrownTree } from './grown-tree';
import type { GrowParams } from './options';
import { TreeGrower } from './tree-grower';
import { leaseWorkers, returnWorkers } from './worker-pool';
import type { GrowReply, WorkerRequest } from './worker-protocol';

export interface FitControl {
  /** Called after each finished tree. */
  onProgress?(treesDone: number, total: number): void;
  /** Aborting terminates the workers at once; fit then rejects with an Error named 'AbortError'. */
  signal?: AbortSignal;
}

export function abortError(message = 'Random forest training was cancelled.'): Error {
  const e = new Error(message);
  e.name = 'AbortError';
  return e;
}

export async function growTrees(
  data: BinnedTraining, y: Uint8Array, params: GrowParams, nTrees: number, workers: number, control: FitControl,
): Promise<GrownTree[]> {
  if (control.signal?.aborted) throw abortError();
  return workers === 0 ? growInThread(data, y, params, nTrees, control) : growInWorkers(data, y, params, nTrees, workers, control);
}

async function growInThread(data: BinnedTraining, y: Uint8Array, params: GrowParams, nTrees: number, control: FitControl): Promise<GrownTree[]> {
  const grower = new TreeGrower(data, y, params);
  const trees: GrownTree[] = [];
  for (let t = 0; t < nTrees; t++) {
    trees.push(grower.grow(t));
    control.onProgress?.(t + 1, nTrees);
    // Let abort events (and the rest of the host) run between trees.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (control.signal?.aborted) throw abortError();
  }
  return trees;
}

let fitCounter = 0;

function growInWorkers(
  data: BinnedTraining, y: Uint8Array, params: GrowParams, nTrees: number, workers: number, control: FitControl,
): Promise<GrownTree[]> {
  const sharedY = new Uint8Array(new SharedArrayBuffer(y.length));
  sharedY.set(y);
  const fit = ++fitCounter;
  const { signal, onProgress } = control;
  const pool = leaseWorkers(Math.min(workers, nTrees));

  return new Promise<GrownTree[]>((resolve, reject) => {
    const trees = new Array<GrownTree>(nTrees);
    let next = 0;
    let done = 0;
    let settled = false;

    const send = (w: Worker, msg: WorkerRequest): void => w.postMessage(msg);
    const feed = (w: Worker): void => {
      if (next < nTrees) send(w, { type: 'grow', fit, tree: next++ });
    };
    const finish = (error: Error | null): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      for (const w of pool) {
        w.off('message', onMessage);
        w.off('error', onFailure);
        w.off('exit', onExit);
      }
      if (error) {
        // A cancelled or failed fit stops its workers mid-tree; they are not reused.
        for (const w of pool) void w.terminate();
        reject(error);
      } else {
        for (const w of pool) send(w, { type: 'release' });
        returnWorkers(pool);
        resolve(trees);
      }
    };
    const onAbort = (): void => finish(abortError());
    const onFailure = (e: Error): void => finish(e);
    const onExit = (code: number): void => finish(new Error(`A random-forest worker stopped unexpectedly (exit code ${code}).`));
    function onMessage(this: Worker, msg: GrowReply): void {
      if (settled || msg.fit !== fit) return;
      if (msg.type === 'error') {
        const e = new Error(`Growing tree ${msg.index} failed: ${msg.message}`);
        e.stack = msg.stack;
        finish(e);
        return;
      }
      trees[msg.index] = msg.tree;
      done++;
      try {
        onProgress?.(done, nTrees);
      } catch (e) {
        finish(e instanceof Error ? e : new Error(String(e)));
        return;
      }
      if (settled) return; // aborted from inside onProgress
      if (done === nTrees) finish(null);
      else feed(this);
    }

    signal?.addEventListener('abort', onAbort, { once: true });
    for (const w of pool) {
      w.on('message', onMessage);
      w.on('error', onFailure);
      w.on('exit', onExit);
      send(w, { type: 'init', fit, data, y: sharedY, params });
      feed(w);
    }
  });
}
