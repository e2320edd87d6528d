/**
 * DuckDB's error for the analyst's own SQL -> a bad_input they can act on, with line and column.
 *
 * Console connections run with `errors_as_json`, so DuckDB reports the error's position as a
 * number instead of a "LINE 1: ...^" drawing (which it truncates on long lines). The unit of that
 * number differs by stage (DuckDB 1.5, checked by the tests with Chinese text before the error):
 * the parser counts characters, the binder and later stages count UTF-8 bytes. Columns reported
 * here always count characters.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { badInput, VigilError } from '../api/errors';

interface DuckDBJsonError {
  exception_type?: string;
  exception_message?: string;
  position?: string;
}

/** Ask DuckDB for machine-readable errors on this (session-scoped) connection. */
export async function useJsonErrors(c: DuckDBConnection): Promise<void> {
  await c.run('SET errors_as_json = true');
}

function parseJsonError(message: string): DuckDBJsonError | null {
  // Parser errors arrive as "Parser Error: {...}", sometimes behind "Failed to extract statements: ".
  const start = message.indexOf('{');
  if (start < 0) return null;
  try {
    const parsed: unknown = JSON.parse(message.slice(start));
    return typeof parsed === 'object' && parsed !== null ? (parsed as DuckDBJsonError) : null;
  } catch {
    return null;
  }
}

/** 1-based line and column of an offset into `sql`, counted in characters or in UTF-8 bytes. */
export function lineAndColumn(sql: string, offset: number, unit: 'chars' | 'bytes'): { line: number; column: number } {
  const before =
    unit === 'bytes'
      ? Buffer.from(sql, 'utf8').subarray(0, Math.max(0, offset)).toString('utf8')
      : [...sql].slice(0, Math.max(0, offset)).join('');
  const lines = before.split('\n');
  return { line: lines.length, column: [...lines[lines.length - 1]].length + 1 };
}

/**
 * Turn an error DuckDB raised on `sql` into bad_input. `prefixLength` is how much ASCII text
 * Vigil put in front of the analyst's (e.g. `COPY (`), so positions still point into what they typed.
 */
export function sqlError(e: unknown, sql: string, prefixLength = 0): VigilError {
  if (e instanceof VigilError) return e;
  const raw = e instanceof Error ? e.message : String(e);
  const json = parseJsonError(raw);
  if (json === null || typeof json.exception_message !== 'string') return badInput(raw, { sql });
  const kind = json.exception_type ? `${json.exception_type} Error: ` : '';
  const position = json.position === undefined ? NaN : Number(json.position) - prefixLength;
  if (!Number.isFinite(position) || position < 0) return badInput(kind + json.exception_message, { sql });
  const { line, column } = lineAndColumn(sql, position, json.exception_type === 'Parser' ? 'chars' : 'bytes');
  return badInput(`${kind}${json.exception_message} (line ${line}, column ${column})`, { sql, line, column });
}
