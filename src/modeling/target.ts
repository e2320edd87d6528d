/**
 * The outcome column and the holdout predicate, checked before any model sees them.
 * A default flag must be binary; anything else the analyst maps to bad/good explicitly.
 */
import { listValue, StatementType, type DuckDBConnection } from '@duckdb/node-api';
import { badInput } from '../api/errors';
import { allRows, q } from '../workspace/workspace';
import { findColumn, type TableColumns } from './frame';

export interface TargetMapping {
  column: string;
  /** Values (as text) that mean "bad" (default / overdue). */
  bad: string[];
  /** All observed values, for the UI. */
  values: { value: string; rows: number }[];
}

/** Distinct non-null values of `column` with their row counts (at most `limit`), for the analyst to map. */
export async function targetValues(
  c: DuckDBConnection,
  table: string,
  column: string,
  limit = 51,
): Promise<{ value: string; rows: number }[]> {
  return allRows<{ value: string; rows: number }>(
    c,
    `SELECT CAST(${q(column)} AS VARCHAR) AS value, count(*) AS rows FROM ${q(table)}
     WHERE ${q(column)} IS NOT NULL GROUP BY 1 ORDER BY 1 LIMIT ${limit}`,
  );
}

/**
 * Work out which values of `column` mean bad. 0/1 (or false/true) map themselves; any other
 * binary column needs `bad` from the user; more than two values always need it.
 */
export async function resolveTarget(
  c: DuckDBConnection,
  t: TableColumns,
  columnName: string,
  bad?: (string | number | boolean)[],
): Promise<TargetMapping> {
  const table = t.table;
  const column = findColumn(t, columnName, 'Target column').name;
  const values = await targetValues(c, table, column);
  if (values.length < 2) {
    throw badInput(`Target "${column}" has ${values.length} distinct value(s); a model needs both goods and bads.`, {
      table,
      column,
      values,
    });
  }
  if (bad && bad.length > 0) {
    const wanted = [...new Set(bad.map(String))];
    // Checked in SQL, not against `values`: that list is cut at 51 values for display.
    const [check] = await allRows<{ missing: string[]; goods: number }>(
      c,
      `SELECT (SELECT list(v ORDER BY v) FROM unnest($1::VARCHAR[]) AS w(v)
                WHERE v NOT IN (SELECT CAST(${q(column)} AS VARCHAR) FROM ${q(table)} WHERE ${q(column)} IS NOT NULL)) AS missing,
              (SELECT count(*) FROM ${q(table)} WHERE ${q(column)} IS NOT NULL
                AND NOT list_contains($1::VARCHAR[], CAST(${q(column)} AS VARCHAR))) AS goods`,
      [listValue(wanted)],
    );
    const missing = check.missing ?? [];
    if (missing.length > 0) {
      throw badInput(`Target "${column}" has no value ${missing.map((m) => `"${m}"`).join(', ')}.`, { table, column, values });
    }
    if (check.goods === 0) {
      throw badInput(`Every value of "${column}" was mapped to bad; leave at least one good value.`, { table, column });
    }
    return { column, bad: wanted, values };
  }
  const set = values.map((v) => v.value).join(',');
  if (set === '0,1') return { column, bad: ['1'], values };
  if (set === 'false,true') return { column, bad: ['true'], values };
  throw badInput(
    `Target "${column}" is not a 0/1 flag (values: ${values
      .slice(0, 10)
      .map((v) => v.value)
      .join(', ')}${values.length > 10 ? ', …' : ''}). Choose which values mean bad.`,
    { table, column, values: values.slice(0, 50) },
  );
}

/** SQL expression that is 1 for bad, 0 for good. */
export function targetExpression(t: TargetMapping): string {
  const list = t.bad.map((b) => `'${b.replaceAll("'", "''")}'`).join(', ');
  return `CASE WHEN CAST(${q(t.column)} AS VARCHAR) IN (${list}) THEN 1 ELSE 0 END`;
}

/**
 * Parentheses of `sql` outside quotes and comments never close more than they open and all close at
 * the end, and there is no statement separator: so `(sql)` is one expression wherever it is spliced.
 */
function isSelfContained(sql: string): boolean {
  let depth = 0;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i];
    if (ch === "'" || ch === '"') {
      const end = sql.indexOf(ch, i + 1);
      if (end < 0) return false;
      i = end; // a doubled quote inside a literal is just two literals back to back: same depth
    } else if (ch === '-' && sql[i + 1] === '-') {
      return false; // a line comment would swallow whatever we append after the predicate
    } else if (ch === '/' && sql[i + 1] === '*') {
      return false;
    } else if (ch === ';') {
      return false;
    } else if (ch === '(') {
      depth++;
    } else if (ch === ')') {
      depth--;
      if (depth < 0) return false;
    }
  }
  return depth === 0;
}

/**
 * An analyst's holdout predicate (`month >= '2024-07'`) is SQL text: make sure it is one boolean
 * expression over this table and nothing else, before it is spliced into a query. Returns the rows it selects.
 */
export async function checkPredicate(c: DuckDBConnection, table: string, predicate: string): Promise<number> {
  const fail = (why: string) =>
    badInput(`The holdout condition "${predicate}" is not a valid condition on "${table}": ${why}`, { table, predicate });
  if (predicate.trim() === '') throw fail('it is empty.');
  if (!isSelfContained(predicate)) throw fail('it must be one expression (balanced parentheses and quotes, no comments or semicolons).');
  const sql = `SELECT count(*) AS n FROM ${q(table)} WHERE (${predicate})`;
  try {
    const stmts = await c.extractStatements(sql);
    if (stmts.count !== 1) throw new Error('more than one statement');
    const prepared = await stmts.prepare(0);
    if (prepared.statementType !== StatementType.SELECT) throw new Error('not a predicate');
    const rows = await allRows<{ n: number }>(c, sql);
    return rows[0].n;
  } catch (e) {
    throw fail((e as Error).message);
  }
}
