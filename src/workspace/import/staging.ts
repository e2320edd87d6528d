/**
 * The shape every import shares: load into a `_vigil_staging_*` table, validate it, swap it in.
 * All three happen in one transaction, so a failed or cancelled import (or a crash) leaves the
 * workspace exactly as it was: the old table untouched, no staging table behind.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { JobContext } from '../../api/jobs';
import type { ColumnInfo } from '../../api/workspace';
import { badInput, VigilError } from '../../api/errors';
import { allRows, q, type Workspace } from '../workspace';
import type { SourceFile } from './source';
import { internalName, swapIn, checkTargetFree, type ImportTarget } from './target';

export interface StagedLoad {
  /** Staging table of kept bad rows, null when there are none. */
  rejects: string | null;
  rejected: number;
}

export interface ImportedTable {
  rows: number;
  columns: ColumnInfo[];
  rejected: number;
  rejectsTable: string | null;
}

/** Loads `staging` on the transaction's connection. */
export type StagingLoader = (c: DuckDBConnection, staging: string) => Promise<StagedLoad>;

/**
 * Errors a loader throws on purpose to make the caller retry differently (e.g. as GB18030);
 * they pass through untouched.
 */
export class RetryImport extends Error {}

export async function stageAndSwap(
  ws: Workspace,
  target: ImportTarget,
  source: SourceFile,
  ctx: JobContext,
  load: StagingLoader,
): Promise<ImportedTable> {
  const staging = internalName('staging');
  try {
    return await ws.transaction(async (c) => {
      // Checked again here: another job may have created the table since the import began.
      const replaced = await checkTargetFree(c, target);
      const loaded = await load(c, staging);
      ctx.throwIfCancelled();
      ctx.progress(0, null, `Checking the imported rows of ${source.name}`);
      const imported = await validateStaging(c, staging, loaded, source, target);
      ctx.throwIfCancelled();
      ctx.progress(0, null, `Saving table ${target.table}`);
      await swapIn(c, target, replaced, { table: staging, rejects: loaded.rejects });
      return imported;
    }, ctx);
  } catch (e) {
    if (e instanceof VigilError || e instanceof RetryImport) throw e;
    const first = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    throw new VigilError('internal', `Importing ${source.name} failed: ${first}`, { file: source.name });
  }
}

/** A table worth keeping: it has columns, and a skip-bad-rows import kept at least one row. */
async function validateStaging(
  c: DuckDBConnection,
  staging: string,
  loaded: StagedLoad,
  source: SourceFile,
  target: ImportTarget,
): Promise<ImportedTable> {
  const columns = await allRows<ColumnInfo>(
    c,
    `SELECT column_name AS name, data_type AS type FROM duckdb_columns()
     WHERE database_name = current_database() AND schema_name = 'main' AND table_name = $1
     ORDER BY column_index`,
    [staging],
  );
  if (columns.length === 0) throw badInput(`${source.name} has no columns to import.`, { file: source.name });
  const counted = await allRows<{ n: number }>(c, `SELECT count(*) AS n FROM ${q(staging)}`);
  const rows = counted[0]?.n ?? 0;
  if (rows === 0 && loaded.rejected > 0) {
    throw badInput(
      `${source.name}: every data line (${loaded.rejected}) was rejected. Check the delimiter, the header and the encoding.`,
      { file: source.name, reason: 'all_rejected', rejected: loaded.rejected },
    );
  }
  return {
    rows,
    columns,
    rejected: loaded.rejected,
    rejectsTable: loaded.rejects !== null ? target.rejectsTable : null,
  };
}
