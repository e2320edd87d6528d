/**
 * Malformed CSV files: each fails with a clear bad_input naming file, line (of the original
 * file), column and reason, and leaves the workspace as it was; or, with skipBadRows, lands
 * its bad lines in `<table>_rejects` so that nothing is lost.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { VigilError } from '../../../src/api/errors';
import type { ImportArgs } from '../../../src/api/workspace';
import { importFile } from '../../../src/workspace/import/index';
import { Workspace } from '../../../src/workspace/workspace';
import { testContext } from '../../helpers/job-context';
import { tempDir } from '../../helpers/paths';

let tmp: ReturnType<typeof tempDir>;
let ws: Workspace;

beforeAll(async () => {
  tmp = tempDir('vigil-import-malformed-');
  ws = await Workspace.open(join(tmp.dir, 'ws.duckdb'));
  // An existing table every failing import must leave alone.
  await ws.run(`CREATE TABLE loans AS SELECT range AS loan_id FROM range(5)`);
});

afterAll(async () => {
  await ws.close();
  tmp.cleanup();
});

/** Every table in the workspace file (internal ones too) and the catalog: what "unchanged" means. */
async function workspaceState(): Promise<unknown> {
  return {
    tables: await ws.all(`SELECT table_name FROM duckdb_tables() ORDER BY table_name`),
    catalog: await ws.all(`SELECT * FROM _vigil_catalog ORDER BY table_name`),
    loans: await ws.all(`SELECT count(*) AS n FROM loans`),
  };
}

let before: unknown;
beforeEach(async () => {
  before = await workspaceState();
});

