/**
 * Where an import lands: the target table, its optional `<table>_rejects` companion, and the
 * one-transaction swap that replaces them. Everything here runs on the import's transaction
 * connection, so a failure anywhere leaves the workspace exactly as it was.
 */
import { randomBytes } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { badInput, conflict } from '../../api/errors';
import { allRows, INTERNAL_PREFIX, q } from '../workspace';

/** The limit of the import issue: short enough for every export format's sheet/table names. */
export const MAX_IMPORT_TABLE_NAME = 63;
export const REJECTS_SUFFIX = '_rejects';
const CATALOG = `${INTERNAL_PREFIX}catalog`;

export interface ImportTarget {
  table: string;
  /** `<table>_rejects` when bad rows are kept aside, else null. */
  rejectsTable: string | null;
  replace: boolean;
  /** Recorded in the catalog as the source of both tables. */
  sourceName: string;
}

/** Throws bad_input unless `name` can be the table an import creates. */
export function checkTableName(name: unknown, field = 'table'): string {
  if (typeof name !== 'string' || name.trim() === '') throw badInput('Enter a name for the new table.', { field });
  if (name !== name.trim()) throw badInput(`The table name "${name}" starts or ends with spaces.`, { field, table: name });
  if ([...name].length > MAX_IMPORT_TABLE_NAME) {
    throw badInput(`The table name "${name}" is too long (at most ${MAX_IMPORT_TABLE_NAME} characters).`, { field, table: name });
  }
  if (/\p{Cc}/u.test(name)) throw badInput('The table name contains tabs or line breaks.', { field, table: name });
  if (name.toLowerCase().startsWith(INTERNAL_PREFIX)) {
    throw badInput(`Table names starting with "${INTERNAL_PREFIX}" are reserved for Vigil.`, { field, table: name });
  }
  return name;
}

/** The rejects companion must obey the same rules, so a 60-character table name cannot keep bad rows. */
export function rejectsTableName(table: string): string {
  const name = table + REJECTS_SUFFIX;
  if ([...name].length > MAX_IMPORT_TABLE_NAME) {
    throw badInput(
      `The table name "${table}" is too long to keep bad rows beside it in "${name}" (at most ${MAX_IMPORT_TABLE_NAME} characters).`,
      { field: 'table', table },
    );
  }
  return name;
}

/** A fresh internal name; staging tables never collide and never show in the catalog. */
export function internalName(purpose: string): string {
  return `${INTERNAL_PREFIX}${purpose}_${randomBytes(6).toString('hex')}`;
}

export interface ExistingObject {
  name: string;
  type: 'table' | 'view';
  kind: string | null;
}

/** A table or view of that name in the workspace, matched case-insensitively like DuckDB does. */
async function findExisting(c: DuckDBConnection, name: string): Promise<ExistingObject | null> {
  const rows = await allRows<ExistingObject>(
    c,
    `WITH objects AS (
       SELECT table_name AS name, 'table' AS type FROM duckdb_tables()
        WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary
       UNION ALL
       SELECT view_name, 'view' FROM duckdb_views()
        WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary AND NOT internal)
     SELECT o.name, o.type, c.kind FROM objects o
       LEFT JOIN ${q(CATALOG)} c ON lower(c.table_name) = lower(o.name)
     WHERE lower(o.name) = lower($1)
     LIMIT 1`,
    [name],
  );
  return rows[0] ?? null;
}

/**
 * What the swap will drop. Refuses (conflict) when a name is taken and `replace` is off.
 * Called once before any work (fail fast) and again inside the swap transaction (the truth).
 */
export async function checkTargetFree(c: DuckDBConnection, target: ImportTarget): Promise<ExistingObject[]> {
  const doomed: ExistingObject[] = [];
  const table = await findExisting(c, target.table);
  if (table !== null) {
    if (!target.replace) {
      throw conflict(`A table named "${table.name}" already exists. Choose another name or replace it.`, {
        table: table.name,
      });
    }
    doomed.push(table);
  }
  const companion = await findExisting(c, target.table + REJECTS_SUFFIX);
  if (companion !== null) {
    if (target.rejectsTable !== null && !target.replace) {
      throw conflict(`A table named "${companion.name}" already exists, so bad rows cannot be kept there.`, {
        table: companion.name,
      });
    }
    // Replacing an import also retires the bad rows kept by the import it replaces; a user's
    // own table that merely has that name is left alone unless this import needs the name.
    if (target.replace && (companion.kind === 'rejects' || target.rejectsTable !== null)) doomed.push(companion);
  }
  return doomed;
}

/**
 * The swap: drop what is replaced (as found by `checkTargetFree` in the same transaction),
 * rename staging tables to their final names, and record their provenance. The caller's
 * transaction makes these steps one.
 */
export async function swapIn(
  c: DuckDBConnection,
  target: ImportTarget,
  replaced: readonly ExistingObject[],
  staging: { table: string; rejects: string | null },
): Promise<void> {
  for (const old of replaced) {
    await c.run(`DROP ${old.type === 'view' ? 'VIEW' : 'TABLE'} ${q(old.name)}`);
    await c.run(`DELETE FROM ${q(CATALOG)} WHERE lower(table_name) = lower($1)`, [old.name]);
  }
  const importedAt = new Date().toISOString();
  const moves: [string, string, 'data' | 'rejects'][] = [[staging.table, target.table, 'data']];
  if (staging.rejects !== null && target.rejectsTable !== null) moves.push([staging.rejects, target.rejectsTable, 'rejects']);
  for (const [from, to, kind] of moves) {
    await c.run(`ALTER TABLE ${q(from)} RENAME TO ${q(to)}`);
    await c.run(`DELETE FROM ${q(CATALOG)} WHERE lower(table_name) = lower($1)`, [to]);
    await c.run(`INSERT INTO ${q(CATALOG)} (table_name, source_file, imported_at, kind) VALUES ($1, $2, $3::TIMESTAMP, $4)`, [
      to,
      target.sourceName,
      importedAt,
      kind,
    ]);
  }
}
