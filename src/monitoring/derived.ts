/**
 * Tables the engine writes for the user (`<panel>_tiers`, `_watchlist`, `_collection_cases`) are
 * recorded in `_vigil_derived_tables`, so a rerun replaces Vigil's own output but never a table the
 * user happened to give the same name.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { conflict } from '../api/errors';
import { allRows, INTERNAL_PREFIX, q } from '../workspace/workspace';
import { tableExists } from './sql';

export const DERIVED_TABLE = `${INTERNAL_PREFIX}derived_tables`;

/** Make sure `table` may be (re)written for `panel`; record it as Vigil's. */
export async function claimDerivedTable(c: DuckDBConnection, table: string, panel: string, kind: string): Promise<void> {
  await c.run(`CREATE TABLE IF NOT EXISTS ${q(DERIVED_TABLE)} (
    table_name VARCHAR PRIMARY KEY, panel VARCHAR NOT NULL, kind VARCHAR NOT NULL, written_at TIMESTAMP NOT NULL)`);
  const ours = await allRows(c, `SELECT 1 FROM ${q(DERIVED_TABLE)} WHERE table_name = $1`, [table]);
  if (ours.length === 0 && (await tableExists(c, table))) {
    throw conflict(`Table "${table}" already exists and was not written by Vigil; rename it so panel "${panel}" can write its ${kind}.`, {
      table,
      panel,
    });
  }
  await c.run(`INSERT OR REPLACE INTO ${q(DERIVED_TABLE)} VALUES ($1, $2, $3, current_timestamp::TIMESTAMP)`, [table, panel, kind]);
}
