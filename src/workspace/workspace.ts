/**
 * The analyst's workspace: one DuckDB file. Each operation takes its own connection
 * (cheap in DuckDB), so a long import does not block a preview, and cancelling one
 * operation interrupts only its own connection.
 */
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { JobContext } from '../api/jobs';
import { cancelled, VigilError } from '../api/errors';
import { toPlain } from './values';

/** Internal tables start with this prefix and never show in the catalog. */
export const INTERNAL_PREFIX = '_vigil_';

export class Workspace {
  private closed = false;
  private constructor(
    readonly path: string,
    readonly instance: DuckDBInstance,
  ) {}

  /** Open (or create) a workspace file. ':memory:' gives a throwaway workspace. */
  static async open(path: string): Promise<Workspace> {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path);
    } catch (e) {
      throw new VigilError('conflict', `Cannot open workspace ${path}: ${(e as Error).message}`, { path });
    }
    const ws = new Workspace(path, instance);
    await ws.withConnection((c) => ensureCatalog(c));
    return ws;
  }

  /**
   * Run `fn` on a fresh connection. With a job context, cancelling interrupts the running statement
   * and the call rejects with a `cancelled` error.
   */
  async withConnection<T>(fn: (c: DuckDBConnection) => Promise<T>, ctx?: JobContext): Promise<T> {
    if (this.closed) throw new VigilError('conflict', 'The workspace is closed.');
    const c = await this.instance.connect();
    const onAbort = () => c.interrupt();
    ctx?.signal.addEventListener('abort', onAbort);
    try {
      ctx?.throwIfCancelled();
      return await fn(c);
    } catch (e) {
      if (ctx?.signal.aborted) throw cancelled();
      throw e;
    } finally {
      ctx?.signal.removeEventListener('abort', onAbort);
      c.closeSync();
    }
  }

  /**
   * Run `fn` inside BEGIN/COMMIT; any error (or cancel) rolls back, so the workspace is exactly as before.
   */
  async transaction<T>(fn: (c: DuckDBConnection) => Promise<T>, ctx?: JobContext): Promise<T> {
    return this.withConnection(async (c) => {
      await c.run('BEGIN TRANSACTION');
      try {
        const out = await fn(c);
        ctx?.throwIfCancelled();
        await c.run('COMMIT');
        return out;
      } catch (e) {
        try {
          await c.run('ROLLBACK');
        } catch {
          /* an interrupted transaction may already be aborted */
        }
        throw e;
      }
    }, ctx);
  }

  /** Rows as plain objects (BigInt -> number, dates -> ISO strings). */
  async all<T = Record<string, unknown>>(sql: string, params?: DuckDBValue[]): Promise<T[]> {
    return this.withConnection((c) => allRows<T>(c, sql, params));
  }

  async run(sql: string, params?: DuckDBValue[]): Promise<void> {
    await this.withConnection(async (c) => {
      await c.run(sql, params);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.instance.closeSync();
  }
}

export async function allRows<T = Record<string, unknown>>(
  c: DuckDBConnection,
  sql: string,
  params?: DuckDBValue[],
): Promise<T[]> {
  const reader = await c.runAndReadAll(sql, params);
  return reader.getRowObjects().map((r) => toPlain(r) as T);
}

/** Quote an identifier for DuckDB: always, whatever the name. */
export function q(ident: string): string {
  return '"' + ident.replaceAll('"', '""') + '"';
}

async function ensureCatalog(c: DuckDBConnection): Promise<void> {
  await c.run(`CREATE TABLE IF NOT EXISTS ${INTERNAL_PREFIX}catalog (
    table_name VARCHAR PRIMARY KEY,
    source_file VARCHAR,
    imported_at TIMESTAMP,
    kind VARCHAR NOT NULL DEFAULT 'data'
  )`);
}
