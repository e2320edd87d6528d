/**
 * Main's side of the engine process: forwards calls, matches replies, fans out progress, and
 * survives the engine going away. If the process dies (a native crash in DuckDB, an out-of-memory
 * kill) the pending calls fail with a clear message and the next call starts a fresh engine.
 */
import type { ErrorShape } from '../src/api/errors';
import type { JobProgress } from '../src/api/jobs';
import type { CallReply, FromEngine, ToEngine } from '../src/host/engine-protocol';

/** The part of Electron's UtilityProcess the bridge uses (tests pass a fake). */
export interface EngineChild {
  postMessage(message: ToEngine): void;
  on(event: 'message', listener: (message: FromEngine) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export type ForkEngine = (workspacePath: string) => EngineChild;

const CLOSE_GRACE_MS = 10_000;

function internal(message: string, details?: Record<string, unknown>): ErrorShape {
  return details ? { kind: 'internal', message, details } : { kind: 'internal', message };
}

export class EngineBridge {
  private child: EngineChild | null = null;
  private exited: Promise<void> = Promise.resolve();
  private nextId = 1;
  /** Calls waiting for a reply, with the process they were sent to (an old process may exit after a new one starts). */
  private readonly pending = new Map<number, { child: EngineChild; reply: (reply: CallReply) => void }>();
  private readonly progressListeners = new Set<(p: JobProgress) => void>();
  private readonly fatalListeners = new Set<(e: ErrorShape) => void>();
  private closed = false;

  constructor(
    private readonly fork: ForkEngine,
    private path: string,
  ) {}

  get workspacePath(): string {
    return this.path;
  }

  private ensureChild(): EngineChild {
    if (this.child) return this.child;
    const child = this.fork(this.path);
    this.child = child;
    this.exited = new Promise((resolve) => {
      child.on('exit', (code) => {
        if (this.child === child) this.child = null;
        // Whatever was in flight will never be answered by this process.
        const message =
          code === 0 ? 'The engine stopped before answering.' : `The engine stopped unexpectedly (exit code ${code}); try again.`;
        this.failPending(child, internal(message, { exitCode: code }));
        resolve();
      });
    });
    child.on('message', (m) => this.receive(child, m));
    return child;
  }

  private failPending(child: EngineChild, error: ErrorShape): void {
    for (const [id, p] of this.pending) {
      if (p.child !== child) continue;
      this.pending.delete(id);
      p.reply({ ok: false, error });
    }
  }

  private receive(child: EngineChild, m: FromEngine): void {
    switch (m.type) {
      case 'reply': {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        p?.reply(m.ok ? { ok: true, result: m.result } : { ok: false, error: m.error });
        break;
      }
      case 'progress':
        for (const l of this.progressListeners) l(m.progress);
        break;
      case 'fatal':
        this.failWorkspace(child, m.error);
        break;
      case 'ready':
        break;
    }
  }

  /** Start the engine now, so a workspace that cannot be opened is reported at launch, not on first use. */
  start(): void {
    if (!this.closed) this.ensureChild();
  }

  /**
   * The engine could not open the workspace: every waiting call gets that reason, and the process is
   * dropped so the next call tries again (the other program holding the file may have closed it).
   */
  private failWorkspace(child: EngineChild, error: ErrorShape): void {
    this.failPending(child, error);
    for (const l of this.fatalListeners) l(error);
    if (this.child === child) this.child = null;
    child.kill();
  }

  /** Never rejects: the renderer always gets `{ ok, result | error }`. */
  call(op: string, args: unknown, jobId?: string): Promise<CallReply> {
    if (this.closed) return Promise.resolve({ ok: false, error: internal('Vigil is closing.') });
    const id = this.nextId++;
    return new Promise((reply) => {
      const child = this.ensureChild();
      this.pending.set(id, { child, reply });
      child.postMessage({ type: 'call', id, op, args, ...(jobId !== undefined ? { jobId } : {}) });
    });
  }

  cancel(jobId: string): void {
    this.child?.postMessage({ type: 'cancel', jobId });
  }

  onProgress(listener: (p: JobProgress) => void): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  /** The workspace could not be opened (usually: another Vigil has the file open). */
  onFatal(listener: (e: ErrorShape) => void): () => void {
    this.fatalListeners.add(listener);
    return () => this.fatalListeners.delete(listener);
  }

  /** Ask the engine to close its workspace (DuckDB checkpoints), and kill it if it does not in time. */
  private async stopChild(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.postMessage({ type: 'close' });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), CLOSE_GRACE_MS);
    });
    const outcome = await Promise.race([this.exited.then(() => 'exited' as const), timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      child.kill();
      await this.exited;
    }
  }

  /** File > Open workspace: close the current one, open the next on the first call. */
  async switchWorkspace(path: string): Promise<void> {
    await this.stopChild();
    this.path = path;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.stopChild();
  }
}
