/**
 * Messages between Electron main and the engine utility process. Both sides speak structured
 * clone, so results (Arrow bytes as Uint8Array included) cross without re-encoding.
 */
import type { ErrorShape } from '../api/errors';
import type { JobProgress } from '../api/jobs';

export type ToEngine =
  | { type: 'call'; id: number; op: string; args: unknown; jobId?: string }
  | { type: 'cancel'; jobId: string }
  /** Close the workspace (DuckDB checkpoints) and exit. */
  | { type: 'close' };

export type CallReply = { ok: true; result: unknown } | { ok: false; error: ErrorShape };

export type FromEngine =
  | ({ type: 'reply'; id: number } & CallReply)
  | { type: 'progress'; progress: JobProgress }
  /** The workspace is open; calls are being answered. */
  | { type: 'ready'; workspacePath: string }
  /** The workspace could not be opened (e.g. another Vigil holds the file); main stops this process. */
  | { type: 'fatal'; error: ErrorShape };

/** What the engine process needs from Electron's `process.parentPort` (and what tests fake). */
export interface ParentPortLike {
  on(event: 'message', listener: (e: { data: unknown }) => void): unknown;
  postMessage(message: FromEngine): void;
}

export function isToEngine(x: unknown): x is ToEngine {
  if (typeof x !== 'object' || x === null) return false;
  const m = x as Record<string, unknown>;
  switch (m.type) {
    case 'call':
      return typeof m.id === 'number' && typeof m.op === 'string' && (m.jobId === undefined || typeof m.jobId === 'string');
    case 'cancel':
      return typeof m.jobId === 'string';
    case 'close':
      return true;
    default:
      return false;
  }
}
