/** CSV import of well-formed files: the real UCI portfolio, sniffing and overrides, provenance, progress. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../../src/workspace/import/index';
import { Workspace } from '../../../src/workspace/workspace';
import { testContext } from '../../helpers/job-context';
import { tempDir, UCI_CSV } from '../../helpers/paths';

let tmp: ReturnType<typeof tempDir>;
let ws: Workspace;

beforeAll(async () => {
  tmp = tempDir('vigil-import-csv-');
  ws = await Workspace.open(join(tmp.dir, 'ws.duckdb'));
});

afterAll(async () => {
  await ws.close();
  tmp.cleanup();
});

function writeText(name: string, text: string): string {
  const path = join(tmp.dir, name);
  writeFileSync(path, text);
  return path;
}

describe('the UCI credit-card file', () => {
  it('imports 30,000 accounts with 25 typed columns, matching the file read independently', async () => {
    const { ctx, progress: events } = testContext();
    const result = await importFile(ws, { path: UCI_CSV, table: 'uci' }, ctx);

    expect(result.rows).toBe(30_000);
    expect(result.columns).toHaveLength(25);
    expect(result.encoding).toBe('utf-8');
    expect(result.rejected).toBe(0);
    expect(result.rejectsTable).toBeNull();
    const types = Object.fromEntries(result.columns.map((c) => [c.name, c.type]));
    expect(types.ID).toMatch(/INT/);
    expect(['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT']).toContain(types.default_next_month);

    // The same figures computed from the raw text, without DuckDB.
    const lines = readFileSync(UCI_CSV, 'utf8').trim().split(/\r?\n/);
    const header = lines[0].split(',');
    const limitCol = header.indexOf('LIMIT_BAL');
    const defaultCol = header.indexOf('default_next_month');
    let limitSum = 0;
    let defaults = 0;
    for (const line of lines.slice(1)) {
      const fields = line.split(',');
      limitSum += Number(fields[limitCol]);
      defaults += Number(fields[defaultCol]);
    }
    const [sql] = await ws.all<{ n: number; limit_sum: number; defaults: number; max_id: number }>(
      'SELECT count(*) AS n, sum("LIMIT_BAL") AS limit_sum, sum(default_next_month) AS defaults, max("ID") AS max_id FROM uci',
    );
    expect(sql).toEqual({ n: lines.length - 1, limit_sum: limitSum, defaults, max_id: 30_000 });
    expect(result.columns.map((c) => c.name)).toEqual(header);

    // Progress covered every phase, in order.
    const phases = ['Checking uci_credit_card.csv', 'Detecting the delimiter', 'Loading rows', 'Checking the imported rows', 'Saving table uci'];
    const firstSeen = phases.map((p) => events.findIndex((e) => e.message.startsWith(p)));
    expect(firstSeen.every((i) => i >= 0)).toBe(true);
    expect([...firstSeen].sort((a, b) => a - b)).toEqual(firstSeen);
    expect(events.some((e) => e.message.startsWith('Loading rows') && e.done === 100 && e.total === 100)).toBe(true);
  });

  it('records provenance in the catalog: the original file name, the time, kind data', async () => {
    const before = Date.now();
    const { ctx } = testContext();
    await importFile(ws, { path: UCI_CSV, table: 'uci_named', sourceName: 'credit cards 2005.csv' }, ctx);
    const rows = await ws.all<{ source_file: string; imported_at: string; kind: string }>(
      `SELECT source_file, imported_at, kind FROM _vigil_catalog WHERE table_name = 'uci_named'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].source_file).toBe('credit cards 2005.csv');
    expect(rows[0].kind).toBe('data');
    // Stored in UTC without zone; allow a second of clock granularity either side.
    const importedAt = Date.parse(rows[0].imported_at.replace(' ', 'T') + 'Z');
    expect(importedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(importedAt).toBeLessThanOrEqual(Date.now() + 1000);
  });
});

describe('sniffing and user overrides', () => {
  it('detects a semicolon delimiter and a header', async () => {
    const path = writeText('semicolon.csv', 'loan_id;branch;balance\n1;Beijing;100.5\n2;Shanghai;200.25\n3;Shenzhen;300\n');
    const result = await importFile(ws, { path, table: 'semicolon_loans' }, testContext().ctx);
    expect(result.columns.map((c) => c.name)).toEqual(['loan_id', 'branch', 'balance']);
    expect(await ws.all('SELECT sum(balance) AS s FROM semicolon_loans')).toEqual([{ s: 600.75 }]);
  });

  it('honours header = false: the first line is data', async () => {
    const path = writeText('noheader.csv', 'a,1\nb,2\nc,3\n');
    const result = await importFile(ws, { path, table: 'noheader', header: false }, testContext().ctx);
    expect(result.rows).toBe(3);
    expect(result.columns).toHaveLength(2);
  });

  it('honours a delimiter override the sniffer would not pick', async () => {
    // With "|" the commas are part of the values.
    const path = writeText('pipes.csv', 'name|note\nalpha|x,y\nbeta|z,w\n');
    const result = await importFile(ws, { path, table: 'pipes', delimiter: '|' }, testContext().ctx);
    expect(result.columns.map((c) => c.name)).toEqual(['name', 'note']);
    expect(await ws.all('SELECT note FROM pipes ORDER BY name')).toEqual([{ note: 'x,y' }, { note: 'z,w' }]);
  });

  it('keeps column order when headers are numbers (year columns)', async () => {
    const path = writeText('years.csv', 'branch,2024,2023\nBJ,1.5,2.5\nSH,3.5,4.5\n');
    const result = await importFile(ws, { path, table: 'years', header: true }, testContext().ctx);
    expect(result.columns.map((c) => c.name)).toEqual(['branch', '2024', '2023']);
    expect(await ws.all('SELECT "2024" AS y4, "2023" AS y3 FROM years ORDER BY branch')).toEqual([
      { y4: 1.5, y3: 2.5 },
      { y4: 3.5, y3: 4.5 },
    ]);
  });

  it('reads quoted fields with delimiters and line breaks inside', async () => {
    const path = writeText('quoted.csv', 'id,note\n1,"Beijing, Chaoyang"\n2,"two\nlines"\n3,"say ""hi"""\n');
    const result = await importFile(ws, { path, table: 'quoted' }, testContext().ctx);
    expect(result.rows).toBe(3);
    expect(await ws.all('SELECT note FROM quoted ORDER BY id')).toEqual([
      { note: 'Beijing, Chaoyang' },
      { note: 'two\nlines' },
      { note: 'say "hi"' },
    ]);
  });

  it('imports a file with a UTF-8 BOM: no BOM bytes in the first column name', async () => {
    const path = join(tmp.dir, 'bom.csv');
    writeFileSync(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('loan_id,branch\n1,北京分行\n2,上海分行\n')]));
    const result = await importFile(ws, { path, table: 'bom' }, testContext().ctx);
    expect(result.encoding).toBe('utf-8-bom');
    expect(result.columns[0].name).toBe('loan_id');
    expect(await ws.all('SELECT loan_id, branch FROM bom ORDER BY loan_id')).toEqual([
      { loan_id: 1, branch: '北京分行' },
      { loan_id: 2, branch: '上海分行' },
    ]);
  });

  it('carries the sniffed date format into the load (day/month/year dates)', async () => {
    const path = writeText('dmy.csv', 'loan_id,opened,balance\n1,31/01/2024,10.5\n2,29/02/2024,20\n3,01/12/2023,30\n');
    const result = await importFile(ws, { path, table: 'dmy' }, testContext().ctx);
    expect(result.columns).toEqual([
      { name: 'loan_id', type: 'BIGINT' },
      { name: 'opened', type: 'DATE' },
      { name: 'balance', type: 'DOUBLE' },
    ]);
    expect(await ws.all('SELECT opened FROM dmy ORDER BY loan_id')).toEqual([
      { opened: '2024-01-31' },
      { opened: '2024-02-29' },
      { opened: '2023-12-01' },
    ]);
  });

  it('imports a header-only file as an empty table with its columns', async () => {
    const path = writeText('header-only.csv', 'loan_id,branch\n');
    const result = await importFile(ws, { path, table: 'header_only' }, testContext().ctx);
    expect(result.rows).toBe(0);
    expect(result.columns.map((c) => c.name)).toEqual(['loan_id', 'branch']);
  });
});
