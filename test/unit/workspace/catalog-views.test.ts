/**
 * Views in the catalog: a panel's `<panel>_tiers` is a view, and the analyst must see it beside the
 * tables, open it, rename and drop it — and a view whose table is gone must not break the list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src/workspace/workspace';
import { listTables } from '../../../src/workspace/catalog';
import { dropTable, renameTable } from '../../../src/workspace/catalog-edit';
import { previewTable } from '../../../src/workspace/preview';
import { describeTable } from '../../../src/modeling/frame';
import { errorOf, openTempWorkspace, testJob } from './fixtures';

let ws: Workspace;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ ws, cleanup } = await openTempWorkspace());
  await ws.run(`CREATE TABLE loans AS SELECT range AS loan_id, range * 10 AS dpd FROM range(50)`);
  await ws.run(`CREATE VIEW late_loans AS SELECT * FROM loans WHERE dpd > 300`);
  await ws.run(`CREATE VIEW _vigil_hidden AS SELECT 1 AS x`);
});
afterAll(() => cleanup());

describe('views in the catalog', () => {
  it('lists a view with its rows and columns, marked as a view that stores nothing', async () => {
    const tables = await listTables(ws);
    expect(tables.map((t) => t.name)).toEqual(['late_loans', 'loans']);
    const view = tables.find((t) => t.name === 'late_loans')!;
    expect(view.kind).toBe('view');
    expect(view.rows).toBe(19); // dpd 310 … 490
    expect(view.columns.map((c) => c.name)).toEqual(['loan_id', 'dpd']);
    expect(view.sizeBytes).toBe(0);
    expect(tables.find((t) => t.name === 'loans')!.kind).toBe('data');
  });

  it('opens a view like a table, but refuses to train a model on it', async () => {
    const page = await previewTable(ws, { table: 'late_loans', offset: 0, limit: 5 }, testJob());
    expect(page.totalRows).toBe(19);
    const err = await ws.withConnection((c) => describeTable(c, 'late_loans')).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'bad_input', details: { table: 'late_loans' } });
  });

  it('renames and drops a view', async () => {
    const renamed = await renameTable(ws, { from: 'late_loans', to: 'npl_loans' });
    expect(renamed).toMatchObject({ name: 'npl_loans', kind: 'view', rows: 19 });
    expect(await dropTable(ws, { table: 'npl_loans' })).toEqual({ dropped: 'npl_loans' });
    expect((await listTables(ws)).map((t) => t.name)).toEqual(['loans']);
  });

  it('keeps listing when a view’s table was dropped, with no row count for that view', async () => {
    await ws.run(`CREATE TABLE scratch AS SELECT 1 AS x`);
    await ws.run(`CREATE VIEW scratch_view AS SELECT * FROM scratch`);
    await ws.run(`DROP TABLE scratch`);
    const tables = await listTables(ws);
    expect(tables.find((t) => t.name === 'scratch_view')).toMatchObject({ kind: 'view', rows: null });
    expect(tables.find((t) => t.name === 'loans')?.rows).toBe(50);
    expect(await errorOf(previewTable(ws, { table: 'scratch_view', offset: 0, limit: 5 }, testJob()))).toBeTruthy();
  });
});