/** `header` then `n` loan rows (lines 2..n+1); `bad` replaces the row for some loan ids. */
function loanFile(name: string, n: number, bad: (id: number) => string | null = () => null): string {
  const lines = ['loan_id,branch,balance,overdue_days'];
  for (let id = 1; id <= n; id++) lines.push(bad(id) ?? `${id},"Branch ${id % 7}",${(id * 1.25).toFixed(2)},${id % 90}`);
  const path = join(tmp.dir, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

async function importError(args: ImportArgs): Promise<VigilError> {
  const error = await importFile(ws, args, testContext().ctx).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VigilError);
  // A failed import changes nothing.
  expect(await workspaceState()).toEqual(before);
  return error as VigilError;
}

describe('a failing import names file, line, column and reason', () => {
  it('wrong type far beyond the sniffing sample (line 25,001)', async () => {
    const path = loanFile('late-type.csv', 30_000, (id) => (id === 25_000 ? '25000,"Branch 1",12.5,abc' : null));
    const e = await importError({ path, table: 'late_type' });
    expect(e.kind).toBe('bad_input');
    expect(e.message).toMatch(/^late-type\.csv line 25001, column "overdue_days": could not convert "abc" to BIGINT\./);
    expect(e.details).toMatchObject({ file: 'late-type.csv', line: 25001, column: 'overdue_days', reason: 'could not convert "abc" to BIGINT' });
  });

  it('counts the bad lines and points at the first one', async () => {
    const path = loanFile('two-bad.csv', 30_000, (id) => (id === 26_000 || id === 29_000 ? `${id},"B",1.0,x${id}` : null));
    const e = await importError({ path, table: 'two_bad' });
    expect(e.details).toMatchObject({ line: 26_001, badLines: 2 });
    expect(e.message).toContain('2 lines are bad');
  });

  it('uses lines of the original file when a quoted field spans lines', async () => {
    // Loan 5's branch holds a line break, so every later loan sits one line lower than its record number.
    const path = loanFile('multiline.csv', 30_000, (id) =>
      id === 5 ? '5,"Branch\nannex",6.25,5' : id === 27_000 ? '27000,"Branch 2",1.0,soon' : null,
    );
    const e = await importError({ path, table: 'multiline' });
    const fileLines = readFileSync(path, 'utf8').split('\n');
    const line = e.details?.line as number;
    expect(line).toBe(27_002);
    expect(fileLines[line - 1]).toBe('27000,"Branch 2",1.0,soon');
  });

  it('an unterminated quote after the sample', async () => {
    const path = loanFile('unterminated-late.csv', 30_000, (id) => (id === 25_000 ? '25000,"Branch 1,12.5,3' : null));
    const e = await importError({ path, table: 'unterminated_late' });
    expect(e.kind).toBe('bad_input');
    expect(e.details).toMatchObject({ file: 'unterminated-late.csv', line: 25_001, column: 'branch' });
    expect(e.message).toMatch(/^unterminated-late\.csv line 25001, column "branch": a quote is opened and never closed/);
  });

  it('an unterminated quote inside the sniffing sample (the sniffer would otherwise read quotes as text)', async () => {
    const path = loanFile('unterminated-early.csv', 500, (id) => (id === 3 ? '3,"Branch 3,3.75,3' : null));
    const e = await importError({ path, table: 'unterminated_early' });
    expect(e.details).toMatchObject({ line: 4, column: 'branch' });
    expect(String(e.details?.reason)).toContain('quote');
  });

  it('a stray quote inside a quoted field', async () => {
    const path = loanFile('stray-quote.csv', 500, (id) => (id === 100 ? '100,"Branch "7" annex",125.00,10' : null));
    const e = await importError({ path, table: 'stray_quote' });
    expect(e.details).toMatchObject({ line: 101, column: 'branch' });
  });

  it('a row with too many fields', async () => {
    const path = loanFile('too-many.csv', 1000, (id) => (id === 300 ? '300,"Branch 6",375.00,30,EXTRA' : null));
    const e = await importError({ path, table: 'too_many' });
    expect(e.details).toMatchObject({ line: 301, reason: 'too many fields: expected 4, found 5' });
    expect(e.message).toMatch(/^too-many\.csv line 301: too many fields: expected 4, found 5\./);
  });

  it('a row with too few fields, early enough to confuse the sniffer', async () => {
    const path = loanFile('too-few.csv', 1000, (id) => (id === 3 ? '3,"Branch 3"' : null));
    const e = await importError({ path, table: 'too_few' });
    expect(e.details).toMatchObject({ line: 4, reason: 'too few fields: expected 4, found 2' });
  });
});

describe('files that are not CSV tables', () => {
  it('an empty file', async () => {
    const path = join(tmp.dir, 'empty.csv');
    writeFileSync(path, '');
    const e = await importError({ path, table: 'empty' });
    expect(e.kind).toBe('bad_input');
    expect(e.message).toBe('empty.csv: the file is empty.');
    expect(e.details).toMatchObject({ file: 'empty.csv', reason: 'empty' });
  });

  it('a file of blank lines is empty too', async () => {
    const path = join(tmp.dir, 'blank.csv');
    writeFileSync(path, '\n\r\n  \n');
    const e = await importError({ path, table: 'blank' });
    expect(e.message).toContain('the file is empty');
  });

  it('random bytes', async () => {
    const path = join(tmp.dir, 'noise.csv');
    const bytes = randomBytes(64 * 1024);
    bytes[10] = 0; // binary data has NUL bytes; make sure this sample does
    writeFileSync(path, bytes);
    const e = await importError({ path, table: 'noise' });
    expect(e.kind).toBe('bad_input');
    expect(e.message).toContain('noise.csv is not a text file');
    expect(e.details).toMatchObject({ reason: 'binary' });
  });

  it('a PNG image renamed .csv', async () => {
    const path = join(tmp.dir, 'chart.csv');
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000100000001008060000001ff3ff61', 'hex');
    writeFileSync(path, png);
    const e = await importError({ path, table: 'chart' });
    expect(e.message).toBe('chart.csv is not a text file (it looks like a PNG image), so it cannot be read as CSV.');
  });

  it('a missing file', async () => {
    const path = join(tmp.dir, 'nowhere', 'loans.csv');
    const e = await importError({ path, table: 'missing' });
    expect(e.kind).toBe('not_found');
    expect(e.details).toMatchObject({ file: 'loans.csv', path });
  });
});

describe('skipBadRows keeps bad lines aside', () => {
  const badRows: Record<number, string> = {
    2: '2,"Branch 2",2.50', // too few fields, inside the sample
    400: '400,"Branch 1",500.00,40,EXTRA', // too many
    22_000: '22000,"Branch 6",27500.00,eleven', // wrong type after the sample
    23_000: '23000,"Branch 5",lots,many', // two bad values on one line: one rejected line
    24_000: '24000,"Branch 4,30000.00,0', // unterminated quote: swallows the next line too
  };

  it('accepted + rejected = the data lines of the file, one rejects row per line', async () => {
    const path = loanFile('mixed.csv', 30_000, (id) => badRows[id] ?? null);
    const result = await importFile(ws, { path, table: 'mixed', skipBadRows: true }, testContext().ctx);

    const fileLines = readFileSync(path, 'utf8').split('\n');
    const dataLines = fileLines.slice(1).filter((l) => l !== '').length;
    expect(dataLines).toBe(30_000);
    expect(result.rows + result.rejected).toBe(dataLines);
    expect(result.rejectsTable).toBe('mixed_rejects');
    // The unclosed quote on loan 24,000 takes loan 24,001's line into the same bad record.
    expect(result.rejected).toBe(6);
    expect(await ws.all('SELECT count(*) AS n FROM mixed')).toEqual([{ n: result.rows }]);

    const rejects = await ws.all<{ line: number; column_name: string | null; reason: string; raw_line: string }>(
      'SELECT line, column_name, reason, raw_line FROM mixed_rejects ORDER BY line',
    );
    expect(rejects.map((r) => r.line)).toEqual([3, 401, 22_001, 23_001, 24_001, 24_002]);
    for (const r of rejects) expect(r.raw_line).toBe(fileLines[r.line - 1]);
    expect(rejects[0]).toMatchObject({ column_name: 'overdue_days', reason: 'too few fields: expected 4, found 3' });
    expect(rejects[2]).toMatchObject({ column_name: 'overdue_days', reason: 'could not convert "eleven" to BIGINT' });
    expect(rejects[3]).toMatchObject({ column_name: 'balance', reason: 'could not convert "lots" to DOUBLE' });

    const columns = await ws.all(
      `SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'mixed_rejects' ORDER BY column_index`,
    );
    expect(columns).toEqual([
      { column_name: 'line', data_type: 'BIGINT' },
      { column_name: 'column_name', data_type: 'VARCHAR' },
      { column_name: 'reason', data_type: 'VARCHAR' },
      { column_name: 'raw_line', data_type: 'VARCHAR' },
    ]);
    const catalog = await ws.all(`SELECT table_name, source_file, kind FROM _vigil_catalog WHERE table_name LIKE 'mixed%' ORDER BY 1`);
    expect(catalog).toEqual([
      { table_name: 'mixed', source_file: 'mixed.csv', kind: 'data' },
      { table_name: 'mixed_rejects', source_file: 'mixed.csv', kind: 'rejects' },
    ]);
  });

  it('a clean file with skipBadRows makes no rejects table', async () => {
    const path = loanFile('clean.csv', 100);
    const result = await importFile(ws, { path, table: 'clean', skipBadRows: true }, testContext().ctx);
    expect(result).toMatchObject({ rows: 100, rejected: 0, rejectsTable: null });
    expect(await ws.all(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'clean_rejects'`)).toEqual([{ n: 0 }]);
  });

  it('refuses a file whose every line is rejected', async () => {
    // The header says two columns, every data line has three.
    const path = join(tmp.dir, 'all-bad.csv');
    writeFileSync(path, 'id,amount\nx,1,2\ny,3,4\n');
    const e = await importError({ path, table: 'all_bad', skipBadRows: true, delimiter: ',', header: true });
    expect(e.kind).toBe('bad_input');
    expect(e.details).toMatchObject({ reason: 'all_rejected', rejected: 2 });
  });
});
