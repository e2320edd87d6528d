/**
 * The browser transport: the same operations over HTTP to the local browser host.
 * The token comes from the launch URL and stays in memory (never in storage); every /api request
 * carries it. This part needs only fetch and EventSource (so it also runs, and is tested, in Node);
 * the pieces that need a page (file input, upload progress, download link) are in browserFiles.ts.
 */
import type { ArgsOf, OpName, ResultOf } from '../../src/api/index';
import { fromErrorShape, isErrorShape, VigilError } from '../../src/api/errors';
import type { JobProgress } from '../../src/api/jobs';
import { fromJson } from '../../src/api/wire-json';
import type { VigilClient } from './types';

export type HttpCalls = Omit<VigilClient, 'pickImportFile' | 'deliverExport'>;

/** Unwrap a `{ ok, result } | { ok: false, error }` body, whatever the HTTP status. */
export function unwrapReply(text: string, status: number, what: string): unknown {
  let body: unknown;
  try {
    body = fromJson(text);
  } catch {
    throw new VigilError('internal', `The Vigil host sent an unreadable answer to ${what} (HTTP ${status}).`, { status, transport: 'bad_answer' });
  }
  const reply = body as { ok?: unknown; result?: unknown; error?: unknown };
  if (reply && reply.ok === true) return reply.result;
  if (reply && isErrorShape(reply.error)) throw fromErrorShape(reply.error);
  throw new VigilError('internal', `The Vigil host sent an unexpected answer to ${what} (HTTP ${status}).`, { status, transport: 'bad_answer' });
}

/** `origin` is empty in the page (same-origin requests); tests give the host's address. */
export function httpCalls(token: string, origin = ''): HttpCalls {
  async function post(path: string, body: unknown, what: string): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(origin + path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Vigil-Token': token },
        body: JSON.stringify(body),
      });
    } catch (e) {
      throw new VigilError('internal', `Cannot reach the Vigil host: ${(e as Error).message}`, { request: path, transport: 'host_unreachable' });
    }
    return unwrapReply(await res.text(), res.status, what);
  }

  const listeners = new Set<(p: JobProgress) => void>();
  let events: EventSource | null = null;
  function openEvents() {
    // One stream for all listeners, opened on first use; EventSource reconnects by itself.
    events = new EventSource(`${origin}/api/events?token=${encodeURIComponent(token)}`);
    events.onmessage = (m) => {
      let p: JobProgress;
      try {
        p = JSON.parse(String(m.data)) as JobProgress;
      } catch {
        return;
      }
      for (const l of listeners) l(p);
    };
  }

  return {
    host: 'browser',
    async call<K extends OpName>(op: K, args: ArgsOf<K>, opts?: { jobId?: string }): Promise<ResultOf<K>> {
      return (await post('/api/call', { op, args, ...(opts?.jobId ? { jobId: opts.jobId } : {}) }, op)) as ResultOf<K>;
    },
    async cancel(jobId) {
      await post('/api/cancel', { jobId }, 'cancel');
    },
    onProgress(listener) {
      listeners.add(listener);
      if (!events) openEvents();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && events) {
          events.close();
          events = null;
        }
      };
    },
    async saveExportPath(suggestedName) {
      const result = (await post('/api/export-path', { name: suggestedName }, 'export')) as { path: string };
      return result.path;
    },
  };
}
