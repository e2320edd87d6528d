import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src/workspace/workspace';
import { listTables, workspaceInfo } from '../../../src/workspace/catalog';
import { dropTable, renameTable } from '../../../src/workspace/catalog-edit';
import { cancelled } from '../../../src/api/errors';
import type { JobContext } from '../../../src/api/jobs';
import { UCI_REFERENCE } from '../../helpers/paths';
import { errorOf, loadUciTable, openTempWorkspace } from './fixtures';

const reference = JSON.parse(readFileSync(UCI_REFERENCE, 'utf8')) as { rows: number };

async function catalogRows(ws: Workspace) {
  return ws.all<{ table_name: string; source_file: string | null; kind: string }>(
    'SELECT table_name, source_file, kind FROM _vigil_catalog ORDER BY table_name',
  );
}

describe('an empty workspace', () => {
  it('has no tables and says so', async () => {
    const { ws, cleanup } = await openTempWorkspace();
    try {
      expect(await listTables(ws)).toEqual([]);
      expect((await workspaceInfo(ws)).tables).toBe(0);
    } finally {
      await cleanup();
    }
  });
});

describe('workspace catalog', () => {
  let ws: Workspace;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ ws, cleanup } = await openTempWorkspace());
    await loadUciTable(ws, 'uci');
    // What an import records, done by hand here: the import path is tested on its own.
    await ws.run(
      `INSERT INTO _vigil_catalog VALUES ('uci', 'uci_credit_card.csv', TIMESTAMP '2024-06-30 08:15:00', 'data'),
                                         ('uci_rejects', 'uci_credit_card.csv', TIMESTAMP '2024-06-30 08:15:00', 'rejects')`,
    );
    await ws.run(`CREATE TABLE uci_rejects AS SELECT 7 AS line, 'bad row' AS reason`);
    await ws.run(`CREATE TABLE "Arrears 逾期" AS SELECT ID, PAY_0 FROM uci WHERE PAY_0 >= 1`);
    await ws.run(`CREATE TABLE _vigil_scratch AS SELECT 1 AS x`);
    await ws.run(`CREATE TABLE big AS SELECT range AS id, random() AS x FROM range(1000000)`);
  });
  afterAll(() => cleanup());

  it('lists user tables sorted by name with exact rows, typed columns and provenance', async () => {
    const tables = await listTables(ws);
    expect(tables.map((t) => t.name)).toEqual(['Arrears 逾期', 'big', 'uci', 'uci_rejects']);

    const uci = tables.find((t) => t.name === 'uci')!;
    expect(uci.rows).toBe(reference.rows);
    expect(uci.columns).toHaveLength(25);
    expect(uci.columns[0]).toEqual({ name: 'ID', type: 'BIGINT' });
    expect(uci.columns.find((c) => c.name === 'LIMIT_BAL')?.type).toBe('DOUBLE');
    expect(uci.columns.at(-1)?.name).toBe('default_next_month');
    expect(uci.sourceFile).toBe('uci_credit_card.csv');
    expect(uci.importedAt).toBe('2024-06-30T08:15:00.000Z');
    expect(uci.kind).toBe('data');

    const arrears = tables.find((t) => t.name === 'Arrears 逾期')!;
    const [{ n }] = await ws.all<{ n: number }>('SELECT count(*) AS n FROM uci WHERE PAY_0 >= 1');
    expect(arrears.rows).toBe(n);
    expect(arrears).toMatchObject({ sourceFile: null, importedAt: null, kind: 'data' });
    expect(tables.find((t) => t.name === 'uci_rejects')?.kind).toBe('rejects');
    expect(tables.find((t) => t.name === 'big')?.rows).toBe(1_000_000);
  });

  it('estimates sizes from storage metadata, before and after a checkpoint', async () => {
    const before = await listTables(ws);
    for (const t of before) expect(t.sizeBytes).toBeGreaterThan(0);

    await ws.run('CHECKPOINT');
    const after = new Map((await listTables(ws)).map((t) => [t.name, t.sizeBytes ?? NaN]));
    const [db] = await ws.all<{ used_blocks: number; block_size: number }>(
      'SELECT used_blocks, block_size FROM pragma_database_size()',
    );
    const total = [...after.values()].reduce((a, b) => a + b, 0);
    // Together the tables cannot take more room than the file's used blocks...
    expect(total).toBeLessThanOrEqual(db.used_blocks * db.block_size);
    // ...and a million ids with random doubles take more than a few hundred KB (8 MB raw, compressed).
    expect(after.get('big')).toBeGreaterThan(1_000_000);
    expect(after.get('big')).toBeGreaterThan(after.get('uci')!);
    expect(after.get('uci')).toBeGreaterThan(after.get('Arrears 逾期')!);
  });

  it('reports the workspace path, DuckDB version and user table count', async () => {
    const info = await workspaceInfo(ws);
    expect(info.path).toBe(ws.path);
    expect(info.duckdbVersion).toMatch(/^v\d+\.\d+\.\d+/);
    expect(info.tables).toBe(4);
  });

  it('renames a table and its catalog row together', async () => {
    const info = await renameTable(ws, { from: 'uci', to: '信用卡 accounts' });
    expect(info).toMatchObject({ name: '信用卡 accounts', rows: reference.rows, sourceFile: 'uci_credit_card.csv' });
    expect((await catalogRows(ws)).map((r) => r.table_name)).toContain('信用卡 accounts');
    expect((await catalogRows(ws)).map((r) => r.table_name)).not.toContain('uci');
    expect((await listTables(ws)).map((t) => t.name)).not.toContain('uci');

    // A case-only change is a rename of the same table, not a clash with itself.
    const renamedBack = await renameTable(ws, { from: '信用卡 ACCOUNTS', to: 'UCI' });
    expect(renamedBack.name).toBe('UCI');
    expect(renamedBack.sourceFile).toBe('uci_credit_card.csv');
    await renameTable(ws, { from: 'UCI', to: 'uci' });
  });

  it('refuses unknown tables, taken names and invalid names', async () => {
    expect((await errorOf(renameTable(ws, { from: 'no_such', to: 'x' }))).kind).toBe('not_found');
    // DuckDB names are case-insensitive: "BIG" is taken by "big".
    const clash = await errorOf(renameTable(ws, { from: 'uci', to: 'BIG' }));
    expect(clash.kind).toBe('conflict');
    expect(clash.message).toContain('big');
    for (const bad of ['', '   ', ' padded', 'tab\there', '_vigil_catalog', '_VIGIL_x', 'x'.repeat(64), 42]) {
      const e = await errorOf(renameTable(ws, { from: 'uci', to: bad }));
      expect(e.kind, `name ${JSON.stringify(bad)}`).toBe('bad_input');
    }
    // Internal tables are invisible, not renameable or droppable.
    expect((await errorOf(renameTable(ws, { from: '_vigil_catalog', to: 'mine' }))).kind).toBe('not_found');
    expect((await errorOf(dropTable(ws, { table: '_vigil_catalog' }))).kind).toBe('not_found');
    expect((await errorOf(dropTable(ws, { table: 'no_such' }))).kind).toBe('not_found');
    expect((await listTables(ws)).map((t) => t.name)).toEqual(['Arrears 逾期', 'big', 'uci', 'uci_rejects']);
  });

  it('what DuckDB refuses (dependent tables) is a conflict, and nothing changes', async () => {
    await ws.run('CREATE TABLE branch (code INTEGER PRIMARY KEY)');
    await ws.run('CREATE TABLE branch_loan (code INTEGER REFERENCES branch(code))');
    await ws.run(`INSERT INTO _vigil_catalog VALUES ('branch', 'branches.csv', NULL, 'data')`);
    try {
      const dropped = await errorOf(dropTable(ws, { table: 'branch' }));
      expect(dropped.kind).toBe('conflict');
      expect(dropped.message).toContain('branch');
      const renamed = await errorOf(renameTable(ws, { from: 'branch', to: 'branch_2024' }));
      expect(renamed.kind).toBe('conflict');
      expect((await listTables(ws)).map((t) => t.name)).toContain('branch');
      expect((await catalogRows(ws)).map((r) => r.table_name)).toContain('branch');
    } finally {
      await ws.run('DROP TABLE branch_loan');
      await ws.run('DROP TABLE branch');
      await ws.run(`DELETE FROM _vigil_catalog WHERE table_name = 'branch'`);
    }
  });

  it('rolls a rename back completely when the job fails before commit', async () => {
    // A job cancelled after the work but before COMMIT: the transaction must leave no trace.
    let checks = 0;
    const controller = new AbortController();
    const ctx: JobContext = {
      jobId: 'late-cancel',
      signal: controller.signal,
      progress: () => undefined,
      throwIfCancelled() {
        checks++;
        if (checks >= 2) throw cancelled();
      },
    };
    const e = await errorOf(renameTable(ws, { from: 'uci', to: 'never_there' }, ctx));
    expect(e.kind).toBe('cancelled');
    const names = (await listTables(ws)).map((t) => t.name);
    expect(names).toContain('uci');
    expect(names).not.toContain('never_there');
    expect((await catalogRows(ws)).map((r) => r.table_name)).toContain('uci');
  });

  it('drops a table and its catalog row', async () => {
    expect(await dropTable(ws, { table: 'UCI_REJECTS' })).toEqual({ dropped: 'uci_rejects' });
    expect((await listTables(ws)).map((t) => t.name)).toEqual(['Arrears 逾期', 'big', 'uci']);
    expect((await catalogRows(ws)).map((r) => r.table_name)).toEqual(['uci']);
  });
});
