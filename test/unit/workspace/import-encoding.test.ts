/**
 * Text encodings: GBK/GB18030 bank extracts are transcoded (streaming, into a temp file that is
 * removed afterwards) and read back exactly; UTF-8 is read as is; UTF-16 is refused clearly.
 */
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { VigilError } from '../../../src/api/errors';
import { importFile } from '../../../src/workspace/import/index';
import { Workspace } from '../../../src/workspace/workspace';
import { testContext } from '../../helpers/job-context';
import { tempDir } from '../../helpers/paths';

const BRANCHES = ['北京分行', '上海分行', '深圳分行', '成都分行'];
const PRODUCTS = ['个人住房贷款', '个人消费贷款', '信用卡分期'];

let tmp: ReturnType<typeof tempDir>;
let ws: Workspace;
let transcodeDir: string;
const originalTmpdir = process.env.TMPDIR;

beforeAll(async () => {
  tmp = tempDir('vigil-import-encoding-');
  ws = await Workspace.open(join(tmp.dir, 'ws.duckdb'));
  // Each test file runs in its own process: point os.tmpdir() at a folder only these imports use,
  // so "the transcoded copy was removed" can be checked exactly.
  transcodeDir = join(tmp.dir, 'os-tmp');
  mkdirSync(transcodeDir);
  process.env.TMPDIR = transcodeDir;
});

afterEach(() => {
  expect(readdirSync(transcodeDir)).toEqual([]);
});

afterAll(async () => {
  process.env.TMPDIR = originalTmpdir;
  await ws.close();
  tmp.cleanup();
});

/** Loan rows with Chinese branch and product names; `asciiRows` plain rows come first. */
function loanText(rows: number, asciiRows = 0): string {
  const lines = ['loan_id,branch,product,balance'];
  for (let id = 1; id <= asciiRows + rows; id++) {
    const chinese = id > asciiRows;
    const branch = chinese ? BRANCHES[id % BRANCHES.length] : `Branch ${id % 4}`;
    const product = chinese ? PRODUCTS[id % PRODUCTS.length] : 'mortgage';
    lines.push(`${id},${branch},${product},${(id * 10.5).toFixed(1)}`);
  }
  return lines.join('\r\n') + '\r\n';
}

function writeGbk(name: string, text: string): string {
  const path = join(tmp.dir, name);
  writeFileSync(path, iconv.encode(text, 'gbk'));
  return path;
}

describe('GBK / GB18030', () => {
  it('detects GBK, transcodes it streaming with byte progress, and reads the Chinese text back exactly', async () => {
    const path = writeGbk('branches-gbk.csv', loanText(20_000));
    const { ctx, progress: events } = testContext();
    const result = await importFile(ws, { path, table: 'gbk_loans' }, ctx);

    expect(result.encoding).toBe('gb18030');
    expect(result.rows).toBe(20_000);
    const rows = await ws.all<{ branch: string; product: string; n: number }>(
      'SELECT branch, product, count(*) AS n FROM gbk_loans GROUP BY ALL ORDER BY branch, product',
    );
    const expected = new Map<string, number>();
    for (let id = 1; id <= 20_000; id++) {
      const key = `${BRANCHES[id % BRANCHES.length]}|${PRODUCTS[id % PRODUCTS.length]}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    expect(new Map(rows.map((r) => [`${r.branch}|${r.product}`, r.n]))).toEqual(expected);

    const size = statSync(path).size;
    const transcoding = events.filter((e) => e.message.startsWith('Converting branches-gbk.csv'));
    expect(transcoding.length).toBeGreaterThan(1);
    expect(transcoding.every((e) => e.total === size)).toBe(true);
    expect(transcoding[transcoding.length - 1].done).toBe(size);
  });

  it('falls back to GB18030 when the first megabyte is plain ASCII and Chinese text comes later', async () => {
    const path = writeGbk('late-chinese.csv', loanText(1000, 40_000));
    expect(statSync(path).size).toBeGreaterThan(1 << 20);
    const result = await importFile(ws, { path, table: 'late_chinese' }, testContext().ctx);
    expect(result.encoding).toBe('gb18030');
    expect(result.rows).toBe(41_000);
    expect(await ws.all(`SELECT branch FROM late_chinese WHERE loan_id = 40001`)).toEqual([{ branch: BRANCHES[40_001 % 4] }]);
  });

  it('falls back the same way when bad rows are kept aside, instead of rejecting the Chinese lines', async () => {
    const path = writeGbk('late-chinese-skip.csv', loanText(1000, 40_000));
    const result = await importFile(ws, { path, table: 'late_chinese_skip', skipBadRows: true }, testContext().ctx);
    expect(result).toMatchObject({ encoding: 'gb18030', rows: 41_000, rejected: 0, rejectsTable: null });
  });

  it('honours encoding = gbk even when the file starts as ASCII', async () => {
    const path = writeGbk('explicit-gbk.csv', loanText(10));
    const result = await importFile(ws, { path, table: 'explicit_gbk', encoding: 'gbk' }, testContext().ctx);
    expect(result.encoding).toBe('gb18030');
    expect(await ws.all('SELECT product FROM explicit_gbk WHERE loan_id = 1')).toEqual([{ product: PRODUCTS[1] }]);
  });

  it('with encoding = utf-8, GBK bytes are a bad line, named', async () => {
    const path = writeGbk('forced-utf8.csv', loanText(5, 30_000));
    const error = await importFile(ws, { path, table: 'forced_utf8', encoding: 'utf-8' }, testContext().ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VigilError);
    const e = error as VigilError;
    expect(e.kind).toBe('bad_input');
    expect(e.details).toMatchObject({ file: 'forced-utf8.csv', line: 30_002 });
    expect(e.message).toContain('not valid UTF-8');
    expect(await ws.all(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'forced_utf8'`)).toEqual([{ n: 0 }]);
  });
});

describe('UTF-16', () => {
  it('is refused with advice instead of being read as binary garbage', async () => {
    const path = join(tmp.dir, 'unicode.csv');
    writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('loan_id,branch\r\n1,北京分行\r\n', 'utf16le')]));
    const error = await importFile(ws, { path, table: 'utf16' }, testContext().ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VigilError);
    expect((error as VigilError).details).toMatchObject({ file: 'unicode.csv', reason: 'utf-16' });
    expect((error as VigilError).message).toContain('CSV UTF-8');
  });
});
