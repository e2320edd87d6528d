/** Parquet and Excel imports: types carried over (Parquet) or inferred from every cell (Excel). */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VigilError } from '../../../src/api/errors';
import type { ImportArgs } from '../../../src/api/workspace';
import { importFile, listSheets } from '../../../src/workspace/import/index';
import { Workspace } from '../../../src/workspace/workspace';
import { testContext } from '../../helpers/job-context';
import { tempDir } from '../../helpers/paths';

let tmp: ReturnType<typeof tempDir>;
let ws: Workspace;

beforeAll(async () => {
  tmp = tempDir('vigil-import-formats-');
  ws = await Workspace.open(join(tmp.dir, 'ws.duckdb'));
});

afterAll(async () => {
  await ws.close();
  tmp.cleanup();
});

async function importError(args: ImportArgs): Promise<VigilError> {
  const error = await importFile(ws, args, testContext().ctx).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(VigilError);
  return error as VigilError;
}

describe('Parquet', () => {
  const SOURCE_SQL = `SELECT range AS loan_id,
      ['北京分行', '上海分行', '深圳分行'][range % 3 + 1] AS branch,
      (range * 12.5)::DOUBLE AS balance,
      (range * 3)::DECIMAL(18, 2) AS limit_amount,
      DATE '2020-01-01' + range::INTEGER AS opened,
      TIMESTAMP '2024-06-30 12:00:00' + to_minutes(range) AS snapshot_at,
      range % 5 = 0 AS watchlist
    FROM range(5000)`;

  it('imports a Parquet file written by DuckDB with its column types and values', async () => {
    const path = join(tmp.dir, 'loans.parquet');
    await ws.run(`COPY (${SOURCE_SQL}) TO '${path}' (FORMAT parquet)`);
    const result = await importFile(ws, { path, table: 'pq_loans' }, testContext().ctx);

    expect(result.rows).toBe(5000);
    expect(result.encoding).toBeNull();
    expect(result.columns).toEqual([
      { name: 'loan_id', type: 'BIGINT' },
      { name: 'branch', type: 'VARCHAR' },
      { name: 'balance', type: 'DOUBLE' },
      { name: 'limit_amount', type: 'DECIMAL(18,2)' },
      { name: 'opened', type: 'DATE' },
      { name: 'snapshot_at', type: 'TIMESTAMP' },
      { name: 'watchlist', type: 'BOOLEAN' },
    ]);
    // Same rows as the query that wrote the file: the symmetric difference is empty.
    const diff = await ws.all(`SELECT count(*) AS n FROM ((SELECT * FROM pq_loans EXCEPT ALL (${SOURCE_SQL})) UNION ALL ((${SOURCE_SQL}) EXCEPT ALL SELECT * FROM pq_loans))`);
    expect(diff).toEqual([{ n: 0 }]);
  });

  it('refuses a file that is not Parquet, naming what it looks like', async () => {
    const path = join(tmp.dir, 'renamed.parquet');
    writeFileSync(path, 'loan_id,branch\n1,BJ\n');
    const e = await importError({ path, table: 'renamed' });
    expect(e.kind).toBe('bad_input');
    expect(e.message).toBe('renamed.parquet is not a Parquet file.');
  });

  it('refuses a truncated Parquet file with DuckDB\'s reason', async () => {
    const path = join(tmp.dir, 'truncated.parquet');
    writeFileSync(path, Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(100, 7)]));
    const e = await importError({ path, table: 'truncated' });
    expect(e.kind).toBe('bad_input');
    expect(e.message).toMatch(/^truncated\.parquet could not be read as Parquet: /);
    expect(await ws.all(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE '_vigil_staging%'`)).toEqual([{ n: 0 }]);
  });
});

describe('Excel .xlsx', () => {
  let book: string;
  const utc = (y: number, m: number, d: number, h = 0, min = 0) => new Date(Date.UTC(y, m - 1, d, h, min));

  beforeAll(async () => {
    book = join(tmp.dir, 'portfolio.xlsx');
    const wb = new ExcelJS.Workbook();
    const summary = wb.addWorksheet('Summary');
    // A header with a gap: the unnamed column gets a position name.
    summary.addRow(['metric', null, 'value']);
    summary.addRow(['loans', 'all branches', 3]);
    const loans = wb.addWorksheet('Loans 2024');
    loans.addRow(['loan_id', 'branch', 'balance', 'opened', 'last_paid', 'active', 'account_no', 'grade', 'double_balance', '']);
    loans.addRow([1, '北京分行', 1200.5, utc(2024, 1, 31), utc(2024, 6, 1, 9, 30), true, '00123', 'A', { formula: 'C2*2', result: 2401 }]);
    loans.addRow([2, '上海分行', 800, utc(2023, 12, 1), utc(2024, 6, 2, 17, 5), false, '00456', 3, { formula: 'C3*2', result: 1600 }]);
    loans.addRow([3, { richText: [{ text: '深圳' }, { text: '分行' }] }, null, utc(2024, 2, 29), null, true, '00789', null, { formula: 'C4*2', result: { error: '#VALUE!' } }]);
    loans.getColumn(5).numFmt = 'yyyy-mm-dd hh:mm';
    await wb.xlsx.writeFile(book);
  });

  it('lists sheet names in tab order', async () => {
    expect(await listSheets(book)).toEqual(['Summary', 'Loans 2024']);
  });

  it('lists names with XML-escaped characters and Chinese as written', async () => {
    const path = join(tmp.dir, 'names.xlsx');
    const wb = new ExcelJS.Workbook();
    for (const name of ["P&L 'Q1' <draft>", '风险 分类', 'Sheet 3']) wb.addWorksheet(name).addRow(['x']);
    await wb.xlsx.writeFile(path);
    expect(await listSheets(path)).toEqual(["P&L 'Q1' <draft>", '风险 分类', 'Sheet 3']);
  });

  it('imports the chosen (second) sheet with types inferred from every cell', async () => {
    const result = await importFile(ws, { path: book, table: 'xl_loans', sheet: 'Loans 2024' }, testContext().ctx);
    expect(result.rows).toBe(3);
    expect(result.encoding).toBeNull();
    expect(result.columns).toEqual([
      { name: 'loan_id', type: 'BIGINT' },
      { name: 'branch', type: 'VARCHAR' },
      { name: 'balance', type: 'DOUBLE' },
      { name: 'opened', type: 'DATE' },
      { name: 'last_paid', type: 'TIMESTAMP' },
      { name: 'active', type: 'BOOLEAN' },
      // Text that looks numeric stays text: leading zeros of account numbers survive.
      { name: 'account_no', type: 'VARCHAR' },
      // Letters and numbers mixed: text.
      { name: 'grade', type: 'VARCHAR' },
      { name: 'double_balance', type: 'BIGINT' },
    ]);
    expect(await ws.all('SELECT * FROM xl_loans ORDER BY loan_id')).toEqual([
      {
        loan_id: 1,
        branch: '北京分行',
        balance: 1200.5,
        opened: '2024-01-31',
        last_paid: '2024-06-01 09:30:00',
        active: true,
        account_no: '00123',
        grade: 'A',
        double_balance: 2401,
      },
      {
        loan_id: 2,
        branch: '上海分行',
        balance: 800,
        opened: '2023-12-01',
        last_paid: '2024-06-02 17:05:00',
        active: false,
        account_no: '00456',
        grade: '3',
        double_balance: 1600,
      },
      {
        loan_id: 3,
        branch: '深圳分行',
        balance: null,
        opened: '2024-02-29',
        last_paid: null,
        active: true,
        account_no: '00789',
        grade: null,
        double_balance: null,
      },
    ]);
    expect(await ws.all(`SELECT source_file, kind FROM _vigil_catalog WHERE table_name = 'xl_loans'`)).toEqual([
      { source_file: 'portfolio.xlsx', kind: 'data' },
    ]);
  });

  it('imports the first sheet when none is named', async () => {
    const result = await importFile(ws, { path: book, table: 'xl_first' }, testContext().ctx);
    expect(result.columns.map((c) => c.name)).toEqual(['metric', 'column_2', 'value']);
    expect(await ws.all('SELECT * FROM xl_first')).toEqual([{ metric: 'loans', column_2: 'all branches', value: 3 }]);
  });

  it('names the sheets there are when the chosen one is missing', async () => {
    const e = await importError({ path: book, table: 'xl_missing', sheet: 'Loans 2025' });
    expect(e.kind).toBe('not_found');
    expect(e.message).toBe('portfolio.xlsx has no sheet named "Loans 2025". Its sheets are: Summary, Loans 2024.');
  });

  it('leaves no file open after listing sheets and importing one of several', async () => {
    const openFiles = () => readdirSync('/proc/self/fd').length;
    await listSheets(book); // first use loads exceljs and its helpers
    const before = openFiles();
    for (let i = 0; i < 5; i++) await listSheets(book);
    for (let i = 0; i < 3; i++) await importFile(ws, { path: book, table: 'xl_again', sheet: 'Loans 2024', replace: true }, testContext().ctx);
    expect(openFiles()).toBe(before);
  });

  it('refuses a value beyond the named columns, naming its row and column', async () => {
    const path = join(tmp.dir, 'stray-cell.xlsx');
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Loans');
    sheet.addRow(['loan_id', 'balance']);
    sheet.addRow([1, 10]);
    sheet.addRow([2, 20, 'note: restructured']);
    await wb.xlsx.writeFile(path);
    const e = await importError({ path, table: 'xl_stray' });
    expect(e.kind).toBe('bad_input');
    expect(e.details).toMatchObject({ file: 'stray-cell.xlsx', sheet: 'Loans', line: 3, column: 'C' });
  });

  it('refuses a file that is not a workbook, and old .xls files with advice', async () => {
    const fake = join(tmp.dir, 'fake.xlsx');
    writeFileSync(fake, 'loan_id,branch\n1,BJ\n');
    expect((await importError({ path: fake, table: 'xl_fake' })).message).toBe('fake.xlsx is not an Excel .xlsx workbook.');
    const old = join(tmp.dir, 'old.xls');
    writeFileSync(old, Buffer.from('d0cf11e0a1b11ae1', 'hex'));
    expect((await importError({ path: old, table: 'xl_old' })).message).toContain('save it as .xlsx');
  });
});
