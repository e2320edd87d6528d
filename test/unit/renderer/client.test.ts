/**
 * The renderer's api client against real hosts: the HTTP transport against the real browser host
 * (Node has fetch, so calls, errors, cancel and export paths are tested here; EventSource and file
 * upload need a browser and are covered end to end), and the Electron transport against a bridge
 * that relays to a real engine the way the preload and main process do.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toErrorShape, VigilError } from '../../../src/api/errors';
import { createEngine, type Engine } from '../../../src/host/engine';
import { startServer, type RunningServer } from '../../../src/host/server';
import type { VigilBridge } from '../../../renderer/api/bridge';
import { electronClient } from '../../../renderer/api/electronTransport';
import { httpCalls } from '../../../renderer/api/httpTransport';
import { decodeRows } from '../../../renderer/grid/cells';
import { tempDir } from '../../helpers/paths';

async function rejection(p: Promise<unknown>): Promise<VigilError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(VigilError);
    return e as VigilError;
  }
  throw new Error('expected the call to fail');
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe('HTTP transport against the browser host', () => {
  const tmp = tempDir('vigil-client-');
  const workspacePath = join(tmp.dir, 'ws.duckdb');
  let server: RunningServer;
  let origin: string;

  beforeAll(async () => {
    server = await startServer({ workspacePath, port: 0 });
    origin = `http://127.0.0.1:${server.port}`;
    await server.engine.workspace.run('CREATE TABLE arrears AS SELECT range AS loan_id, range % 4 AS bucket FROM range(1000)');
  });
  afterAll(async () => {
    await server?.close();
    tmp.cleanup();
  });

  it('calls an operation and returns its typed result', async () => {
    const api = httpCalls(server.token, origin);
    expect(api.host).toBe('browser');
    const info = await api.call('workspace.info', {});
    expect(info.path).toBe(workspacePath);
    const tables = await api.call('workspace.tables', {});
    expect(tables.map((t) => [t.name, t.rows])).toEqual([['arrears', 1000]]);
  });

  it('brings Arrow bytes back as a Uint8Array the grid decodes, dates and NULLs included', async () => {
    const r = await httpCalls(server.token, origin).call('workspace.query', {
      sql: `SELECT bucket, count(*) AS n, DATE '2024-06-30' + bucket::INTEGER AS as_of, NULLIF(bucket, 0) AS non_zero
            FROM arrears GROUP BY 1 ORDER BY 1`,
    });
    expect(r.rowCount).toBe(4);
    expect(r.arrow).toBeInstanceOf(Uint8Array);
    expect(decodeRows(r.arrow)).toEqual([
      ['0', '250', '2024-06-30', null],
      ['1', '250', '2024-07-01', '1'],
      ['2', '250', '2024-07-02', '2'],
      ['3', '250', '2024-07-03', '3'],
    ]);
  });

  it("rejects with the engine's error kind, message and details", async () => {
    const e = await rejection(httpCalls(server.token, origin).call('workspace.query', { sql: 'DELETE FROM arrears' }));
    expect(e.kind).toBe('bad_input');
    expect(e.message).toMatch(/read-only/i);
    const missing = await rejection(httpCalls(server.token, origin).call('workspace.preview', { table: 'no_such_table', offset: 0, limit: 10 }));
    expect(missing.kind).toBe('not_found');
  });

  it('a wrong token is refused with a readable error, not a crash', async () => {
    const e = await rejection(httpCalls('0'.repeat(64), origin).call('workspace.info', {}));
    expect(e.kind).toBe('bad_input');
    expect(e.message).toMatch(/token/i);
  });

  it('cancels a running job by the id the client chose', async () => {
    const api = httpCalls(server.token, origin);
    const jobId = 'client-test-cancel';
    const running = api.call('sample.generate', { replace: true }, { jobId });
    await until(() => server.engine.runningJobs().includes(jobId), 'the job to start');
    await api.cancel(jobId);
    const e = await rejection(running);
    expect(e.kind).toBe('cancelled');
  });

  it('asks the host for an export path, and the export can be downloaded with the token', async () => {
    const api = httpCalls(server.token, origin);
    const path = await api.saveExportPath('buckets.csv');
    if (path === null) throw new Error('the browser host always gives a path');
    expect(path).toMatch(/buckets.*\.csv$/);
    const done = await api.call('workspace.exportCsv', { sql: 'SELECT bucket, count(*) AS n FROM arrears GROUP BY 1 ORDER BY 1', path });
    expect(done.rows).toBe(4);
    const res = await fetch(`${origin}/api/download?path=${encodeURIComponent(path)}&token=${server.token}`);
    expect(res.status).toBe(200);
    expect((await res.text()).trim().split(/\r?\n/)).toEqual(['bucket,n', '0,250', '1,250', '2,250', '3,250']);
  });

  it('says the host is unreachable when nothing listens', async () => {
    const e = await rejection(httpCalls(server.token, 'http://127.0.0.1:9').call('workspace.info', {}));
    expect(e.details?.transport).toBe('host_unreachable');
  });
});

describe('Electron transport', () => {
  const tmp = tempDir('vigil-client-');
  let engine: Engine;
  /** What main/preload do: relay to the engine and turn a throw into `{ ok: false, error }`. */
  let bridge: VigilBridge;
  let picked: string | null = null;

  beforeAll(async () => {
    engine = await createEngine({ workspacePath: join(tmp.dir, 'ws.duckdb') });
    bridge = {
      host: 'electron',
      call: (op, args, jobId) =>
        engine.callUnknown(op, args, jobId).then(
          (result) => ({ ok: true as const, result }),
          (e: unknown) => ({ ok: false as const, error: toErrorShape(e) }),
        ),
      cancel: async (jobId) => {
        engine.cancel(jobId);
      },
      onProgress: (cb) => engine.onProgress(cb),
      pickFile: async () => picked,
      savePath: async (name) => join(tmp.dir, name),
    };
  });
  afterAll(async () => {
    await engine?.close();
    tmp.cleanup();
  });

  it('unwraps results and turns error replies into VigilErrors', async () => {
    const api = electronClient(bridge);
    expect((await api.call('workspace.info', {})).tables).toBe(0);
    const e = await rejection(api.call('workspace.drop', { table: 'missing' }));
    expect(e.kind).toBe('not_found');
  });

  it('reports progress of every job through the bridge', async () => {
    const api = electronClient(bridge);
    const seen: string[] = [];
    const off = api.onProgress((p) => seen.push(`${p.op}:${p.state}`));
    await api.call('workspace.info', {}, { jobId: 'progress-test' });
    off();
    expect(seen).toContain('workspace.info:running');
    expect(seen).toContain('workspace.info:done');
  });

  it('says the engine is gone when the bridge itself fails', async () => {
    const broken: VigilBridge = { ...bridge, call: () => Promise.reject(new Error('channel closed')) };
    const e = await rejection(electronClient(broken).call('workspace.info', {}));
    expect(e.details?.transport).toBe('engine_gone');
  });

  it('names a picked file by its own name, whatever the path separator', async () => {
    const api = electronClient(bridge);
    picked = '/home/analyst/extracts/loan_tape_2024-06.csv';
    expect(await api.pickImportFile()).toEqual({ path: picked, name: 'loan_tape_2024-06.csv', sizeBytes: null });
    picked = 'C:\\Users\\analyst\\贷款明细.xlsx';
    expect((await api.pickImportFile())?.name).toBe('贷款明细.xlsx');
    picked = null;
    expect(await api.pickImportFile()).toBeNull();
    expect(await api.saveExportPath('q.csv')).toBe(join(tmp.dir, 'q.csv'));
  });
});
