/**
 * Small SQL helpers shared by the monitoring engine: positional parameters, table introspection,
 * ISO snapshot dates. Every value reaches DuckDB as a bound parameter; only identifiers (quoted
 * with `q`) and SQL keywords are spliced into the text. The one exception is a view definition,
 * which cannot hold parameters: `SqlLiterals` renders its values (see there).
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { badInput, notFound } from '../api/errors';
import { allRows } from '../workspace/workspace';

/** Where SQL builders put a value: a bound parameter (`SqlParams`) or, for view DDL only, a literal (`SqlLiterals`). */
export interface ValueSink {
  add(v: number | string): string;
}

/** Collects bound values and hands out their `$n` placeholders. */
export class SqlParams implements ValueSink {
  readonly values: DuckDBValue[] = [];
  add(v: DuckDBValue): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
  /** A date parameter, cast in SQL (the driver binds strings as VARCHAR). */
  date(iso: string): string {
    return `${this.add(iso)}::DATE`;
  }
}

/**
 * Values written into SQL text as literals. Only for `CREATE VIEW`: DuckDB stores a view as SQL
 * text and refuses prepared parameters in it ("This type of statement can't be prepared"), so a
 * view's thresholds must be literals. Numbers must be finite; strings are quoted with `'` doubled,
 * which is DuckDB's only escape in a standard string literal (backslashes are plain characters).
 */
export class SqlLiterals implements ValueSink {
  add(v: number | string): string {
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw badInput(`${v} cannot be written into a view definition.`, { value: String(v) });
      // Integers stay INTEGER literals; fractions become DOUBLE, as a bound JS number would.
      return Number.isInteger(v) ? String(v) : `CAST('${String(v)}' AS DOUBLE)`;
    }
    if (v.includes('\0')) throw badInput('Text with a NUL character cannot be written into a view definition.', { value: v });
    return `'${v.replaceAll("'", "''")}'`;
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date written YYYY-MM-DD. The round trip rejects days that do not exist (2024-02-30). */
function isRealIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}

/** Validate a user-supplied snapshot date ('2005-09-30'). */
export function isoDate(value: unknown, what: string): string {
  if (!isRealIsoDate(value)) throw badInput(`${what} must be a date written as YYYY-MM-DD, got ${JSON.stringify(value)}.`, { field: what });
  return value;
}

export interface ColumnType {
  name: string;
  type: string;
}

export async function tableColumns(c: DuckDBConnection, table: string): Promise<ColumnType[] | null> {
  const rows = await allRows<{ name: string; type: string }>(
    c,
    `SELECT column_name AS name, data_type AS type FROM information_schema.columns
      WHERE table_schema = 'main' AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  return rows.length === 0 ? null : rows;
}

export async function requireColumns(c: DuckDBConnection, table: string): Promise<ColumnType[]> {
  const cols = await tableColumns(c, table);
  if (!cols) throw notFound(`There is no table named "${table}" in the workspace.`, { table });
  return cols;
}

export async function tableExists(c: DuckDBConnection, table: string): Promise<boolean> {
  return (await tableColumns(c, table)) !== null;
}

/** A single number from a one-row query (COUNT(*) and friends), 0 when NULL. */
export async function scalar(c: DuckDBConnection, sql: string, params?: DuckDBValue[]): Promise<number> {
  const rows = await allRows<Record<string, unknown>>(c, sql, params);
  const v = rows[0] ? Object.values(rows[0])[0] : null;
  return typeof v === 'number' ? v : v === null || v === undefined ? 0 : Number(v);
}

/** Ratio that is null (not NaN or Infinity) when the denominator is zero. */
export function ratio(num: number, den: number): number | null {
  return den === 0 ? null : num / den;
}

/** Numeric DuckDB types a measure column may have. */
export function isNumericType(type: string): boolean {
  return /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL.*)$/i.test(type);
}

export function isDateType(type: string): boolean {
  return /^(DATE|TIMESTAMP.*)$/i.test(type);
}
