/**
 * Tree workers kept warm between fits. Starting a worker and letting V8 optimise the tree grower costs
 * about half a second per worker; an analyst's session (and cross-validation) fits many forests, so
 * finished workers wait here, unref'd (they never keep the process alive), for the next fit.
 * A fit leases workers exclusively; concurrent fits simply get more workers. Cancelled or failed fits
 * terminate theirs instead of returning them.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { treeWorkerScript } from './worker-script';

const idle: Worker[] = [];
let scriptKey = '';

/** Workers for one fit: idle ones first, new ones for the rest. */
export function leaseWorkers(count: number): Worker[] {
  const script = treeWorkerScript();
  const key = `${script.eval}:${script.source}`;
  if (key !== scriptKey) {
    // The worker code changed (setTreeWorkerScript): idle workers run the old one.
    closeIdleTreeWorkers();
    scriptKey = key;
  }
  const leased = idle.splice(0, count);
  while (leased.length < count) {
    const w = new Worker(script.source, { eval: script.eval });
    // Failures during a fit are handled by that fit's own listener; this one only keeps an 'error' from
    // a worker that is idle or already terminated from crashing the host (an unhandled 'error' throws).
    w.on('error', () => {});
    // A worker that dies while idle must not be handed out again.
    w.once('exit', () => {
      const k = idle.indexOf(w);
      if (k >= 0) idle.splice(k, 1);
    });
    leased.push(w);
  }
  for (const w of leased) w.ref();
  return leased;
}

/** Give healthy workers back after a fit (they were told to drop the fit's data). */
export function returnWorkers(workers: Worker[]): void {
  const keep = Math.max(0, availableParallelism() - idle.length);
  for (const w of workers.slice(0, keep)) {
    w.unref();
    idle.push(w);
  }
  for (const w of workers.slice(keep)) void w.terminate();
}

/** Terminate every idle worker (on shutdown, or to free their memory). */
export function closeIdleTreeWorkers(): void {
  for (const w of idle.splice(0)) void w.terminate();
}
