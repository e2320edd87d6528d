import { describe, expect, it } from 'vitest';
import { explainedStatementStart, isBlankSql, leadingKeyword, statementBody } from '../../../src/workspace/sql-text';

describe('console SQL lexing', () => {
  it('cuts trailing semicolons and comments, never inside strings, identifiers or comments', () => {
    expect(statementBody('SELECT 1;')).toBe('SELECT 1');
    expect(statementBody('SELECT 1 ;  -- done\n ; /* really */ ')).toBe('SELECT 1');
    expect(statementBody("SELECT ';' AS x -- c")).toBe("SELECT ';' AS x");
    expect(statementBody("SELECT 'it''s;' ;")).toBe("SELECT 'it''s;'");
    expect(statementBody(`SELECT "a;--b" FROM t;`)).toBe(`SELECT "a;--b" FROM t`);
    expect(statementBody("SELECT E'\\';' ;")).toBe("SELECT E'\\';'");
    expect(statementBody('SELECT $$ ; -- $$ ;')).toBe('SELECT $$ ; -- $$');
    expect(statementBody('SELECT $tag$ ; $$ ; $tag$;')).toBe('SELECT $tag$ ; $$ ; $tag$');
    expect(statementBody('SELECT $1;')).toBe('SELECT $1');
    expect(statementBody('SELECT 1 /* a /* nested */ ; */ ;')).toBe('SELECT 1');
  });

  it('knows blank text', () => {
    for (const blank of ['', '  \n', '-- only', '/* only */', ';;', ' ; -- x\n']) expect(isBlankSql(blank), blank).toBe(true);
    expect(isBlankSql('-- x\nSELECT 1')).toBe(false);
  });

  it('finds the first keyword past comments', () => {
    expect(leadingKeyword('  -- note\n /* x */ pragma table_info(t)')?.word).toBe('PRAGMA');
    expect(leadingKeyword('(SELECT 1)')).toBeNull();
  });

  it('finds the statement inside EXPLAIN, with or without ANALYZE and options', () => {
    const inner = (sql: string) => {
      const at = explainedStatementStart(sql);
      return at === null ? null : sql.slice(at).trim();
    };
    expect(inner('EXPLAIN SELECT 1')).toBe('SELECT 1');
    expect(inner('explain analyze DELETE FROM t')).toBe('DELETE FROM t');
    expect(inner('EXPLAIN /* c */ ANALYSE\n UPDATE t SET a = 1')).toBe('UPDATE t SET a = 1');
    expect(inner("EXPLAIN (ANALYZE, FORMAT 'json') INSERT INTO t VALUES (1)")).toBe('INSERT INTO t VALUES (1)');
    expect(inner('SELECT 1')).toBeNull();
  });
});
