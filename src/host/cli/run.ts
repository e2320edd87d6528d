/**
 * The CLI runner: parse, open the workspace only when a command needs it, run, print, and map the
 * outcome to an exit code. Everything the process provides (streams, signals, cwd) comes in through
 * `CliIo`, so the same runner works under `bin/vigil.mjs` and in tests.
 */
import { randomUUID } from 'node:crypto';
import type { ArgsOf, OpName, ResultOf } from '../../api/index';
import { cancelled, toErrorShape, type ErrorShape } from '../../api/errors';
import { defaultWorkspacePath, resolveWorkspacePath } from '../app-data';
import { createEngine, type Engine } from '../engine';
import { toJson } from '../wire';
import { COMMANDS } from './commands';
import type { CliCommand } from './command';
import { EXIT, exitCodeFor } from './exit-codes';
import { commandHelp, generalHelp, helpJson } from './help';
import { parseCommandLine, wantsJson } from './parse';
import { ProgressReporter, type ProgressSink } from './progress';

export interface CliIo {
  stdout: { write(chunk: string): unknown };
  stderr: ProgressSink;
  cwd: string;
  /** Subscribe to the user's interrupt (Ctrl-C); returns an unsubscribe. */
  onInterrupt(listener: () => void): () => void;
}

/** One engine per CLI run, opened lazily; tracks the running job so Ctrl-C can cancel it. */
class CliSession {
  private engine: Promise<Engine> | null = null;
  private currentJob: string | null = null;
  private interrupted = false;

  constructor(
    private readonly workspacePath: string,
    private readonly progress: ProgressReporter,
    private readonly stderr: ProgressSink,
  ) {}

  private open(): Promise<Engine> {
    this.engine ??= createEngine({ workspacePath: this.workspacePath }).then((e) => {
      e.onProgress((p) => {
        if (p.jobId === this.currentJob) this.progress.update(p);
      });
      return e;
    });
    return this.engine;
  }

  call = async <K extends OpName>(op: K, args: ArgsOf<K>): Promise<ResultOf<K>> => {
    if (this.interrupted) throw cancelled();
    const engine = await this.open();
    if (this.interrupted) throw cancelled();
    const jobId = randomUUID();
    this.currentJob = jobId;
    try {
      return await engine.call(op, args, jobId);
    } finally {
      this.currentJob = null;
      this.progress.clear();
    }
  };

  interrupt(): void {
    if (this.interrupted) return;
    this.interrupted = true;
    this.progress.clear();
    this.stderr.write('Cancelling... (press Ctrl-C again to quit at once)\n');
    const job = this.currentJob;
    if (job !== null) void this.engine?.then((e) => e.cancel(job));
  }

  /** Closing lets DuckDB checkpoint, so the next open is fast and the file is self-contained. */
  async close(): Promise<void> {
    if (!this.engine) return;
    const e = await this.engine.catch(() => null);
    await e?.close();
  }
}

function printError(io: CliIo, json: boolean, shape: ErrorShape): void {
  const where = shape.details
    ? Object.entries(shape.details)
        // Only what the message does not already say: the file, line and column a user goes looking for.
        .filter(([, v]) => v !== undefined && v !== null && typeof v !== 'object' && !shape.message.includes(String(v)))
        .map(([k, v]) => `${k}: ${String(v)}`)
        .join(', ')
    : '';
  io.stderr.write(`vigil: ${shape.message}${where ? `\n  (${where})` : ''}\n`);
  if (json) io.stdout.write(toJson({ error: shape }) + '\n');
}

export async function runCli(argv: readonly string[], io: CliIo, commands: readonly CliCommand[] = COMMANDS): Promise<number> {
  const json = wantsJson(argv);
  let session: CliSession | null = null;
  let interruptedEarly = false;
  const stopListening = io.onInterrupt(() => {
    if (session) session.interrupt();
    else interruptedEarly = true;
  });
  try {
    const line = parseCommandLine(argv, commands);
    if (line.kind === 'help') {
      if (json) io.stdout.write(toJson(line.topic ? helpJson([line.topic]) : helpJson(commands)) + '\n');
      else io.stdout.write((line.topic ? commandHelp(line.topic) : generalHelp(commands, defaultWorkspacePath())) + '\n');
      return EXIT.ok;
    }
    session = new CliSession(resolveWorkspacePath(line.workspace, io.cwd), new ProgressReporter(io.stderr), io.stderr);
    if (interruptedEarly) session.interrupt();
    const out = await line.command.run({ args: line.args, options: line.options, cwd: io.cwd, call: session.call });
    io.stdout.write((json ? toJson(out.json) : out.text) + '\n');
    return EXIT.ok;
  } catch (e) {
    const shape = toErrorShape(e);
    printError(io, json, shape);
    return exitCodeFor(shape.kind);
  } finally {
    stopListening();
    await session?.close();
  }
}
