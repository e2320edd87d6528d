/**
 * The SQL console is read-only. An analyst may look at anything, but a typo in a console must
 * never delete a portfolio table, so only one SELECT-like statement (SELECT, FROM-first, VALUES,
 * DESCRIBE, SUMMARIZE, SHOW, or EXPLAIN of one of those) is accepted.
 *
 * DuckDB's parser decides the statement type; two gaps are closed by hand:
 * - `PRAGMA table_info(...)` reports itself as SELECT; PRAGMA is refused by its keyword.
 * - `EXPLAIN ANALYZE` executes the explained statement (`EXPLAIN ANALYZE DELETE ...` deletes),
 *   so the statement inside an EXPLAIN must pass this same check.
 * Callers also run the statement in a READ ONLY transaction, which stops any write that slipped
 * through (e.g. `nextval()` in a SELECT).
 */
import { StatementType, type DuckDBConnection, type DuckDBPreparedStatement } from '@duckdb/node-api';
import { badInput } from '../api/errors';
import { sqlError } from './sql-errors';
import { explainedStatementStart, isBlankSql, leadingKeyword, statementBody } from './sql-text';

export interface ReadOnlyStatement {
  /** Prepared, ready to run. The caller owns it. */
  prepared: DuckDBPreparedStatement;
  kind: 'select' | 'explain';
  /** The statement without trailing `;` or comments: safe to wrap in parentheses. */
  body: string;
}

/** Words the analyst knows, for DuckDB's statement types. */
const STATEMENT_NAMES: Partial<Record<StatementType, string>> = {
  [StatementType.TRANSACTION]: 'BEGIN/COMMIT/ROLLBACK',
  [StatementType.VARIABLE_SET]: 'SET VARIABLE',
  [StatementType.CREATE_FUNC]: 'CREATE FUNCTION',
  [StatementType.LOAD]: 'INSTALL/LOAD',
  [StatementType.COPY_DATABASE]: 'COPY FROM DATABASE',
  [StatementType.MERGE_INTO]: 'MERGE INTO',
  [StatementType.UPDATE_EXTENSIONS]: 'UPDATE EXTENSIONS',
};

function statementName(type: StatementType): string {
  return STATEMENT_NAMES[type] ?? (StatementType[type] ?? `type ${type}`).replaceAll('_', ' ');
}

function refuse(what: string): Error {
  return badInput(`The SQL console is read-only: ${what} statements are not allowed.`, { statement: what });
}

async function prepareSingle(c: DuckDBConnection, sql: string): Promise<DuckDBPreparedStatement> {
  const extracted = await c.extractStatements(sql).catch((e: unknown) => {
    throw sqlError(e, sql);
  });
  if (extracted.count !== 1) {
    throw badInput(`The SQL console runs one statement at a time; this text holds ${extracted.count}.`, {
      statements: extracted.count,
    });
  }
  return extracted.prepare(0).catch((e: unknown) => {
    throw sqlError(e, sql);
  });
}

/**
 * Parse `sql` and accept it only when it cannot change the workspace. Throws bad_input otherwise
 * (with DuckDB's message, line and column for SQL errors).
 */
export async function prepareReadOnly(c: DuckDBConnection, sql: unknown): Promise<ReadOnlyStatement> {
  if (typeof sql !== 'string' || isBlankSql(sql)) throw badInput('Enter a SQL statement to run.', { field: 'sql' });
  if (leadingKeyword(sql)?.word === 'PRAGMA') throw refuse('PRAGMA');
  const prepared = await prepareSingle(c, sql);
  const type = prepared.statementType;
  if (type === StatementType.SELECT) return { prepared, kind: 'select', body: statementBody(sql) };
  if (type === StatementType.EXPLAIN) {
    const inner = explainedStatementStart(sql);
    if (inner === null) {
      prepared.destroySync();
      throw badInput('Write the explained statement as EXPLAIN [ANALYZE] SELECT ...', { statement: 'EXPLAIN' });
    }
    // The inner check throws for EXPLAIN ANALYZE DELETE ... and the like.
    const innerStatement = await prepareReadOnly(c, sql.slice(inner)).catch((e: unknown) => {
      prepared.destroySync();
      throw e;
    });
    innerStatement.prepared.destroySync();
    return { prepared, kind: 'explain', body: statementBody(sql) };
  }
  prepared.destroySync();
  throw refuse(statementName(type));
}
