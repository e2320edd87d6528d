import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { VigilError } from '../../../src/api/errors';
import { generatePortfolio } from '../../../src/sample/generate';
import { sampleHandlers } from '../../../src/sample/handlers';
import { SAMPLE_TABLES, sampleColumns } from '../../../src/sample/schema';
import { Workspace, q } from '../../../src/workspace/workspace';
import { tempDir } from '../../helpers/paths';
import { testContext } from '../../helpers/job-context';

// Behaviour of the generator as a job: determinism, conflicts, replace, cancel, catalog, progress.
// Small portfolios keep this file fast; realism.test.ts checks the content on 20,000 loans.
const SMALL = { loans: 2_000, months: 12 } as const;

const tmp = tempDir('vigil-sample-');
let n = 0;
const open = () => Workspace.open(join(tmp.dir, `ws${++n}.duckdb`));
afterAll(() => tmp.cleanup());

/** Order-independent content hash of every sample table, with its row count. */
async function contentHashes(ws: Workspace): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of SAMPLE_TABLES) {
    const [r] = await ws.all<{ h: string; n: number }>(`SELECT sum(hash(x))::VARCHAR AS h, count(*) AS n FROM ${q(t)} x`);
    out[t] = `${r.n}:${r.h}`;
  }
  return out;
}

async function sampleTablesIn(ws: Workspace): Promise<string[]> {
  const rows = await ws.all<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'main' AND table_name IN (${SAMPLE_TABLES.map(() => '?').join(', ')}) ORDER BY 1`,
    [...SAMPLE_TABLES],
  );
  return rows.map((r) => r.name);
}

/** Every table and view in the workspace, temporary ones included, by name. */
async function allTables(ws: Workspace): Promise<string[]> {
  const rows = await ws.all<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables ORDER BY 1`);
  return rows.map((r) => r.name);
}

async function expectVigilError(p: Promise<unknown>, kind: string): Promise<VigilError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(VigilError);
  expect((e as VigilError).kind).toBe(kind);
  return e as VigilError;
}

describe('determinism', () => {
  let first: Record<string, string>;

  beforeAll(async () => {
    const ws = await open();
    await generatePortfolio(ws, { ...SMALL, seed: 7 }, testContext().ctx);
    first = await contentHashes(ws);
    await ws.close();
  });

  it('the same seed gives identical tables in another workspace, even on one thread', async () => {
    const ws = await open();
    await ws.run('SET threads = 1');
    await generatePortfolio(ws, { ...SMALL, seed: 7 }, testContext().ctx);
    expect(await contentHashes(ws)).toEqual(first);
    await ws.close();
  });

  it('a different seed gives different content in every table but the macro path', async () => {
    const ws = await open();
    await generatePortfolio(ws, { ...SMALL, seed: 8 }, testContext().ctx);
    const other = await contentHashes(ws);
    for (const t of SAMPLE_TABLES) {
      if (t === 'macro') continue;
      expect(other[t], t).not.toEqual(first[t]);
    }
    // The macro path's shape is fixed; only its small noise depends on the seed.
    expect(other.macro).not.toEqual(first.macro);
    await ws.close();
  });
});

