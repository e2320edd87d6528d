/**
 * Main's engine bridge against the real engine-port code and a real DuckDB workspace, joined by an
 * in-memory message channel that clones like Electron's IPC does. Only the process boundary is faked.
 */
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../src/api/jobs';
import { createEngine } from '../../../src/host/engine';
import { serveEngineOverPort } from '../../../src/host/engine-port';
import type { FromEngine, ToEngine } from '../../../src/host/engine-protocol';
import { EngineBridge, type EngineChild } from '../../../main/engine-bridge';
import { tempDir } from '../../helpers/paths';

const tmp = tempDir('vigil-bridge-');
afterAll(() => tmp.cleanup());

/** A child "process" running the engine in this process; exit() mimics the process ending. */
class InProcessEngine extends EventEmitter implements EngineChild {
  readonly sent: ToEngine[] = [];
  private readonly port = new EventEmitter();
  exitCode: number | null = null;

  constructor(readonly workspacePath: string) {
    super();
    serveEngineOverPort(
      {
        on: (event, listener) => this.port.on(event, listener),
        postMessage: (m: FromEngine) => setImmediate(() => this.exitCode === null && this.emit('message', structuredClone(m))),
      },
      () => createEngine({ workspacePath }),
      (code) => this.exit(code),
    );
  }

  postMessage(message: ToEngine): void {
    this.sent.push(message);
    setImmediate(() => this.port.emit('message', { data: structuredClone(message) }));
  }

  kill(): boolean {
    this.exit(137);
    return true;
  }

  exit(code: number): void {
    if (this.exitCode !== null) return;
    this.exitCode = code;
    setImmediate(() => this.emit('exit', code));
  }
}

function bridgeOn(path: string) {
  const children: InProcessEngine[] = [];
  const bridge = new EngineBridge((p) => {
    const c = new InProcessEngine(p);
    children.push(c);
    return c;
  }, path);
  return { bridge, children };
}

describe('EngineBridge', () => {
  it('answers calls with { ok, error } shapes: an unknown operation is bad_input', async () => {
    const { bridge } = bridgeOn(join(tmp.dir, 'a.duckdb'));
    const reply = await bridge.call('workspace.frobnicate', {});
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.kind).toBe('bad_input');
      expect(reply.error.message).toMatch(/Unknown operation/);
    }
    await bridge.close();
  });

  it('forwards the progress events of a job to its listeners', async () => {
    const { bridge } = bridgeOn(join(tmp.dir, 'b.duckdb'));
    const seen: JobProgress[] = [];
    bridge.onProgress((p) => seen.push(p));
    await bridge.call('workspace.info', {}, 'job-progress');
    const mine = seen.filter((p) => p.jobId === 'job-progress');
    expect(mine[0]).toMatchObject({ op: 'workspace.info', state: 'running' });
    expect(['done', 'failed']).toContain(mine[mine.length - 1].state);
    await bridge.close();
  });

  it('close asks the engine to close the workspace and waits for the process to end', async () => {
    const { bridge, children } = bridgeOn(join(tmp.dir, 'c.duckdb'));
    bridge.start();
    await bridge.close();
    expect(children[0].sent).toContainEqual({ type: 'close' });
    expect(children[0].exitCode).toBe(0);
    const after = await bridge.call('workspace.info', {});
    expect(after).toMatchObject({ ok: false, error: { kind: 'internal', message: 'Vigil is closing.' } });
    // The file was released: another engine can open it at once.
    const again = await createEngine({ workspacePath: join(tmp.dir, 'c.duckdb') });
    await again.close();
  });

  it('a workspace that cannot be opened is reported as fatal, the waiting call gets the reason, and the next call retries', async () => {
    const dir = join(tmp.dir, 'not-a-file.duckdb');
    mkdirSync(dir);
    const { bridge, children } = bridgeOn(dir);
    const fatal: string[] = [];
    bridge.onFatal((e) => fatal.push(e.message));
    const reply = await bridge.call('workspace.info', {});
    expect(reply).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    if (!reply.ok) expect(reply.error.message).toContain(dir);
    expect(fatal).toHaveLength(1);
    expect(fatal[0]).toContain(dir);
    expect(children[0].exitCode).toBe(137); // stopped by the bridge
    await bridge.call('workspace.info', {});
    expect(children).toHaveLength(2);
    expect(fatal).toHaveLength(2);
    await bridge.close();
  });

  it('an engine that dies fails the pending calls, and the next call starts a fresh engine', async () => {
    const { bridge, children } = bridgeOn(join(tmp.dir, 'd.duckdb'));
    bridge.start();
    const pending = bridge.call('workspace.info', {});
    children[0].exit(139); // e.g. a native crash, before the reply is sent
    const reply = await pending;
    expect(reply).toMatchObject({ ok: false, error: { kind: 'internal' } });
    if (!reply.ok) expect(reply.error.message).toMatch(/stopped unexpectedly \(exit code 139\)/);
    const next = await bridge.call('workspace.frobnicate', {});
    expect(children).toHaveLength(2);
    expect(next).toMatchObject({ ok: false, error: { kind: 'bad_input' } });
    await bridge.close();
  });

  it('switching workspace closes the current engine and opens the new file on the next call', async () => {
    const first = join(tmp.dir, 'e1.duckdb');
    const second = join(tmp.dir, 'e2.duckdb');
    const { bridge, children } = bridgeOn(first);
    bridge.start();
    await bridge.switchWorkspace(second);
    expect(children[0].exitCode).toBe(0);
    expect(bridge.workspacePath).toBe(second);
    await bridge.call('workspace.info', {});
    expect(children[1].workspacePath).toBe(second);
    await bridge.close();
  });
});
