/**
 * Arguments arrive off the wire (IPC, HTTP, CLI) as plain JSON: the types in src/api are a
 * promise, not a guarantee. These checks turn a malformed argument into a bad_input that names
 * the field, instead of a DuckDB error about a NULL parameter.
 */
import { badInput } from '../api/errors';

/**
 * A whole number of rows from `value`: `fallback` when absent, at least `min`, and quietly
 * capped at `max` (asking for more rows than a page holds is not an error, just optimistic).
 */
export function rowCount(value: unknown, field: string, opts: { fallback: number; min: number; max: number }): number {
  if (value === undefined || value === null) return opts.fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < opts.min) {
    throw badInput(`${field} must be a whole number of at least ${opts.min}.`, { field, value });
  }
  return Math.min(value, opts.max);
}

export function requireString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') throw badInput(`${field} is required.`, { field });
  return value;
}
