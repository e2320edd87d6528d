/**
 * The browser host over real HTTP on 127.0.0.1, with a real workspace: the three guards (Host,
 * Origin, token), calls, errors, progress events, cancel, upload, export and download.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromJson } from '../../../src/api/wire-json';
import type { JobProgress } from '../../../src/api/jobs';
import { startServer, type RunningServer } from '../../../src/host/server';
import { tempDir, UCI_CSV } from '../../helpers/paths';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Raw HTTP, so tests control every header (fetch would refuse to forge Host). */
function http(
  port: number,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: { host: `127.0.0.1:${port}`, ...opts.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const tmp = tempDir('vigil-server-');
const rendererDir = join(tmp.dir, 'renderer');
let srv: RunningServer;

function api(path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return http(srv.port, {
    method: body === undefined ? 'GET' : 'POST',
    path,
    headers: { 'x-vigil-token': srv.token, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function call(op: string, args: unknown, jobId?: string): Promise<{ ok: boolean; result?: unknown; error?: { kind: string; message: string } }> {
  const r = await api('/api/call', { op, args, jobId });
  expect(r.status).toBe(200);
  return fromJson(r.body) as { ok: boolean; result?: unknown; error?: { kind: string; message: string } };
}

beforeAll(async () => {
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Vigil</title><script type="module" src="/assets/app.js"></script>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("vigil")');
  srv = await startServer({ workspacePath: join(tmp.dir, 'ws.duckdb'), rendererDir });
});

afterAll(async () => {
  await srv?.close();
  tmp.cleanup();
});

describe('guards', () => {
  it('listens on 127.0.0.1 only and prints a tokened URL', () => {
    expect(srv.url).toBe(`http://127.0.0.1:${srv.port}/?token=${srv.token}`);
    expect(srv.token).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is not reachable on other interfaces', async () => {
    const { networkInterfaces } = await import('node:os');
    const external = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal);
    if (!external) {
      // No other interface on this machine: the bind address is still asserted through a wrong-address request.
      await expect(
        new Promise((resolve, reject) => request({ host: '::1', port: srv.port, path: '/' }, resolve).on('error', reject).end()),
      ).rejects.toThrow();
      return;
    }
    await expect(
      new Promise((resolve, reject) => request({ host: external.address, port: srv.port, path: '/' }, resolve).on('error', reject).end()),
    ).rejects.toThrow(/ECONNREFUSED/);
  });

  it('a missing or wrong token is 401 with an error body', async () => {
    const none = await http(srv.port, { method: 'POST', path: '/api/call', body: '{"op":"workspace.info","args":{}}' });
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body)).toMatchObject({ ok: false, error: { kind: 'bad_input' } });
    const wrong = await api('/api/call', { op: 'workspace.info', args: {} }, { 'x-vigil-token': 'f'.repeat(64) });
    expect(wrong.status).toBe(401);
    const wrongQuery = await http(srv.port, { path: `/api/events?token=${'0'.repeat(64)}` });
    expect(wrongQuery.status).toBe(401);
  });

  it('a foreign Host header is 403 even with the right token (DNS rebinding)', async () => {
    const r = await api('/api/call', { op: 'workspace.info', args: {} }, { host: `evil.example:${srv.port}` });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { kind: 'bad_input' } });
    const page = await http(srv.port, { path: '/', headers: { host: `evil.example:${srv.port}` } });
    expect(page.status).toBe(403);
    const localhost = await api('/api/call', { op: 'workspace.frobnicate', args: {} }, { host: `localhost:${srv.port}` });
    expect(localhost.status).toBe(200);
  });

  it('a foreign Origin is 403; our own origin is accepted', async () => {
    const evil = await api('/api/call', { op: 'workspace.info', args: {} }, { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    const nullOrigin = await api('/api/call', { op: 'workspace.info', args: {} }, { origin: 'null' });
    expect(nullOrigin.status).toBe(403);
    const ours = await api('/api/call', { op: 'workspace.frobnicate', args: {} }, { origin: `http://127.0.0.1:${srv.port}` });
    expect(ours.status).toBe(200);
  });

  it('malformed JSON is 400 with an error body', async () => {
    const r = await http(srv.port, { method: 'POST', path: '/api/call', headers: { 'x-vigil-token': srv.token }, body: '{"op":' });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { kind: 'bad_input', message: expect.stringMatching(/not valid JSON/) } });
  });

  it('an unknown api route is 404', async () => {
    const r = await api('/api/nothing-here', {});
    expect(r.status).toBe(404);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { kind: 'not_found' } });
  });
});

