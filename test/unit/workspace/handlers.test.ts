import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../src/api/jobs';
import { createEngine, type Engine } from '../../../src/host/engine';
import { tempDir, UCI_CSV } from '../../helpers/paths';
import { errorOf } from './fixtures';

/** Paths (e.g. "[2].rows") of every BigInt inside a value. */
function bigIntPaths(v: unknown, path = ''): string[] {
  if (typeof v === 'bigint') return [path];
  if (v === null || typeof v !== 'object' || ArrayBuffer.isView(v)) return [];
  return Object.entries(v).flatMap(([k, x]) => bigIntPaths(x, `${path}.${k}`));
}

describe('workspace handlers through the engine', () => {
  let engine: Engine;
  let dir: string;
  let cleanupDir: () => void;
  const events: JobProgress[] = [];

  beforeAll(async () => {
    ({ dir, cleanup: cleanupDir } = tempDir('vigil-engine-'));
    engine = await createEngine({ workspacePath: join(dir, 'workspace.duckdb'), progressIntervalMs: 0 });
    engine.onProgress((p) => events.push(p));
    await engine.workspace.run('CREATE TABLE uci AS SELECT * FROM read_csv($1)', [UCI_CSV]);
    // Big enough that profiling it takes a while: a million rows of six columns.
    await engine.workspace.run(
      `CREATE TABLE big_book AS SELECT range AS id, ${[1, 2, 3, 4, 5].map((i) => `random() * ${i} AS x${i}`).join(', ')}
       FROM range(1000000)`,
    );
  });
  afterAll(async () => {
    await engine.close();
    cleanupDir();
  });

  it('answers the catalog ops with plain, BigInt-free data', async () => {
    const info = await engine.call('workspace.info', {});
    expect(info).toMatchObject({ path: join(dir, 'workspace.duckdb'), tables: 2 });
    const tables = await engine.call('workspace.tables', {});
    expect(tables.map((t) => [t.name, t.rows])).toEqual([
      ['big_book', 1_000_000],
      ['uci', 30_000],
    ]);
    const renamed = await engine.call('workspace.rename', { from: 'uci', to: 'accounts' });
    expect(renamed).toMatchObject({ name: 'accounts', rows: 30_000 });
    const profile = await engine.call('workspace.profile', { table: 'accounts', columns: ['AGE', 'PAY_0'] });
    expect(profile.columns.map((c) => [c.name, c.min, c.max])).toEqual([
      ['AGE', 21, 79],
      ['PAY_0', -2, 8],
    ]);
    const preview = await engine.call('workspace.preview', { table: 'accounts', offset: 29_990, limit: 100 });
    expect(preview).toMatchObject({ rowCount: 10, totalRows: 30_000, truncated: false });
    expect(preview.arrow).toBeInstanceOf(Uint8Array);
    expect(tableFromIPC(preview.arrow).getChild('ID')?.toArray()[9]).toBe(30_000);
    const query = await engine.call('workspace.query', { sql: 'SELECT PAY_0, count(*) AS n FROM accounts GROUP BY ALL ORDER BY 1' });
    expect(query.rowCount).toBe(11);
    const csv = join(dir, 'defaults.csv');
    expect(await engine.call('workspace.exportCsv', { sql: 'FROM accounts WHERE default_next_month = 1', path: csv })).toEqual({
      path: csv,
      rows: 6636,
    });
    for (const [op, result] of Object.entries({ info, tables, renamed, profile, preview, query })) {
      expect(bigIntPaths(result), op).toEqual([]);
    }
    expect(await engine.call('workspace.drop', { table: 'accounts' })).toEqual({ dropped: 'accounts' });
    expect((await engine.call('workspace.tables', {})).map((t) => t.name)).toEqual(['big_book']);
  });

  it('delivers errors as {kind, message, details}', async () => {
    const unknownOp = await errorOf(engine.callUnknown('workspace.nope', {}));
    expect(unknownOp.kind).toBe('bad_input');
    const missing = await errorOf(engine.call('workspace.preview', { table: 'ghost', offset: 0, limit: 10 }));
    expect(missing).toMatchObject({ kind: 'not_found', details: { table: 'ghost' } });
    expect(missing.message).toContain('ghost');
    const readOnly = await errorOf(engine.call('workspace.query', { sql: 'DROP TABLE big_book' }));
    expect(readOnly.kind).toBe('bad_input');
    expect(readOnly.message).toMatch(/read-only/);
    // The import and sheet-list ops are wired to the import module, which checks its arguments.
    expect((await errorOf(engine.call('workspace.import', { path: '', table: 'x' }))).kind).toBe('bad_input');
    expect((await errorOf(engine.call('workspace.sheets', { path: '' }))).kind).toBe('bad_input');
  });

  it('fires progress events for a profile, ending in done', async () => {
    events.length = 0;
    await engine.workspace.run('CREATE TABLE small_book AS SELECT range AS id, range % 7 AS x1, range * 0.5 AS x2 FROM range(1000)');
    await engine.call('workspace.profile', { table: 'small_book', columns: ['x1', 'x2'] }, 'profile-progress');
    const mine = events.filter((e) => e.jobId === 'profile-progress');
    expect(mine[0]).toMatchObject({ op: 'workspace.profile', state: 'running' });
    expect(mine.some((e) => e.message === 'Profiling column x2 (2 of 2)')).toBe(true);
    expect(mine.at(-1)).toMatchObject({ state: 'done', done: 2, total: 2 });
  });

  it('cancels a running profile of a big table', async () => {
    events.length = 0;
    const stop = engine.onProgress((p) => {
      // Cancel as soon as the profile starts its first column.
      if (p.jobId === 'profile-cancel' && p.message?.startsWith('Profiling column')) engine.cancel(p.jobId);
    });
    try {
      const e = await errorOf(engine.call('workspace.profile', { table: 'big_book' }, 'profile-cancel'));
      expect(e.kind).toBe('cancelled');
    } finally {
      stop();
    }
    const mine = events.filter((e) => e.jobId === 'profile-cancel');
    expect(mine.at(-1)?.state).toBe('cancelled');
    // It stopped early: of six columns, the last was never reached.
    expect(mine.filter((e) => e.message === 'Profiling column x5 (6 of 6)')).toHaveLength(0);
    expect(engine.runningJobs()).toEqual([]);
    // The workspace is fine afterwards.
    expect((await engine.call('workspace.query', { sql: 'SELECT count(*) AS n FROM big_book' })).rowCount).toBe(1);
  });
});
