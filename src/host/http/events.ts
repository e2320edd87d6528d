/**
 * Job progress to the browser as Server-Sent Events: EventSource reconnects on its own and needs
 * no library. A comment line every 15 s keeps proxies and idle timeouts from closing the stream.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JobProgress } from '../../api/jobs';
import type { Engine } from '../engine';

const PING_MS = 15_000;

export class ProgressStream {
  private readonly clients = new Set<ServerResponse>();
  private readonly unsubscribe: () => void;
  private readonly ping: NodeJS.Timeout;

  constructor(engine: Engine) {
    this.unsubscribe = engine.onProgress((p) => this.broadcast(p));
    this.ping = setInterval(() => this.write(': ping\n\n'), PING_MS);
    this.ping.unref();
  }

  attach(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      connection: 'keep-alive',
    });
    // Flush headers now so the browser's EventSource reports "open" before the first job.
    res.write('retry: 2000\n: connected\n\n');
    this.clients.add(res);
    const drop = () => this.clients.delete(res);
    req.on('close', drop);
    res.on('close', drop);
  }

  private broadcast(p: JobProgress): void {
    this.write(`data: ${JSON.stringify(p)}\n\n`);
  }

  private write(chunk: string): void {
    for (const res of this.clients) if (!res.writableEnded) res.write(chunk);
  }

  close(): void {
    clearInterval(this.ping);
    this.unsubscribe();
    for (const res of this.clients) res.end();
    this.clients.clear();
  }
}
