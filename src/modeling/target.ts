/**
 * The outcome column and the holdout predicate, checked before any model sees them.
 * A default flag must be binary; anything else the analyst maps to bad/good explicitly.
 */
import { StatementType, type DuckDBConnection } from '@duckdb/node-api';
import { badInput } from '../api/errors';
import { allRows, q } from '../workspace/workspace';
import { describeTable } from './frame';

export interface TargetMapping {
  column: string;
  /** Values (as text) that mean "bad" (default / overdue). */
  bad: string[];
  /** All observed values, for the UI. */
  values: { value: string; rows: number }[];
}

/**
 * Work out which values of `column` mean bad. 0/1 (or false/true) map themselves; any other
 * binary column needs `bad` from the user; more than two values always need it.
 */
export async function resolveTarget(
  c: DuckDBConnection,
  table: string,
  column: string,
  bad?: (string | number | boolean)[],
): Promise<TargetMapping> {
  const cols = await describeTable(c, table);
  if (!cols.some((x) => x.name === column)) {
    throw badInput(`Target column "${column}" is not in table "${table}".`, { table, column });
  }
  const values = await allRows<{ value: string; rows: number }>(
    c,
    `SELECT CAST(${q(column)} AS VARCHAR) AS value, count(*) AS rows FROM ${q(table)}
     WHERE ${q(column)} IS NOT NULL GROUP BY 1 ORDER BY 1 LIMIT 51`,
  );
  if (values.length < 2) {
    throw badInput(`Target "${column}" has ${values.length} distinct value(s); a model needs both goods and bads.`, {
      table,
      column,
      values,
    });
  }
  if (bad && bad.length > 0) {
    const wanted = bad.map(String);
    const known = new Set(values.map((v) => v.value));
    const missing = wanted.filter((w) => !known.has(w));
    if (missing.length > 0) {
      throw badInput(`Target "${column}" has no value ${missing.map((m) => `"${m}"`).join(', ')}.`, { table, column, values });
    }
    if (wanted.length >= values.length && values.length <= 50) {
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
 * An analyst's holdout predicate (`month >= '2024-07'`) is SQL text: make sure it is one boolean
 * expression over this table and nothing else, before it is spliced into a query.
 */
export async function checkPredicate(c: DuckDBConnection, table: string, predicate: string): Promise<number> {
  const sql = `SELECT count(*) AS n FROM ${q(table)} WHERE (${predicate})`;
  let count: number;
  try {
    const stmts = await c.extractStatements(sql);
    if (stmts.count !== 1) throw new Error('more than one statement');
    const prepared = await stmts.prepare(0);
    if (prepared.statementType !== StatementType.SELECT) throw new Error('not a predicate');
    const rows = await allRows<{ n: number }>(c, sql);
    count = rows[0].n;
  } catch (e) {
    throw badInput(`The holdout condition "${predicate}" is not a valid condition on "${table}": ${(e as Error).message}`, {
      table,
      predicate,
    });
  }
  return count;
}
