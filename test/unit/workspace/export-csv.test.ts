import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src/workspace/workspace';
import { exportCsv } from '../../../src/workspace/export-csv';
import { DEFAULT_QUERY_LIMIT } from '../../../src/workspace/query';
import { errorOf, loadUciTable, openTempWorkspace, testJob } from './fixtures';

const BOM = '\uFEFF';

describe('workspace.exportCsv', () => {
  let ws: Workspace;
  let dir: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ ws, dir, cleanup } = await openTempWorkspace());
    await loadUciTable(ws, 'uci');
    await ws.run(`CREATE TABLE "分行" AS SELECT * FROM (VALUES (1, '上海分行'), (2, NULL)) t("编号", "名称")`);
  });
  afterAll(() => cleanup());

  it('writes the full result (not the console cap) with a header', async () => {
    const path = join(dir, 'accounts.csv');
    const result = await exportCsv(ws, { sql: 'SELECT ID, AGE, default_next_month FROM uci ORDER BY ID', path }, testJob());
    expect(result).toEqual({ path, rows: 30_000 });
    expect(30_000).toBeGreaterThan(DEFAULT_QUERY_LIMIT);
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(30_001);
    expect(lines[0]).toBe(`${BOM}ID,AGE,default_next_month`);
    // First and last accounts of the source file.
    expect(lines[1]).toBe('1,24,1');
    expect(lines[30_000]).toBe('30000,46,1');
  });

  it('keeps Chinese text and writes NULL as an empty field', async () => {
    const path = join(dir, '分行.csv');
    const result = await exportCsv(ws, { sql: 'FROM "分行" ORDER BY "编号"; -- all branches', path }, testJob());
    expect(result.rows).toBe(2);
    expect(readFileSync(path, 'utf8')).toBe(`${BOM}编号,名称\n1,上海分行\n2,\n`);
  });

  it('starts the file with a UTF-8 BOM for Excel (unless asked not to), which DuckDB reads back cleanly', async () => {
    const path = join(dir, 'bom.csv');
    await exportCsv(ws, { sql: 'FROM "分行" ORDER BY "编号"', path }, testJob());
    expect([...readFileSync(path).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const back = await ws.all<Record<string, unknown>>(`SELECT * FROM read_csv($1)`, [path]);
    expect(Object.keys(back[0])).toEqual(['编号', '名称']);
    expect(back[0]['名称']).toBe('上海分行');
    const plain = join(dir, 'plain.csv');
    await exportCsv(ws, { sql: 'FROM "分行" ORDER BY "编号"', path: plain, excelBom: false }, testJob());
    expect(readFileSync(plain, 'utf8')).toBe('编号,名称\n1,上海分行\n2,\n');
    expect(existsSync(`${path}.vigil-bom`)).toBe(false);
  });

  it('quotes the path safely: a folder named with an apostrophe', async () => {
    const folder = join(dir, "analyst's exports");
    mkdirSync(folder);
    const path = join(folder, "it's done.csv");
    expect((await exportCsv(ws, { sql: 'SELECT 42 AS answer', path }, testJob())).rows).toBe(1);
    expect(readFileSync(path, 'utf8')).toBe(`${BOM}answer\n42\n`);
  });

  it('refuses bad paths before running anything', async () => {
    const sql = 'SELECT 1';
    expect((await errorOf(exportCsv(ws, { sql, path: 'relative.csv' }, testJob()))).kind).toBe('bad_input');
    expect((await errorOf(exportCsv(ws, { sql, path: '' }, testJob()))).kind).toBe('bad_input');
    expect((await errorOf(exportCsv(ws, { sql, path: dir }, testJob()))).kind).toBe('bad_input');
    expect((await errorOf(exportCsv(ws, { sql, path: join(dir, 'missing', 'x.csv') }, testJob()))).kind).toBe('not_found');
  });

  it('applies the console rules: write statements and smuggled statements are refused', async () => {
    const path = join(dir, 'never.csv');
    for (const sql of [
      'DELETE FROM uci',
      `SELECT 1) TO '${join(dir, 'smuggled.csv')}' (FORMAT csv); DROP TABLE uci; COPY (SELECT 1`,
      'SELECT 1 /* unterminated',
      'EXPLAIN SELECT 1',
    ]) {
      const e = await errorOf(exportCsv(ws, { sql, path }, testJob()));
      expect(e.kind, sql).toBe('bad_input');
    }
    expect(existsSync(path)).toBe(false);
    expect(existsSync(join(dir, 'smuggled.csv'))).toBe(false);
    const [{ n }] = await ws.all<{ n: number }>('SELECT count(*) AS n FROM uci');
    expect(n).toBe(30_000);
  });

  it('leaves no partial file when the query fails half way, and keeps an older file', async () => {
    const path = join(dir, 'failing.csv');
    const failing = "SELECT CASE WHEN range < 100000 THEN range ELSE CAST('boom' AS INTEGER) END AS x FROM range(200000)";
    const e = await errorOf(exportCsv(ws, { sql: failing, path }, testJob()));
    expect(e.kind).toBe('bad_input');
    expect(e.message).toMatch(/boom/);
    expect(existsSync(path)).toBe(false);

    const kept = join(dir, 'kept.csv');
    writeFileSync(kept, 'old\n');
    await errorOf(exportCsv(ws, { sql: 'SELECT nosuch FROM uci', path: kept }, testJob()));
    expect(readFileSync(kept, 'utf8')).toBe('old\n');
  });
});