describe('tables, catalog and the handler', () => {
  it('writes the five tables, registers them as sample data and reports true row counts', async () => {
    const ws = await open();
    const { ctx } = testContext();
    const result = await sampleHandlers(ws)['sample.generate']({ ...SMALL, seed: 11 }, ctx);
    expect(result).toMatchObject({ seed: 11, loans: 2_000, months: 12, lastSnapshot: '2026-10-31', firstSnapshot: '2025-11-30' });
    for (const { name, rows } of result.tables) {
      const [r] = await ws.all<{ n: number }>(`SELECT count(*) AS n FROM ${q(name)}`);
      expect(r.n, name).toBe(rows);
    }
    expect(result.tables.map((t) => t.name).sort()).toEqual([...SAMPLE_TABLES].sort());
    expect(result.tables.find((t) => t.name === 'loans')?.rows).toBe(2_000);
    expect(result.tables.find((t) => t.name === 'macro')?.rows).toBe(12);
    const catalog = await ws.all<{ table_name: string; source_file: string; kind: string; imported_at: string | null }>(
      `SELECT table_name, source_file, kind, imported_at FROM _vigil_catalog ORDER BY table_name`,
    );
    expect(catalog.map((r) => r.table_name)).toEqual([...SAMPLE_TABLES].sort());
    for (const r of catalog) {
      expect(r.source_file).toBe('sample:seed=11');
      expect(r.kind).toBe('data');
      expect(r.imported_at).not.toBeNull();
    }
    // No staging or helper tables are left behind, temporary or not.
    expect(await allTables(ws)).toEqual(['_vigil_catalog', ...[...SAMPLE_TABLES].sort()]);
    await ws.close();
  });

  it('publishes exactly the columns and types of the schema contract, nothing of its working state', async () => {
    const ws = await open();
    await generatePortfolio(ws, { loans: 300, months: 6 }, testContext().ctx);
    for (const t of SAMPLE_TABLES) {
      const cols = await ws.all<{ name: string; type: string }>(
        `SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position`,
        [t],
      );
      expect(cols.map((c) => [c.name, c.type]), t).toEqual(sampleColumns(t).map(([n, type]) => [n, type]));
    }
    await ws.close();
  });

  it('reports progress through every phase, never going backwards, ending at the total', async () => {
    const ws = await open();
    const { ctx, progress } = testContext();
    await generatePortfolio(ws, SMALL, ctx);
    const dones = progress.map((p) => p.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    // Every unit of work is counted: only the publication is left when it starts, then it ends at the total.
    const total = progress[0].total as number;
    expect(progress.every((p) => p.total === total)).toBe(true);
    expect(progress.find((p) => p.message === 'Publishing the tables')?.done).toBe(total - 1);
    expect(progress[progress.length - 1]).toEqual({ done: total, total, message: 'Sample portfolio ready' });
    const messages = progress.map((p) => p.message ?? '');
    for (const phase of ['Macro path', 'Loans at origination', 'Delinquency episodes', 'Monthly panel', 'Collection cases', 'Modelling base']) {
      expect(messages.some((m) => m.startsWith(phase)), phase).toBe(true);
    }
    await ws.close();
  });
});

describe('existing tables', () => {
  it('refuses to overwrite sample tables without replace, and leaves them untouched', async () => {
    const ws = await open();
    await generatePortfolio(ws, { ...SMALL, seed: 1 }, testContext().ctx);
    const before = await contentHashes(ws);
    const e = await expectVigilError(generatePortfolio(ws, { ...SMALL, seed: 2 }, testContext().ctx), 'conflict');
    expect(e.details?.tables).toEqual([...SAMPLE_TABLES].sort());
    expect(await contentHashes(ws)).toEqual(before);

    await generatePortfolio(ws, { ...SMALL, seed: 2, replace: true }, testContext().ctx);
    expect((await contentHashes(ws)).loans).not.toEqual(before.loans);
    const sources = await ws.all<{ s: string }>(`SELECT DISTINCT source_file AS s FROM _vigil_catalog`);
    expect(sources).toEqual([{ s: 'sample:seed=2' }]);
    await ws.close();
  });

  it('treats a user table called loans as a conflict too', async () => {
    const ws = await open();
    await ws.run(`CREATE TABLE "Loans" (x INTEGER)`);
    await ws.run(`INSERT INTO _vigil_catalog VALUES ('Loans', 'loans.csv', now()::TIMESTAMP, 'data')`);
    const e = await expectVigilError(generatePortfolio(ws, SMALL, testContext().ctx), 'conflict');
    expect(e.message).toContain('Loans');
    await generatePortfolio(ws, { ...SMALL, replace: true }, testContext().ctx);
    const [r] = await ws.all<{ n: number }>(`SELECT count(*) AS n FROM loans`);
    expect(r.n).toBe(2_000);
    // The replaced table's catalog row went with it.
    const rows = await ws.all<{ table_name: string }>(`SELECT table_name FROM _vigil_catalog WHERE lower(table_name) = 'loans'`);
    expect(rows).toEqual([{ table_name: 'loans' }]);
    await ws.close();
  });
});

describe('cancel', () => {
  it('a cancelled generation leaves no table, no catalog row, and the workspace usable', async () => {
    const ws = await open();
    const { ctx, cancel } = testContext((p) => {
      if (p.message?.startsWith('Monthly panel')) cancel();
    });
    await expectVigilError(generatePortfolio(ws, SMALL, ctx), 'cancelled');
    expect(await allTables(ws)).toEqual(['_vigil_catalog']);
    expect(await ws.all(`SELECT * FROM _vigil_catalog`)).toEqual([]);
    await generatePortfolio(ws, SMALL, testContext().ctx);
    expect(await sampleTablesIn(ws)).toEqual([...SAMPLE_TABLES].sort());
    await ws.close();
  });

  it('cleans up staging tables left by a run that died with its process', async () => {
    const ws = await open();
    await ws.run(`CREATE TABLE _vigil_sample_deadbeef0000_loan_performance (x INTEGER)`);
    await generatePortfolio(ws, SMALL, testContext().ctx);
    expect(await allTables(ws)).toEqual(['_vigil_catalog', ...[...SAMPLE_TABLES].sort()]);
    await ws.close();
  });

  it('rejects bad arguments before touching the workspace', async () => {
    const ws = await open();
    const e = await expectVigilError(generatePortfolio(ws, { loans: -5 }, testContext().ctx), 'bad_input');
    expect(e.details).toMatchObject({ field: 'loans' });
    expect(await sampleTablesIn(ws)).toEqual([]);
    await ws.close();
  });
});
