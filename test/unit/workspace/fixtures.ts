/** Shared set-up for the workspace tests: a real DuckDB file in a temp folder and a job context. */
import { join } from 'node:path';
import type { JobContext } from '../../../src/api/jobs';
import { cancelled } from '../../../src/api/errors';
import { q, Workspace } from '../../../src/workspace/workspace';
import { tempDir, UCI_CSV } from '../../helpers/paths';

export interface ProgressCall {
  done: number;
  total: number | null | undefined;
  message: string | undefined;
}

/** A job context that records progress and can be cancelled by the test (or after N progress calls). */
export function testJob(opts: { cancelAfterProgress?: number } = {}): JobContext & {
  calls: ProgressCall[];
  cancel(): void;
} {
  const controller = new AbortController();
  const calls: ProgressCall[] = [];
  return {
    jobId: 'test-job',
    signal: controller.signal,
    calls,
    cancel: () => controller.abort(),
    progress(done, total, message) {
      calls.push({ done, total, message });
      if (opts.cancelAfterProgress !== undefined && calls.length >= opts.cancelAfterProgress) controller.abort();
    },
    throwIfCancelled() {
      if (controller.signal.aborted) throw cancelled();
    },
  };
}

export async function openTempWorkspace(): Promise<{ ws: Workspace; dir: string; cleanup: () => Promise<void> }> {
  const { dir, cleanup } = tempDir('vigil-ws-');
  const ws = await Workspace.open(join(dir, 'workspace.duckdb'));
  return {
    ws,
    dir,
    cleanup: async () => {
      await ws.close();
      cleanup();
    },
  };
}

/** The real UCI accounts as a table, the way an analyst's first import would leave them. */
export async function loadUciTable(ws: Workspace, table = 'uci'): Promise<void> {
  await ws.run(`CREATE TABLE ${q(table)} AS SELECT * FROM read_csv($1)`, [UCI_CSV]);
}

/** Error kind of a rejected promise (fails the test if it resolves). */
export async function errorOf(p: Promise<unknown>): Promise<{ kind: string; message: string; details?: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    return e as { kind: string; message: string; details?: Record<string, unknown> };
  }
  throw new Error('expected the call to fail, but it succeeded');
}