describe('renderer files', () => {
  it('serves the page and assets without a token, with the CSP', async () => {
    const page = await http(srv.port, { path: '/?token=whatever' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Vigil</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const js = await http(srv.port, { path: '/assets/app.js' });
    expect(js.headers['content-type']).toMatch(/javascript/);
  });

  it('never serves files outside the renderer folder', async () => {
    writeFileSync(join(tmp.dir, 'secret.txt'), 'secret');
    const r = await http(srv.port, { path: '/..%2fsecret.txt' });
    expect(r.status).toBe(404);
    expect(r.body).not.toContain('secret');
  });

  it('says how to build when the renderer is missing', async () => {
    const bare = await startServer({ workspacePath: join(tmp.dir, 'bare.duckdb'), rendererDir: join(tmp.dir, 'no-renderer') });
    try {
      const r = await http(bare.port, { path: '/' });
      expect(r.status).toBe(503);
      expect(r.body).toBe('Renderer not built: run npm run build');
    } finally {
      await bare.close();
    }
  });
});

describe('api', () => {
  it('a call round-trips: workspace.info', async () => {
    const r = await call('workspace.info', {});
    expect(r.ok).toBe(true);
    expect(r.result).toMatchObject({ path: join(tmp.dir, 'ws.duckdb') });
  });

  it('an error arrives as { ok: false, error: { kind } }', async () => {
    const unknown = await call('workspace.frobnicate', {});
    expect(unknown).toMatchObject({ ok: false, error: { kind: 'bad_input' } });
    const missing = await call('workspace.profile', { table: 'no_such_table' });
    expect(missing).toMatchObject({ ok: false, error: { kind: 'not_found' } });
  });

  it('progress events arrive on /api/events during a job, and cancel stops it', async () => {
    const events: JobProgress[] = [];
    let buffer = '';
    const stream = request({
      host: '127.0.0.1',
      port: srv.port,
      path: `/api/events?token=${srv.token}`,
      headers: { host: `127.0.0.1:${srv.port}` },
    });
    const opened = new Promise<void>((resolve, reject) => {
      stream.on('response', (res) => {
        expect(res.headers['content-type']).toMatch(/text\/event-stream/);
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let i: number;
          while ((i = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, i);
            buffer = buffer.slice(i + 2);
            for (const line of block.split('\n')) if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)) as JobProgress);
          }
        });
        resolve();
      });
      stream.on('error', reject);
    });
    stream.end();
    await opened;

    // A query that would run for minutes: only a working cancel ends it.
    const jobId = 'slow-query';
    const pending = call('workspace.query', { sql: 'SELECT count(*) AS n FROM range(100000) a, range(100000) b WHERE (a.range * b.range) % 7 = 3' }, jobId);
    const deadline = Date.now() + 30_000;
    while (!events.some((e) => e.jobId === jobId && e.state === 'running') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(events.find((e) => e.jobId === jobId)).toMatchObject({ op: 'workspace.query', state: 'running' });

    const cancel = await api('/api/cancel', { jobId });
    expect(JSON.parse(cancel.body)).toMatchObject({ ok: true, result: { cancelled: true } });
    const result = await pending;
    expect(result).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    while (!events.some((e) => e.jobId === jobId && e.state === 'cancelled') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(events.filter((e) => e.jobId === jobId).at(-1)?.state).toBe('cancelled');
    stream.destroy();
  });

  it('upload streams a file into the upload folder, then imports from there', async () => {
    const bytes = readFileSync(UCI_CSV);
    const r = await http(srv.port, {
      method: 'POST',
      path: `/api/upload?name=${encodeURIComponent('UCI credit card.csv')}`,
      headers: { 'x-vigil-token': srv.token, 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    expect(r.status).toBe(200);
    const { path } = (JSON.parse(r.body) as { result: { path: string } }).result;
    expect(path.startsWith(tmp.dir)).toBe(false);
    expect(path).toMatch(/[\\/]uploads[\\/][0-9a-f]{16}[\\/]UCI credit card\.csv$/);
    expect(readFileSync(path).equals(bytes)).toBe(true);
    const imported = await call('workspace.import', { path, table: 'uci', sourceName: 'UCI credit card.csv' });
    expect(imported).toMatchObject({ ok: true, result: { table: 'uci', rows: 30000 } });
  });

  it('an upload name cannot climb out of the upload folder', async () => {
    const r = await http(srv.port, {
      method: 'POST',
      path: `/api/upload?name=${encodeURIComponent('../../evil.csv')}`,
      headers: { 'x-vigil-token': srv.token },
      body: 'a,b\n1,2\n',
    });
    const { path } = (JSON.parse(r.body) as { result: { path: string } }).result;
    expect(path).toMatch(/[\\/]uploads[\\/][0-9a-f]{16}[\\/]evil\.csv$/);
  });

  it('export-path gives a fresh path in the export folder, and download streams it back', async () => {
    const r = await api('/api/export-path', { name: '迁移矩阵.csv' });
    const { path } = (JSON.parse(r.body) as { result: { path: string } }).result;
    expect(path).toMatch(/[\\/]exports[\\/][0-9a-f]{16}[\\/]迁移矩阵\.csv$/);
    expect(existsSync(path)).toBe(false);
    writeFileSync(path, 'tier,count\nnormal,10\n');
    const d = await http(srv.port, { path: `/api/download?path=${encodeURIComponent(path)}&token=${srv.token}` });
    expect(d.status).toBe(200);
    expect(d.body).toBe('tier,count\nnormal,10\n');
    expect(d.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('迁移矩阵.csv')}`);
  });

  it('download of anything outside the export folder is 403', async () => {
    writeFileSync(join(tmp.dir, 'private.csv'), 'secret');
    for (const path of [join(tmp.dir, 'private.csv'), join(tmp.dir, 'ws.duckdb'), '/etc/passwd']) {
      const d = await http(srv.port, { path: `/api/download?path=${encodeURIComponent(path)}&token=${srv.token}` });
      expect(d.status, path).toBe(403);
      expect(d.body).not.toContain('secret');
    }
    const exportPath = (JSON.parse((await api('/api/export-path', { name: 'x.csv' })).body) as { result: { path: string } }).result.path;
    const climb = `${exportPath}/../../../../private.csv`;
    const d = await http(srv.port, { path: `/api/download?path=${encodeURIComponent(climb)}&token=${srv.token}` });
    expect(d.status).toBe(403);
    const noToken = await http(srv.port, { path: `/api/download?path=${encodeURIComponent(exportPath)}` });
    expect(noToken.status).toBe(401);
  });

  it('close deletes uploads and exports', async () => {
    const other = await startServer({ workspacePath: join(tmp.dir, 'other.duckdb'), rendererDir });
    const r = await http(other.port, {
      method: 'POST',
      path: '/api/upload?name=a.csv',
      headers: { 'x-vigil-token': other.token },
      body: 'a\n1\n',
    });
    const { path } = (JSON.parse(r.body) as { result: { path: string } }).result;
    expect(existsSync(path)).toBe(true);
    await other.close();
    expect(existsSync(path)).toBe(false);
  });
});
