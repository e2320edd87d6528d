/**
 * Renaming and dropping tables (and derived views, such as a panel's `<panel>_tiers`). The table and
 * its `_vigil_catalog` row change in one transaction, so the provenance never points at a table
 * that is gone, nor a table loses its provenance.
 */
import type { JobContext } from '../api/jobs';
import type { TableInfo } from '../api/workspace';
import { conflict } from '../api/errors';
import { INTERNAL_PREFIX, q, type Workspace } from './workspace';
import { findTable, resolveRelation, validateTableName } from './names';
import { describeTables } from './catalog';

const CATALOG_TABLE = q(`${INTERNAL_PREFIX}catalog`);

/** DuckDB refuses e.g. renaming a table a view depends on; that is a conflict, in DuckDB's words. */
function refused(action: string, table: string, e: unknown): Error {
  const reason = e instanceof Error ? e.message : String(e);
  return conflict(`Cannot ${action} table "${table}": ${reason}`, { table });
}

export async function renameTable(
  ws: Workspace,
  args: { from: unknown; to: unknown },
  ctx?: JobContext,
): Promise<TableInfo> {
  const to = validateTableName(args.to, 'to');
  return ws.transaction(async (c) => {
    const { name: from, kind } = await resolveRelation(c, args.from, 'from');
    const existing = await findTable(c, to);
    // A case-only change ("loans" -> "Loans") finds the table itself: that is a rename, not a clash.
    if (existing !== null && existing !== from) {
      throw conflict(`A table named "${existing}" already exists.`, { table: existing });
    }
    if (from !== to) {
      try {
        await c.run(`ALTER ${kind === 'view' ? 'VIEW' : 'TABLE'} ${q(from)} RENAME TO ${q(to)}`);
      } catch (e) {
        throw refused('rename', from, e);
      }
      // A stale row for the new name (its table dropped outside Vigil) must not block the key.
      await c.run(`DELETE FROM ${CATALOG_TABLE} WHERE lower(table_name) = lower($1) AND lower(table_name) <> lower($2)`, [
        to,
        from,
      ]);
      await c.run(`UPDATE ${CATALOG_TABLE} SET table_name = $1 WHERE lower(table_name) = lower($2)`, [to, from]);
    }
    const [info] = await describeTables(c, [to]);
    return info;
  }, ctx);
}

export async function dropTable(ws: Workspace, args: { table: unknown }, ctx?: JobContext): Promise<{ dropped: string }> {
  return ws.transaction(async (c) => {
    const { name: table, kind } = await resolveRelation(c, args.table);
    try {
      await c.run(`DROP ${kind === 'view' ? 'VIEW' : 'TABLE'} ${q(table)}`);
    } catch (e) {
      throw refused('drop', table, e);
    }
    await c.run(`DELETE FROM ${CATALOG_TABLE} WHERE lower(table_name) = lower($1)`, [table]);
    return { dropped: table };
  }, ctx);
}
