/**
 * The workspace catalog: which tables the analyst has, how big they are, where they came from.
 * DuckDB's own catalog (`duckdb_tables()`, `duckdb_views()`, `duckdb_columns()`) says what exists; `_vigil_catalog`
 * adds the provenance an import recorded (source file, time, kind). Tables made any other way
 * simply have no provenance.
 */
import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import type { ColumnInfo, TableInfo, WorkspaceInfo } from '../api/workspace';
import { allRows, INTERNAL_PREFIX, q, type Workspace } from './workspace';
import { USER_TABLE_FILTER, USER_VIEW_FILTER, type RelationKind } from './names';
import { estimateTableSizes } from './storage-size';

const CATALOG_TABLE = `${INTERNAL_PREFIX}catalog`;

interface Provenance {
  sourceFile: string | null;
  importedAt: string | null;
  kind: 'data' | 'rejects';
}

/** User tables and views (Vigil's derived views such as `<panel>_tiers`), by name. */
export async function userRelations(c: DuckDBConnection): Promise<{ name: string; kind: RelationKind }[]> {
  return allRows<{ name: string; kind: RelationKind }>(
    c,
    `SELECT name, kind FROM (
       SELECT table_name AS name, 'table' AS kind FROM duckdb_tables() WHERE ${USER_TABLE_FILTER}
       UNION ALL
       SELECT view_name, 'view' FROM duckdb_views() WHERE ${USER_VIEW_FILTER})
     ORDER BY lower(name), name`,
  );
}

async function allMainTables(c: DuckDBConnection): Promise<string[]> {
  const rows = await allRows<{ table_name: string }>(
    c,
    `SELECT table_name FROM duckdb_tables()
     WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal AND NOT temporary`,
  );
  return rows.map((r) => r.table_name);
}

async function columnsByTable(c: DuckDBConnection, tables: string[]): Promise<Map<string, ColumnInfo[]>> {
  // An empty JS list binds as a list of ANY, which DuckDB refuses: an empty workspace has no columns anyway.
  if (tables.length === 0) return new Map();
  const rows = await allRows<{ table_name: string; column_name: string; data_type: string }>(
    c,
    // duckdb_columns() has no `temporary` flag; temp tables live in another database anyway.
    `SELECT table_name, column_name, data_type FROM duckdb_columns()
     WHERE database_name = current_database() AND schema_name = 'main' AND list_contains($1::VARCHAR[], table_name)
     ORDER BY table_name, column_index`,
    [listValue(tables)],
  );
  const out = new Map<string, ColumnInfo[]>(tables.map((t) => [t, []]));
  for (const r of rows) out.get(r.table_name)?.push({ name: r.column_name, type: r.data_type });
  return out;
}

/**
 * Exact row counts: `count(*)` on a DuckDB table reads no column data, so this stays cheap. A view
 * is counted on its own: it runs its query, and one whose table has since been dropped fails — that
 * view gets no count (null) instead of failing the whole catalog.
 */
async function rowCounts(c: DuckDBConnection, tables: string[], views: Set<string>): Promise<Map<string, number | null>> {
  const stored = tables.filter((t) => !views.has(t));
  const out = new Map<string, number | null>();
  if (stored.length > 0) {
    const sql = stored.map((t, i) => `SELECT ${i} AS idx, count(*) AS n FROM ${q(t)}`).join('\nUNION ALL\n');
    for (const r of await allRows<{ idx: number; n: number }>(c, sql)) out.set(stored[r.idx], r.n);
  }
  for (const v of tables.filter((t) => views.has(t))) {
    try {
      const [r] = await allRows<{ n: number }>(c, `SELECT count(*) AS n FROM ${q(v)}`);
      out.set(v, r.n);
    } catch {
      out.set(v, null);
    }
  }
  return out;
}

/** Provenance keyed by lower-case name: DuckDB names are case-insensitive, the catalog key is not. */
async function provenance(c: DuckDBConnection): Promise<Map<string, Provenance>> {
  const rows = await allRows<{ table_name: string; source_file: string | null; imported_at: string | null; kind: string }>(
    c,
    // imported_at is stored as a UTC TIMESTAMP; say so with the Z the renderer's Date needs.
    `SELECT table_name, source_file, strftime(imported_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS imported_at, kind
     FROM ${q(CATALOG_TABLE)}`,
  );
  return new Map(
    rows.map((r) => [
      r.table_name.toLowerCase(),
      { sourceFile: r.source_file, importedAt: r.imported_at, kind: r.kind === 'rejects' ? 'rejects' : 'data' },
    ]),
  );
}

/** TableInfo for `tables` (stored names of tables or views), in the given order. */
export async function describeTables(c: DuckDBConnection, tables: string[]): Promise<TableInfo[]> {
  // One connection runs one statement at a time: these are sequential on purpose.
  const views = new Set((await userRelations(c)).filter((r) => r.kind === 'view').map((r) => r.name));
  const columns = await columnsByTable(c, tables);
  const rows = await rowCounts(c, tables, views);
  const prov = await provenance(c);
  const sizes = await estimateTableSizes(c, tables, await allMainTables(c));
  return tables.map((name) => {
    const p = prov.get(name.toLowerCase());
    return {
      name,
      rows: rows.get(name) ?? null,
      columns: columns.get(name) ?? [],
      // A view stores no rows of its own.
      sizeBytes: views.has(name) ? 0 : (sizes.get(name) ?? null),
      sourceFile: p?.sourceFile ?? null,
      importedAt: p?.importedAt ?? null,
      kind: views.has(name) ? 'view' : (p?.kind ?? 'data'),
    };
  });
}

export async function listTables(ws: Workspace): Promise<TableInfo[]> {
  return ws.withConnection(async (c) => describeTables(c, (await userRelations(c)).map((r) => r.name)));
}

export async function workspaceInfo(ws: Workspace): Promise<WorkspaceInfo> {
  return ws.withConnection(async (c) => {
    const [version] = await allRows<{ v: string }>(c, 'SELECT version() AS v');
    return { path: ws.path, duckdbVersion: version.v, tables: (await userRelations(c)).length };
  });
}
