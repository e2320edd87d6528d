/**
 * The engine: the merged handler map bound to one open workspace, plus the job registry.
 * Every host (Electron engine process, browser server, CLI) talks to the engine through `call`,
 * `cancel` and `onProgress` only, so the three hosts behave the same.
 */
import { randomUUID } from 'node:crypto';
import { isOpName, type ArgsOf, type Handlers, type OpName, type ResultOf } from '../api/index';
import { badInput, cancelled, toErrorShape, VigilError } from '../api/errors';
import type { JobContext, JobProgress, JobState } from '../api/jobs';
import { Workspace } from '../workspace/workspace';
import { workspaceHandlers } from '../workspace/handlers';
import { sampleHandlers } from '../sample/handlers';
import { modelHandlers } from '../modeling/handlers';
import { monitoringHandlers } from '../monitoring/handlers';
import { toWire } from './wire';

export interface EngineOptions {
  workspacePath: string;
  /** Minimum milliseconds between forwarded progress events of one job (default 200). */
  progressIntervalMs?: number;
}

type ProgressListener = (p: JobProgress) => void;

export interface Engine {
  readonly workspace: Workspace;
  /** Run an operation. Resolves with a wire-safe result; rejects with a VigilError. */
  call<K extends OpName>(op: K, args: ArgsOf<K>, jobId?: string): Promise<ResultOf<K>>;
  /** Untyped entry for hosts that receive names off the wire. */
  callUnknown(op: unknown, args: unknown, jobId?: string): Promise<unknown>;
  cancel(jobId: string): boolean;
  onProgress(listener: ProgressListener): () => void;
  runningJobs(): string[];
  close(): Promise<void>;
}

export function buildHandlers(ws: Workspace): Handlers {
  return { ...workspaceHandlers(ws), ...sampleHandlers(ws), ...modelHandlers(ws), ...monitoringHandlers(ws) };
}

export async function createEngine(opts: EngineOptions): Promise<Engine> {
  const workspace = await Workspace.open(opts.workspacePath);
  const handlers = buildHandlers(workspace);
  const jobs = new Map<string, AbortController>();
  const listeners = new Set<ProgressListener>();
  const interval = opts.progressIntervalMs ?? 200;

  const emit = (p: JobProgress) => {
    for (const l of listeners) {
      try {
        l(p);
      } catch {
        /* a broken listener must not break the job */
      }
    }
  };

  async function callUnknown(op: unknown, args: unknown, jobIdIn?: string): Promise<unknown> {
    if (!isOpName(op)) throw badInput(`Unknown operation ${JSON.stringify(op)}.`, { op });
    if (args === undefined || args === null) args = {};
    if (typeof args !== 'object' || Array.isArray(args)) throw badInput(`Arguments of ${op} must be an object.`, { op });
    const jobId = jobIdIn ?? randomUUID();
    if (jobs.has(jobId)) throw new VigilError('conflict', `Job ${jobId} is already running.`, { jobId });
    const controller = new AbortController();
    jobs.set(jobId, controller);
    const started = Date.now();
    let last = { done: 0, total: null as number | null, message: undefined as string | undefined };
    let lastSent = 0;
    const send = (state: JobState) =>
      emit({ jobId, op, state, done: last.done, total: last.total, message: last.message, elapsedMs: Date.now() - started });
    // A heartbeat keeps "at least once a second" true even while a single SQL statement runs.
    const heartbeat = setInterval(() => send('running'), 1000);
    const ctx: JobContext = {
      jobId,
      signal: controller.signal,
      progress(done, total = last.total, message = last.message) {
        last = { done, total, message };
        const now = Date.now();
        if (now - lastSent >= interval) {
          lastSent = now;
          send('running');
        }
      },
      throwIfCancelled() {
        if (controller.signal.aborted) throw cancelled();
      },
    };
    send('running');
    try {
      const handler = handlers[op] as (a: unknown, c: JobContext) => Promise<unknown>;
      const result = await handler(args, ctx);
      if (controller.signal.aborted) throw cancelled();
      send('done');
      return toWire(result);
    } catch (e) {
      const shape = toErrorShape(controller.signal.aborted && !(e instanceof VigilError) ? cancelled() : e);
      send(shape.kind === 'cancelled' ? 'cancelled' : 'failed');
      throw new VigilError(shape.kind, shape.message, shape.details);
    } finally {
      clearInterval(heartbeat);
      jobs.delete(jobId);
    }
  }

  return {
    workspace,
    call: (op, args, jobId) => callUnknown(op, args, jobId) as never,
    callUnknown,
    cancel(jobId) {
      const c = jobs.get(jobId);
      if (!c) return false;
      c.abort();
      return true;
    },
    onProgress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    runningJobs: () => [...jobs.keys()],
    async close() {
      for (const c of jobs.values()) c.abort();
      await workspace.close();
    },
  };
}
