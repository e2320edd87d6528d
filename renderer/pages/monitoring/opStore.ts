/**
 * The Monitoring page's results: each engine operation the page needs (a classification, a migration
 * matrix, the warnings...) runs once as a job and its answer is kept, so switching tabs does not
 * compute again. Jobs run one after another: several of them rebuild the same `<panel>_tiers`
 * table, and one at a time is also what a two-core desk machine can bear.
 */
import { createContext, useContext, useEffect, useRef, useSyncExternalStore } from 'react';
import type { ArgsOf, OpName, ResultOf } from '../../../src/api/index';
import { toErrorShape, type ErrorShape } from '../../../src/api/errors';

export type OpEntry<K extends OpName = OpName> =
  | { state: 'queued' }
  | { state: 'running'; jobId: string }
  | { state: 'done'; result: ResultOf<K> }
  | { state: 'failed'; error: ErrorShape }
  | { state: 'cancelled' };

export type StartJob = <K extends OpName>(op: K, args: ArgsOf<K>) => { jobId: string; result: Promise<ResultOf<K>> };

interface Pending {
  key: string;
  run(): Promise<void>;
}

/** A stable key for an operation and its arguments (object keys sorted, so equal arguments match). */
export function opKey(op: OpName, args: unknown): string {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sorted)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, sorted(x)]))
        : v;
  return `${op} ${JSON.stringify(sorted(args))}`;
}

export class OpStore {
  private entries = new Map<string, OpEntry>();
  private queue: Pending[] = [];
  private running: { key: string; jobId: string } | null = null;
  private pumping = false;
  /**
   * The latest request of each key: an answer is kept only if its request is still the latest, so
   * the answer of a job started before a reset() or forget() never lands on the new state.
   */
  private tickets = new Map<string, object>();
  private listeners = new Set<() => void>();

  constructor(
    private readonly start: StartJob,
    private readonly cancelJob: (jobId: string) => Promise<void>,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get<K extends OpName>(key: string): OpEntry<K> | undefined {
    return this.entries.get(key) as OpEntry<K> | undefined;
  }

  /** Queue the operation unless it already has an entry (done, waiting, running, failed or cancelled). */
  request<K extends OpName>(op: K, args: ArgsOf<K>): string {
    const key = opKey(op, args);
    if (!this.entries.has(key)) this.enqueue(key, op, args);
    return key;
  }

  /** Run again, whatever the last outcome was. */
  rerun<K extends OpName>(op: K, args: ArgsOf<K>): void {
    const key = opKey(op, args);
    const entry = this.entries.get(key);
    if (entry?.state === 'queued' || entry?.state === 'running') return;
    this.enqueue(key, op, args);
  }

  cancel(key: string): void {
    const entry = this.entries.get(key);
    if (entry?.state === 'queued') {
      this.queue = this.queue.filter((p) => p.key !== key);
      this.set(key, { state: 'cancelled' });
    } else if (entry?.state === 'running') {
      void this.cancelJob(entry.jobId);
    }
  }

  /** Forget every answer (the data changed): what is on screen asks again. */
  reset(): void {
    this.queue = [];
    if (this.running) void this.cancelJob(this.running.jobId);
    this.running = null;
    this.tickets = new Map();
    this.entries = new Map();
    this.emit();
  }

  /**
   * Forget the answers of some operations only (a saved rule changed what they compute): what is on
   * screen asks again; the rest (a classification, a migration matrix) is kept.
   */
  forget(ops: readonly OpName[]): void {
    const stale = (key: string) => ops.some((op) => key.startsWith(`${op} `));
    this.queue = this.queue.filter((p) => !stale(p.key));
    if (this.running && stale(this.running.key)) void this.cancelJob(this.running.jobId);
    this.tickets = new Map([...this.tickets].filter(([key]) => !stale(key)));
    this.entries = new Map([...this.entries].filter(([key]) => !stale(key)));
    this.emit();
  }

  private enqueue<K extends OpName>(key: string, op: K, args: ArgsOf<K>): void {
    const ticket = {};
    this.tickets.set(key, ticket);
    const current = () => this.tickets.get(key) === ticket;
    this.set(key, { state: 'queued' });
    this.queue.push({
      key,
      run: async () => {
        const job = this.start(op, args);
        this.running = { key, jobId: job.jobId };
        if (current()) this.set(key, { state: 'running', jobId: job.jobId });
        let entry: OpEntry;
        try {
          entry = { state: 'done', result: await job.result };
        } catch (e) {
          const error = toErrorShape(e);
          entry = error.kind === 'cancelled' ? { state: 'cancelled' } : { state: 'failed', error };
        }
        if (this.running?.jobId === job.jobId) this.running = null;
        if (current()) this.set(key, entry);
      },
    });
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) await next.run();
    } finally {
      this.pumping = false;
    }
  }

  private set(key: string, entry: OpEntry): void {
    this.entries = new Map(this.entries).set(key, entry);
    this.emit();
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}

/**
 * The answers a saved rule book makes stale. Warning rules change the signals, the watchlist (read
 * through the drill-down), and the layers and cases built on warning levels; desk rules change the
 * layers (and so the cases) and the LGD behind expected loss.
 */
export const STALE_AFTER_WARNING_RULES: readonly OpName[] = ['monitoring.warnings', 'monitoring.warningRules', 'monitoring.drill', 'monitoring.layers', 'monitoring.collections'];
export const STALE_AFTER_DESK_RULES: readonly OpName[] = ['monitoring.layers', 'monitoring.collections'];

export const OpStoreContext = createContext<OpStore | null>(null);

export function useOpStore(): OpStore {
  const store = useContext(OpStoreContext);
  if (!store) throw new Error('useOp outside the Monitoring page');
  return store;
}

export interface OpHandle<K extends OpName> {
  entry: OpEntry<K> | undefined;
  result: ResultOf<K> | null;
  rerun(): void;
  cancel(): void;
}

/**
 * The answer of `op(args)`, asked for when the component shows and kept for the page's lifetime.
 * `args` null means "not yet" (e.g. no panel chosen). `fresh` asks again each time the component
 * shows these arguments: for operations whose answer names a table the next run overwrites.
 */
export function useOp<K extends OpName>(op: K, args: ArgsOf<K> | null, opts: { fresh?: boolean } = {}): OpHandle<K> {
  const store = useOpStore();
  const key = args === null ? null : opKey(op, args);
  const entry = useSyncExternalStore(store.subscribe, () => (key === null ? undefined : store.get<K>(key)));
  const missing = entry === undefined;
  const askedFresh = useRef<string | null>(null);
  useEffect(() => {
    // The key names the arguments exactly, so it stands for them here. Asked again after a reset.
    if (args === null || key === null) return;
    if (opts.fresh && askedFresh.current !== key) {
      askedFresh.current = key;
      store.rerun(op, args);
    } else if (missing) {
      store.request(op, args);
    }
  }, [store, key, missing]);
  return {
    entry,
    result: entry?.state === 'done' ? entry.result : null,
    rerun: () => {
      if (args !== null) store.rerun(op, args);
    },
    cancel: () => {
      if (key !== null) store.cancel(key);
    },
  };
}
