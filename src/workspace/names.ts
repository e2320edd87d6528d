/**
 * Table names as the analyst types them. Names are always quoted in SQL, so almost anything is
 * allowed (spaces, Chinese, dots); what is refused is what would confuse a person or collide
 * with Vigil's own bookkeeping tables.
 *
 * DuckDB matches identifiers case-insensitively even when quoted ("Loans" and "loans" are the
 * same table, and cannot both exist), so lookups here are case-insensitive too.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { badInput, notFound } from '../api/errors';
import { allRows, INTERNAL_PREFIX } from './workspace';

/** Same limit as an import's target (import/target.ts): short enough for every export format's sheet names. */
export const MAX_TABLE_NAME_LENGTH = 63;

/** Throws bad_input when `name` cannot be a user table name; returns it unchanged otherwise. */
export function validateTableName(name: unknown, field = 'table'): string {
  if (typeof name !== 'string' || name.trim() === '') {
    throw badInput('Enter a table name.', { field });
  }
  if (name !== name.trim()) {
    throw badInput(`The table name "${name}" starts or ends with spaces.`, { field, table: name });
  }
  const length = [...name].length;
  if (length > MAX_TABLE_NAME_LENGTH) {
    throw badInput(`The table name is too long (${length} characters, at most ${MAX_TABLE_NAME_LENGTH}).`, {
      field,
      table: name,
    });
  }
  if (/\p{Cc}/u.test(name)) {
    throw badInput('The table name contains control characters (tabs, line breaks...).', { field, table: name });
  }
  if (isInternalTable(name)) {
    throw badInput(`Table names starting with "${INTERNAL_PREFIX}" are reserved for Vigil.`, { field, table: name });
  }
  return name;
}

export function isInternalTable(name: string): boolean {
  return name.toLowerCase().startsWith(INTERNAL_PREFIX);
}

/**
 * SQL filter selecting the workspace's user tables in `duckdb_tables()`: the main schema of the
 * workspace file, no DuckDB internals, no temp tables, no `_vigil_*`.
 */
export const USER_TABLE_FILTER = `database_name = current_database() AND schema_name = 'main'
  AND NOT internal AND NOT temporary AND NOT starts_with(lower(table_name), '${INTERNAL_PREFIX}')`;

/**
 * The same for views: Vigil's own derived views (a panel's `<panel>_tiers`) are the analyst's to
 * read, so the catalog lists them beside the tables.
 */
export const USER_VIEW_FILTER = `database_name = current_database() AND schema_name = 'main'
  AND NOT internal AND NOT temporary AND NOT starts_with(lower(view_name), '${INTERNAL_PREFIX}')`;

export type RelationKind = 'table' | 'view';

/** The stored name and kind of a user table or view, matched like DuckDB matches identifiers. null when absent. */
export async function findRelation(c: DuckDBConnection, name: string): Promise<{ name: string; kind: RelationKind } | null> {
  const rows = await allRows<{ name: string; kind: RelationKind }>(
    c,
    `SELECT table_name AS name, 'table' AS kind FROM duckdb_tables() WHERE ${USER_TABLE_FILTER} AND lower(table_name) = lower($1)
     UNION ALL
     SELECT view_name, 'view' FROM duckdb_views() WHERE ${USER_VIEW_FILTER} AND lower(view_name) = lower($1)`,
    [name],
  );
  return rows.length > 0 ? rows[0] : null;
}

/** The stored name of a user table or view (one namespace in DuckDB). null when absent. */
export async function findTable(c: DuckDBConnection, name: string): Promise<string | null> {
  return (await findRelation(c, name))?.name ?? null;
}

/** Like `findRelation`, but an unknown table is a not_found error the user can read. */
export async function resolveRelation(c: DuckDBConnection, name: unknown, field = 'table'): Promise<{ name: string; kind: RelationKind }> {
  if (typeof name !== 'string' || name === '') throw badInput('Enter a table name.', { field });
  const found = isInternalTable(name) ? null : await findRelation(c, name);
  if (found === null) throw notFound(`There is no table named "${name}" in this workspace.`, { table: name });
  return found;
}

/** The stored name of a user table or view; an unknown one is a not_found error the user can read. */
export async function resolveTable(c: DuckDBConnection, name: unknown, field = 'table'): Promise<string> {
  return (await resolveRelation(c, name, field)).name;
}
