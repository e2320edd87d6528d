/**
 * The browser host: the same engine as the desktop app, behind a small HTTP server on 127.0.0.1.
 * It serves the built renderer and answers the api (see the host protocol in src/host/http/*):
 * POST /api/call, POST /api/cancel, GET /api/events (progress), POST /api/upload,
 * POST /api/export-path, GET /api/download.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { badInput, notFound, toErrorShape } from '../api/errors';
import { createEngine, type Engine } from './engine';
import { ProgressStream } from './http/events';
import { checkHost, checkOrigin, checkToken } from './http/guards';
import { HttpProblem, readJsonObject, sendJson, sendProblem } from './http/respond';
import { serveRenderer } from './http/static-files';
import { TransferFolders } from './http/transfer';

export interface ServerOptions {
  workspacePath: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Built renderer; default out/renderer of this checkout. */
  rendererDir?: string;
  /** Fixed token (tests); default a fresh random 32-byte hex token per launch. */
  token?: string;
}

export interface RunningServer {
  url: string;
  token: string;
  port: number;
  engine: Engine;
  close(): Promise<void>;
}

export const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));

interface Context {
  engine: Engine;
  events: ProgressStream;
  files: TransferFolders;
  token: string;
  port: number;
  rendererDir: string;
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const token = opts.token ?? randomBytes(32).toString('hex');
  const engine = await createEngine({ workspacePath: opts.workspacePath });
  let files: TransferFolders | null = null;
  let server: Server | null = null;
  try {
    files = await TransferFolders.create();
    const ctx: Context = {
      engine,
      events: new ProgressStream(engine),
      files,
      token,
      port: 0,
      rendererDir: opts.rendererDir ?? DEFAULT_RENDERER_DIR,
    };
    const srv = createServer((req, res) => {
      handle(req, res, ctx).catch((e: unknown) => sendProblem(res, e instanceof HttpProblem ? e.status : 500, problemError(e)));
    });
    server = srv;
    // Only the loopback interface: nothing on the network can reach the workspace.
    await new Promise<void>((ok, fail) => {
      srv.once('error', fail);
      srv.listen(opts.port ?? 0, '127.0.0.1', () => {
        srv.off('error', fail);
        ok();
      });
    });
    ctx.port = (srv.address() as AddressInfo).port;
    let closing: Promise<void> | null = null;
    return {
      url: `http://127.0.0.1:${ctx.port}/?token=${token}`,
      token,
      port: ctx.port,
      engine,
      close: () => (closing ??= shutdown(srv, ctx)),
    };
  } catch (e) {
    server?.close();
    await files?.dispose();
    await engine.close();
    throw e;
  }
}

function problemError(e: unknown): unknown {
  return e instanceof HttpProblem ? e.error : e;
}

async function shutdown(server: Server, ctx: Context): Promise<void> {
  ctx.events.close();
  const closed = new Promise<void>((ok) => server.close(() => ok()));
  // Keep-alive sockets would hold close() open until they time out.
  server.closeAllConnections();
  await closed;
  await ctx.engine.close();
  await ctx.files.dispose();
}

async function handle(req: IncomingMessage, res: ServerResponse, ctx: Context): Promise<void> {
  // Host before anything else, static files included: a rebinding page must learn nothing.
  checkHost(req, ctx.port);
  const url = new URL(req.url ?? '/', `http://127.0.0.1:${ctx.port}`);
  if (!url.pathname.startsWith('/api/')) {
    await serveRenderer(req, res, url, ctx.rendererDir);
    return;
  }
  checkOrigin(req, ctx.port);
  checkToken(req, url, ctx.token);
  const route = `${req.method} ${url.pathname}`;
  switch (route) {
    case 'POST /api/call':
      return apiCall(req, res, ctx);
    case 'POST /api/cancel': {
      const body = await readJsonObject(req);
      if (typeof body.jobId !== 'string') throw new HttpProblem(400, badInput('Cancel needs a jobId.'));
      sendJson(res, 200, { ok: true, result: { cancelled: ctx.engine.cancel(body.jobId) } });
      return;
    }
    case 'GET /api/events':
      ctx.events.attach(req, res);
      return;
    case 'POST /api/upload': {
      const name = url.searchParams.get('name');
      if (!name) throw new HttpProblem(400, badInput('An upload needs the original file name (?name=...).'));
      sendJson(res, 200, { ok: true, result: { path: await ctx.files.receiveUpload(req, name) } });
      return;
    }
    case 'POST /api/export-path': {
      const body = await readJsonObject(req);
      if (typeof body.name !== 'string' || body.name === '') throw new HttpProblem(400, badInput('An export path needs a file name.'));
      sendJson(res, 200, { ok: true, result: { path: await ctx.files.freshExportPath(body.name) } });
      return;
    }
    case 'GET /api/download':
      await ctx.files.sendDownload(res, url.searchParams.get('path'));
      return;
    default:
      throw new HttpProblem(404, notFound(`No such api route: ${route}.`, { route }));
  }
}

async function apiCall(req: IncomingMessage, res: ServerResponse, ctx: Context): Promise<void> {
  const body = await readJsonObject(req);
  if (body.jobId !== undefined && typeof body.jobId !== 'string') {
    throw new HttpProblem(400, badInput('jobId must be a string.'));
  }
  // The host names the job when the client did not, so a closed tab can still cancel it.
  const jobId = (body.jobId as string | undefined) ?? randomUUID();
  const abandoned = () => {
    if (!res.writableEnded) ctx.engine.cancel(jobId);
  };
  res.on('close', abandoned);
  try {
    const result = await ctx.engine.callUnknown(body.op, body.args, jobId);
    sendJson(res, 200, { ok: true, result });
  } catch (e) {
    // Handled errors are answers, not protocol failures: 200 keeps the client to one code path.
    sendJson(res, 200, { ok: false, error: toErrorShape(e) });
  } finally {
    res.off('close', abandoned);
  }
}
