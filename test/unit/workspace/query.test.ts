import { tableFromIPC, Type } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src/workspace/workspace';
import { DEFAULT_QUERY_LIMIT, runQuery } from '../../../src/workspace/query';
import { errorOf, loadUciTable, openTempWorkspace, testJob } from './fixtures';

const query = (ws: Workspace, sql: string, limit?: number) => runQuery(ws, { sql, limit }, testJob());

describe('workspace.query', () => {
  let ws: Workspace;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ ws, cleanup } = await openTempWorkspace());
    await loadUciTable(ws, 'uci');
    await ws.run('CREATE SEQUENCE loan_seq');
  });
  afterAll(() => cleanup());

  it('returns Arrow that round-trips values, types, Chinese names and NULLs', async () => {
    const result = await query(
      ws,
      `SELECT * FROM (VALUES
         (1, '张三', 1200.50::DECIMAL(10,2), 0.25::DOUBLE, 9007199254740993::BIGINT, 42::BIGINT, true,
          DATE '2024-06-30', TIMESTAMP '2024-06-30 08:15:30.5', [1, 2], INTERVAL 3 DAY),
         (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL))
       AS t("编号", "客户", "余额", "利率", "卡号", "期数", "结清", "到期日", "还款时间", "标签", "宽限")`,
    );
    expect(result).toMatchObject({ rowCount: 2, totalRows: 2, truncated: false });
    expect(result.columns.map((c) => c.type)).toEqual([
      'INTEGER', 'VARCHAR', 'DECIMAL(10,2)', 'DOUBLE', 'BIGINT', 'BIGINT', 'BOOLEAN', 'DATE', 'TIMESTAMP', 'INTEGER[]', 'INTERVAL',
    ]);
    const table = tableFromIPC(result.arrow);
    expect(table.schema.fields.map((f) => f.name)).toEqual(result.columns.map((c) => c.name));
    expect(table.schema.fields.map((f) => Type[f.type.typeId])).toEqual([
      'Int', 'Utf8', 'Float', 'Float', 'Utf8', 'Float', 'Bool', 'Date', 'Utf8', 'Utf8', 'Utf8',
    ]);
    const [first, second] = table.toArray().map((r) => r.toJSON() as Record<string, unknown>);
    expect(first).toEqual({
      编号: 1,
      客户: '张三',
      余额: 1200.5,
      利率: 0.25,
      // Beyond 2^53 a double would round it to ...992: kept exact as text.
      卡号: '9007199254740993',
      期数: 42,
      结清: true,
      到期日: Date.UTC(2024, 5, 30),
      还款时间: '2024-06-30T08:15:30.5',
      标签: '[1, 2]',
      宽限: '3 days',
    });
    expect(Object.values(second).slice(1).every((v) => v === null)).toBe(true);
  });

  it('gives duplicate column names distinct Arrow fields', async () => {
    const result = await query(ws, 'SELECT 1 AS balance, 2 AS balance');
    const names = result.columns.map((c) => c.name);
    expect(new Set(names).size).toBe(2);
    expect(names[0]).toBe('balance');
    expect(tableFromIPC(result.arrow).toArray()[0].toJSON()).toEqual({ [names[0]]: 1, [names[1]]: 2 });
  });

  it('caps rows at the limit and still counts them all', async () => {
    const big = await query(ws, 'SELECT * FROM uci ORDER BY ID');
    expect(big).toMatchObject({ rowCount: DEFAULT_QUERY_LIMIT, totalRows: 30_000, truncated: true });
    const ids = tableFromIPC(big.arrow).getChild('ID')!.toArray();
    expect(ids[0]).toBe(1);
    expect(ids[DEFAULT_QUERY_LIMIT - 1]).toBe(DEFAULT_QUERY_LIMIT);

    const small = await query(ws, 'SELECT ID FROM uci WHERE default_next_month = 1 AND AGE > 70; -- elders in default', 3);
    const [{ n }] = await ws.all<{ n: number }>('SELECT count(*) AS n FROM uci WHERE default_next_month = 1 AND AGE > 70');
    expect(small.totalRows).toBe(n);
    expect(small.rowCount).toBe(Math.min(3, n));
    expect(small.truncated).toBe(n > 3);

    const exact = await query(ws, 'SELECT * FROM range(5)', 5);
    expect(exact).toMatchObject({ rowCount: 5, totalRows: 5, truncated: false });
    expect((await errorOf(query(ws, 'SELECT 1', 0))).kind).toBe('bad_input');
  });

  it('accepts every read-only statement form', async () => {
    for (const sql of [
      'FROM uci LIMIT 1',
      'VALUES (1), (2)',
      'WITH d AS (SELECT * FROM uci WHERE PAY_0 >= 2) SELECT count(*) FROM d',
      'DESCRIBE uci',
      'SUMMARIZE SELECT AGE FROM uci',
      'SHOW TABLES',
      'EXPLAIN SELECT * FROM uci',
      'EXPLAIN ANALYZE SELECT count(*) FROM uci',
      '/* leading comment */ SELECT 1;',
      "SELECT 'a;b' AS x, $$--$$ AS y; -- trailing",
    ]) {
      const r = await query(ws, sql);
      expect(r.rowCount, sql).toBeGreaterThan(0);
    }
  });

  it('refuses anything that could change the workspace, and changes nothing', async () => {
    const refused: [string, RegExp][] = [
      ['DELETE FROM uci', /DELETE statements are not allowed/],
      ['INSERT INTO uci SELECT * FROM uci', /INSERT/],
      ['UPDATE uci SET AGE = 0', /UPDATE/],
      ['DROP TABLE uci', /DROP/],
      ['CREATE TABLE copy AS SELECT * FROM uci', /CREATE/],
      ['ALTER TABLE uci RENAME TO gone', /ALTER/],
      ["COPY uci TO '/tmp/vigil-should-not-exist.csv'", /COPY/],
      ["ATTACH ':memory:' AS other", /ATTACH/],
      ['PRAGMA table_info(uci)', /PRAGMA/],
      ['SET threads = 1', /SET/],
      ['INSTALL httpfs', /INSTALL\/LOAD/],
      ['LOAD json', /INSTALL\/LOAD/],
      ['CALL pragma_version()', /CALL/],
      ['BEGIN TRANSACTION', /BEGIN/],
      ['EXPLAIN ANALYZE DELETE FROM uci', /DELETE/],
      ['EXPLAIN (ANALYZE, FORMAT json) UPDATE uci SET AGE = 0', /UPDATE/],
      ['SELECT 1; DROP TABLE uci', /one statement at a time/],
    ];
    for (const [sql, message] of refused) {
      const e = await errorOf(query(ws, sql));
      expect(e.kind, sql).toBe('bad_input');
      expect(e.message, sql).toMatch(message);
      if (!/one statement/.test(e.message)) expect(e.message, sql).toMatch(/^The SQL console is read-only: /);
    }
    // A write hidden inside a SELECT is stopped by the READ ONLY transaction.
    const seq = await errorOf(query(ws, "SELECT nextval('loan_seq')"));
    expect(seq.kind).toBe('bad_input');
    expect(seq.message).toMatch(/read-only/);

    const [after] = await ws.all<{ n: number; age0: number }>('SELECT count(*) AS n, count(*) FILTER (AGE = 0) AS age0 FROM uci');
    expect(after).toEqual({ n: 30_000, age0: 0 });
    expect((await ws.all('SELECT * FROM duckdb_tables() WHERE table_name IN (\'copy\', \'gone\')')).length).toBe(0);
    expect((await ws.all('SELECT * FROM duckdb_databases() WHERE database_name = \'other\'')).length).toBe(0);
    // The sequence never advanced: its first value is still 1.
    const [{ v }] = await ws.all<{ v: number }>("SELECT nextval('loan_seq') AS v");
    expect(v).toBe(1);
  });

  it('reports SQL errors with DuckDB message, line and column', async () => {
    const binder = await errorOf(query(ws, 'SELECT ID,\n  "客户编号" FROM uci'));
    expect(binder.kind).toBe('bad_input');
    expect(binder.message).toMatch(/客户编号/);
    expect(binder.details).toMatchObject({ line: 2, column: 3 });

    // Columns count characters: the Chinese text before the error is 2 characters, not 6 bytes,
    // whether DuckDB's parser (characters) or binder (bytes) found the error.
    const parser = await errorOf(query(ws, "SELECT '中文' AS x FORM uci"));
    expect(parser.message).toMatch(/syntax error at or near "FORM"/);
    expect(parser.details).toMatchObject({ line: 1, column: 18 });
    const bound = await errorOf(query(ws, "SELECT '中文',\n '贷款' AS y, nosuch FROM uci"));
    expect(bound.message).toMatch(/nosuch/);
    expect(bound.details).toMatchObject({ line: 2, column: 13 });

    const runtime = await errorOf(query(ws, "SELECT CAST('abc' AS INTEGER)"));
    expect(runtime.kind).toBe('bad_input');
    expect(runtime.message).toMatch(/abc/);

    for (const blank of ['', '   ', '-- nothing here', ';', 42]) {
      const e = await errorOf(runQuery(ws, { sql: blank as string }, testJob()));
      expect(e.kind, JSON.stringify(blank)).toBe('bad_input');
      expect(e.message).toBe('Enter a SQL statement to run.');
    }
  });

  it('is cancellable', async () => {
    const job = testJob();
    job.cancel();
    expect((await errorOf(runQuery(ws, { sql: 'SELECT 1' }, job))).kind).toBe('cancelled');
  });
});
