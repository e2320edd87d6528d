/**
 * How much room each table takes, estimated from DuckDB's storage metadata (`pragma_storage_info`),
 * never by reading the data.
 *
 * - Checkpointed segments live inside fixed-size blocks of the workspace file. Small segments of
 *   different tables share blocks, so a segment's size is the distance to the next segment in the
 *   same block; blocks it spills into count whole. The last segment of a block is followed by
 *   free space, so it counts at most its uncompressed size.
 * - Segments not yet checkpointed (a fresh small import still sits in the write-ahead log) have no
 *   place in the file yet; they are estimated from their value count and physical width.
 *
 * A table whose storage DuckDB will not describe gets null ("cannot tell"), never a made-up 0.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { allRows, q } from './workspace';

const DEFAULT_BLOCK_SIZE = 262_144;

interface Segment {
  table: string;
  segment_type: string;
  count: number;
  persistent: boolean;
  block_id: number | null;
  block_offset: number | null;
  extra_blocks: number;
}

/** Bytes per value of a segment held in memory, by DuckDB physical type. */
function transientBytes(s: Segment): number {
  switch (s.segment_type) {
    case 'VALIDITY':
      return Math.ceil(s.count / 8);
    case 'BOOLEAN':
    case 'TINYINT':
    case 'UTINYINT':
      return s.count;
    case 'SMALLINT':
    case 'USMALLINT':
      return 2 * s.count;
    case 'INTEGER':
    case 'UINTEGER':
    case 'FLOAT':
    case 'DATE':
      return 4 * s.count;
    // 16-byte values; strings keep a 16-byte header each (short ones inline), long text is not counted.
    case 'HUGEINT':
    case 'UHUGEINT':
    case 'INTERVAL':
    case 'UUID':
    case 'VARCHAR':
    case 'BLOB':
      return 16 * s.count;
    default:
      return 8 * s.count;
  }
}

async function blockSize(c: DuckDBConnection): Promise<number> {
  const rows = await allRows<{ block_size: number }>(
    c,
    'SELECT block_size FROM pragma_database_size() WHERE database_name = current_database()',
  );
  return rows.length > 0 && rows[0].block_size > 0 ? rows[0].block_size : DEFAULT_BLOCK_SIZE;
}

async function segmentsOf(c: DuckDBConnection, table: string): Promise<Segment[] | null> {
  try {
    return await allRows<Segment>(
      c,
      `SELECT $1 AS "table", segment_type, count, persistent, block_id, block_offset,
              coalesce(len(additional_block_ids), 0) AS extra_blocks
       FROM pragma_storage_info($2)`,
      // The pragma parses its argument as a (possibly qualified) name, so "a.b" must be quoted.
      [table, `${q('main')}.${q(table)}`],
    );
  } catch {
    // pragma_storage_info cannot parse some quoted names (embedded double quotes): size unknown.
    return null;
  }
}

/**
 * Estimated bytes per table. `tables` are the user tables to report; `allTables` must list every
 * table of the main schema (internal ones too), because blocks are shared between them.
 */
export async function estimateTableSizes(
  c: DuckDBConnection,
  tables: string[],
  allTables: string[],
): Promise<Map<string, number | null>> {
  const size = await blockSize(c);
  const sizes = new Map<string, number | null>();
  const segments: Segment[] = [];
  for (const t of allTables) {
    const segs = await segmentsOf(c, t);
    if (segs === null) sizes.set(t, null);
    else {
      sizes.set(t, 0);
      segments.push(...segs);
    }
  }
  const add = (table: string, bytes: number) => {
    const before = sizes.get(table);
    if (before !== null && before !== undefined) sizes.set(table, before + bytes);
  };

  // Offsets of every placed segment per block, sorted, so each segment ends where the next begins.
  const byBlock = new Map<number, Segment[]>();
  for (const s of segments) {
    if (!s.persistent) add(s.table, transientBytes(s));
    // Constant segments have no block (block_id -1): they live in metadata and take no room.
    else if (s.block_id !== null && s.block_id >= 0 && s.block_offset !== null) {
      const list = byBlock.get(s.block_id) ?? [];
      list.push(s);
      byBlock.set(s.block_id, list);
    }
  }
  for (const list of byBlock.values()) {
    list.sort((a, b) => (a.block_offset ?? 0) - (b.block_offset ?? 0));
    list.forEach((s, i) => {
      const offset = s.block_offset ?? 0;
      // The last segment of a block is followed by free space, not by its own end: cap it by
      // its uncompressed size so a 100-row table does not count as a whole 256 KB block.
      const bytes = i + 1 < list.length ? (list[i + 1].block_offset ?? size) - offset : Math.min(size - offset, transientBytes(s));
      add(s.table, bytes + s.extra_blocks * size);
    });
  }
  return new Map(tables.map((t) => [t, sizes.get(t) ?? null]));
}
