import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src/workspace/workspace';
import { MAX_PREVIEW_ROWS, previewTable } from '../../../src/workspace/preview';
import { errorOf, loadUciTable, openTempWorkspace, testJob } from './fixtures';

const ROWS = 1_000_000;

function decode(bytes: Uint8Array) {
  const table = tableFromIPC(bytes);
  const column = (name: string) => table.getChild(name)?.toArray() ?? [];
  return { table, column, rows: table.toArray().map((r) => r.toJSON() as Record<string, unknown>) };
}

describe('workspace.preview', () => {
  let ws: Workspace;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ ws, cleanup } = await openTempWorkspace());
    await ws.run(`CREATE TABLE ledger AS SELECT range AS id, range * 2 AS twice, 'loan ' || range AS label FROM range(${ROWS})`);
    // Same rows, but with holes in the rowids: a third deleted.
    await ws.run('CREATE TABLE thinned AS SELECT * FROM ledger');
    await ws.run('DELETE FROM thinned WHERE id % 3 = 0');
    await loadUciTable(ws, 'uci');
  });
  afterAll(() => cleanup());

  it('pages through a million rows in rowid order: first, middle and last pages', async () => {
    for (const offset of [0, 500_000, ROWS - 1000]) {
      const page = await previewTable(ws, { table: 'ledger', offset, limit: 1000 }, testJob());
      expect(page.totalRows).toBe(ROWS);
      expect(page.rowCount).toBe(1000);
      expect(page.columns).toEqual([
        { name: 'id', type: 'BIGINT' },
        { name: 'twice', type: 'BIGINT' },
        { name: 'label', type: 'VARCHAR' },
      ]);
      const { column } = decode(page.arrow);
      const ids = Array.from(column('id') as Float64Array);
      expect(ids).toEqual(Array.from({ length: 1000 }, (_, i) => offset + i));
      expect(column('twice')[999]).toBe(2 * (offset + 999));
      expect(column('label')[0]).toBe(`loan ${offset}`);
      expect(page.truncated).toBe(offset + 1000 < ROWS);
    }
  });

  it('returns a short last page, an empty page past the end, and caps the page size', async () => {
    const tail = await previewTable(ws, { table: 'ledger', offset: ROWS - 300, limit: 1000 }, testJob());
    expect(tail.rowCount).toBe(300);
    expect(decode(tail.arrow).column('id')[299]).toBe(ROWS - 1);
    expect(tail.truncated).toBe(false);

    const past = await previewTable(ws, { table: 'ledger', offset: ROWS + 10, limit: 100 }, testJob());
    expect(past).toMatchObject({ rowCount: 0, totalRows: ROWS, truncated: false });
    expect(decode(past.arrow).table.schema.fields.map((f) => f.name)).toEqual(['id', 'twice', 'label']);

    const greedy = await previewTable(ws, { table: 'ledger', offset: 0, limit: 50_000 }, testJob());
    expect(greedy.rowCount).toBe(MAX_PREVIEW_ROWS);
  });

  it('keeps offsets meaning "n-th remaining row" after deletes leave rowid gaps', async () => {
    // The n-th (0-based) id that is not a multiple of 3 is n + floor(n / 2) + 1.
    const nth = (n: number) => n + Math.floor(n / 2) + 1;
    const remaining = ROWS - Math.ceil(ROWS / 3);
    for (const offset of [0, 123_457, remaining - 10]) {
      const page = await previewTable(ws, { table: 'thinned', offset, limit: 10 }, testJob());
      expect(page.totalRows).toBe(remaining);
      const ids = Array.from(decode(page.arrow).column('id') as Float64Array);
      expect(ids).toEqual(Array.from({ length: 10 }, (_, i) => nth(offset + i)));
    }
  });

  it('previews a table whose own column is named rowid', async () => {
    await ws.run(`CREATE TABLE shadow AS SELECT 100 - range AS rowid, range AS seq FROM range(50)`);
    const page = await previewTable(ws, { table: 'shadow', offset: 45, limit: 10 }, testJob());
    expect(page.rowCount).toBe(5);
    expect(Array.from(decode(page.arrow).column('seq'))).toEqual([45, 46, 47, 48, 49]);
  });

  it('carries real rows, Chinese names and NULLs through Arrow', async () => {
    await ws.run(`CREATE TABLE "贷款" AS SELECT * FROM (VALUES (1, '张三', 1200.5), (2, NULL, NULL)) t("编号", "姓名", "余额")`);
    const page = await previewTable(ws, { table: '贷款', offset: 0, limit: 10 }, testJob());
    expect(decode(page.arrow).rows).toEqual([
      { 编号: 1, 姓名: '张三', 余额: 1200.5 },
      { 编号: 2, 姓名: null, 余额: null },
    ]);

    const uci = await previewTable(ws, { table: 'uci', offset: 0, limit: 2 }, testJob());
    // First two accounts of the file, as printed in the CSV.
    expect(decode(uci.arrow).rows.map((r) => [r.ID, r.LIMIT_BAL, r.AGE, r.PAY_0, r.default_next_month])).toEqual([
      [1, 20000, 24, 2, 1],
      [2, 120000, 26, -1, 1],
    ]);
  });

  it('rejects unknown tables and bad paging arguments', async () => {
    expect((await errorOf(previewTable(ws, { table: 'nope', offset: 0, limit: 10 }, testJob()))).kind).toBe('not_found');
    for (const args of [{ offset: -1, limit: 10 }, { offset: 0, limit: 2.5 }, { offset: '10', limit: 10 }]) {
      const e = await errorOf(previewTable(ws, { table: 'ledger', ...args }, testJob()));
      expect(e.kind, JSON.stringify(args)).toBe('bad_input');
    }
  });
});
