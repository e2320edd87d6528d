/**
 * The all-or-nothing rule of imports: names are checked, a taken name needs `replace`, and a
 * failed or cancelled import (even one replacing a table) leaves the workspace exactly as it was.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cancelled, VigilError } from '../../../src/api/errors';
import type { JobContext } from '../../../src/api/jobs';
import type { ImportArgs } from '../../../src/api/workspace';
import { importFile } from '../../../src/workspace/import/index';
import { Workspace } from '../../../src/workspace/workspace';
import { tempDir } from '../../helpers/paths';

interface Job {
  ctx: JobContext;
  controller: AbortController;
}

function jobContext(onProgress: (done: number, total: number | null, message: string) => void = () => {}): Job {
  const controller = new AbortController();
  const ctx: JobContext = {
    jobId: 'import-swap-test',
    signal: controller.signal,
    progress: (done, total = null, message = '') => onProgress(done, total, message),
    throwIfCancelled: () => {
      if (controller.signal.aborted) throw cancelled();
    },
  };
  return { ctx, controller };
}

let tmp: ReturnType<typeof tempDir>;
let ws: Workspace;
let osTmp: string;
const originalTmpdir = process.env.TMPDIR;

beforeAll(async () => {
  tmp = tempDir('vigil-import-swap-');
  ws = await Workspace.open(join(tmp.dir, 'ws.duckdb'));
  // This file's process only: transcoded copies land here, so their removal can be checked.
  osTmp = join(tmp.dir, 'os-tmp');
  mkdirSync(osTmp);
  process.env.TMPDIR = osTmp;
});

afterAll(async () => {
  process.env.TMPDIR = originalTmpdir;
  await ws.close();
  tmp.cleanup();
});

function writeCsv(name: string, text: string): string {
  const path = join(tmp.dir, name);
  writeFileSync(path, text);
  return path;
}

const GOOD = 'loan_id,balance\n1,100\n2,200\n3,300\n';

async function state(): Promise<unknown> {
  return {
    tables: await ws.all(`SELECT table_name FROM duckdb_tables() ORDER BY table_name`),
    views: await ws.all(`SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY view_name`),
    catalog: await ws.all(`SELECT * FROM _vigil_catalog ORDER BY table_name`),
    loans: await ws.all(`SELECT * FROM loans ORDER BY loan_id`),
  };
}

async function failure(args: ImportArgs, job: Job = jobContext()): Promise<VigilError> {
  const error = await importFile(ws, args, job.ctx).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(VigilError);
  return error as VigilError;
}

beforeEach(async () => {
  // A previously imported table that the tests try to replace.
  await importFile(ws, { path: writeCsv('loans-v1.csv', 'loan_id,branch\n10,BJ\n20,SH\n'), table: 'loans', replace: true }, jobContext().ctx);
});

describe('table names', () => {
  it.each([
    ['', 'Enter a name'],
    [' loans', 'starts or ends with spaces'],
    ['x'.repeat(64), 'too long'],
    ['_vigil_catalog', 'reserved for Vigil'],
    ['_VIGIL_staging_1', 'reserved for Vigil'],
    ['line\nbreak', 'tabs or line breaks'],
  ])('refuses %j', async (table, message) => {
    const e = await failure({ path: writeCsv('good.csv', GOOD), table });
    expect(e.kind).toBe('bad_input');
    expect(e.message).toContain(message);
  });

  it('accepts 63 characters, Chinese and spaces inside', async () => {
    for (const table of ['y'.repeat(63), '贷款 台账 2024']) {
      const result = await importFile(ws, { path: writeCsv('good.csv', GOOD), table }, jobContext().ctx);
      expect(result.table).toBe(table);
      expect(await ws.all(`SELECT count(*) AS n FROM "${table}"`)).toEqual([{ n: 3 }]);
    }
  });

  it('refuses a name too long to carry its _rejects companion when bad rows are kept', async () => {
    const e = await failure({ path: writeCsv('good.csv', GOOD), table: 'z'.repeat(60), skipBadRows: true });
    expect(e.kind).toBe('bad_input');
    expect(e.message).toContain('_rejects');
  });
});

describe('taken names', () => {
  it('is a conflict without replace, whatever the letter case, and changes nothing', async () => {
    const before = await state();
    for (const table of ['loans', 'LOANS']) {
      const e = await failure({ path: writeCsv('good.csv', GOOD), table });
      expect(e.kind).toBe('conflict');
      expect(e.message).toContain('"loans" already exists');
    }
    expect(await state()).toEqual(before);
  });

  it('replace swaps in the new rows and provenance', async () => {
    const result = await importFile(ws, { path: writeCsv('loans-v2.csv', GOOD), table: 'loans', replace: true }, jobContext().ctx);
    expect(result.rows).toBe(3);
    expect(await ws.all('SELECT * FROM loans ORDER BY loan_id')).toEqual([
      { loan_id: 1, balance: 100 },
      { loan_id: 2, balance: 200 },
      { loan_id: 3, balance: 300 },
    ]);
    expect(await ws.all(`SELECT table_name, source_file FROM _vigil_catalog WHERE lower(table_name) = 'loans'`)).toEqual([
      { table_name: 'loans', source_file: 'loans-v2.csv' },
    ]);
  });

  it('replace over a view drops the view', async () => {
    await ws.run(`CREATE VIEW big_loans AS SELECT * FROM loans WHERE loan_id > 10`);
    expect((await failure({ path: writeCsv('good.csv', GOOD), table: 'big_loans' })).kind).toBe('conflict');
    await importFile(ws, { path: writeCsv('good.csv', GOOD), table: 'big_loans', replace: true }, jobContext().ctx);
    expect(await ws.all(`SELECT count(*) AS n FROM duckdb_views() WHERE view_name = 'big_loans'`)).toEqual([{ n: 0 }]);
    expect(await ws.all(`SELECT count(*) AS n FROM big_loans`)).toEqual([{ n: 3 }]);
  });

  it('a user table named <table>_rejects is a conflict when bad rows are to be kept there', async () => {
    await ws.run(`CREATE OR REPLACE TABLE watch_rejects AS SELECT 1 AS x`);
    const e = await failure({ path: writeCsv('good.csv', GOOD), table: 'watch', skipBadRows: true });
    expect(e.kind).toBe('conflict');
    expect(e.message).toContain('watch_rejects');
  });

  it('replacing an import also retires the bad rows it had kept', async () => {
    const bad = writeCsv('with-bad.csv', 'loan_id,balance\n1,100\n2,200,9\n3,300\n');
    const kept = await importFile(ws, { path: bad, table: 'tape', skipBadRows: true, replace: true }, jobContext().ctx);
    expect(kept).toMatchObject({ rows: 2, rejected: 1, rejectsTable: 'tape_rejects' });
    await importFile(ws, { path: writeCsv('good.csv', GOOD), table: 'tape', replace: true }, jobContext().ctx);
    expect(await ws.all(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'tape_rejects'`)).toEqual([{ n: 0 }]);
    expect(await ws.all(`SELECT table_name FROM _vigil_catalog WHERE table_name LIKE 'tape%'`)).toEqual([{ table_name: 'tape' }]);
  });
});

describe('failed and cancelled imports leave the workspace exactly as it was', () => {
  it('replace = true with a file that fails: the old rows are still there', async () => {
    const before = await state();
    const bad = writeCsv('loans-bad.csv', 'loan_id,branch\n1,BJ\n2,SH,extra\n');
    const e = await failure({ path: bad, table: 'loans', replace: true });
    expect(e.kind).toBe('bad_input');
    expect(e.details).toMatchObject({ file: 'loans-bad.csv', line: 3 });
    expect(await state()).toEqual(before);
  });

  it('cancelled while transcoding GB18030: streams aborted, temp copy removed, nothing changed', async () => {
    const before = await state();
    const lines = ['loan_id,branch'];
    for (let i = 0; i < 200_000; i++) lines.push(`${i},北京分行`);
    const path = join(tmp.dir, 'big-gbk.csv');
    writeFileSync(path, iconv.encode(lines.join('\n'), 'gbk'));
    let converting = 0;
    const job: Job = jobContext((_done, _total, message) => {
      if (message.startsWith('Converting') && ++converting === 2) job.controller.abort();
    });
    const e = await failure({ path, table: 'loans', replace: true }, job);
    expect(e.kind).toBe('cancelled');
    expect(converting).toBe(2);
    expect(readdirSync(osTmp)).toEqual([]);
    expect(await state()).toEqual(before);
  });

  it('cancelled while DuckDB loads rows: the statement is interrupted, nothing changed', async () => {
    const before = await state();
    const path = join(tmp.dir, 'big.csv');
    await ws.run(
      `COPY (SELECT range AS loan_id, 'branch_' || (range % 97) AS branch, range * 1.5 AS balance,
                    DATE '2020-01-01' + (range % 1000)::INTEGER AS opened, range % 90 AS overdue_days
             FROM range(1500000)) TO '${path}' (HEADER)`,
    );
    let abortedIn: string | null = null;
    let loadingReports = 0;
    const job: Job = jobContext((_done, _total, message) => {
      if (abortedIn !== null) return;
      // The first report announces the load; later ones come from polling while the statement runs.
      // Should the load finish between polls, the next phase is the latest point to cancel.
      if ((message.startsWith('Loading rows') && ++loadingReports === 2) || message.startsWith('Checking the imported rows')) {
        abortedIn = message;
        job.controller.abort();
      }
    });
    const e = await failure({ path, table: 'loans', replace: true }, job);
    expect(abortedIn).not.toBeNull();
    expect(e.kind).toBe('cancelled');
    expect(await state()).toEqual(before);
  });
});
