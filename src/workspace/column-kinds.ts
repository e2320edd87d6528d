/**
 * What an analyst can do with a column depends on its family, not its exact DuckDB type:
 * a DECIMAL(18,2) balance and a DOUBLE rate both get quantiles and a histogram.
 * Profile and Arrow conversion both read this one classification.
 */
import { DuckDBTypeId } from '@duckdb/node-api';

export type ColumnKind =
  /** Fits a JS number and an Arrow Int32 exactly (TINYINT, SMALLINT, INTEGER, UTINYINT, USMALLINT). */
  | 'int32'
  /** Wider integers (BIGINT, HUGEINT, unsigned 32/64/128-bit): may exceed 2^53. */
  | 'wideInteger'
  | 'float'
  | 'decimal'
  | 'boolean'
  | 'text'
  | 'date'
  | 'timestamp'
  /** Everything else (lists, structs, maps, intervals, blobs, times, UUIDs...): shown as text. */
  | 'other';

const KIND_BY_TYPE: Partial<Record<DuckDBTypeId, ColumnKind>> = {
  [DuckDBTypeId.TINYINT]: 'int32',
  [DuckDBTypeId.SMALLINT]: 'int32',
  [DuckDBTypeId.INTEGER]: 'int32',
  [DuckDBTypeId.UTINYINT]: 'int32',
  [DuckDBTypeId.USMALLINT]: 'int32',
  [DuckDBTypeId.UINTEGER]: 'wideInteger',
  [DuckDBTypeId.BIGINT]: 'wideInteger',
  [DuckDBTypeId.UBIGINT]: 'wideInteger',
  [DuckDBTypeId.HUGEINT]: 'wideInteger',
  [DuckDBTypeId.UHUGEINT]: 'wideInteger',
  [DuckDBTypeId.FLOAT]: 'float',
  [DuckDBTypeId.DOUBLE]: 'float',
  [DuckDBTypeId.DECIMAL]: 'decimal',
  [DuckDBTypeId.BOOLEAN]: 'boolean',
  [DuckDBTypeId.VARCHAR]: 'text',
  [DuckDBTypeId.ENUM]: 'text',
  [DuckDBTypeId.DATE]: 'date',
  [DuckDBTypeId.TIMESTAMP]: 'timestamp',
  [DuckDBTypeId.TIMESTAMP_S]: 'timestamp',
  [DuckDBTypeId.TIMESTAMP_MS]: 'timestamp',
  [DuckDBTypeId.TIMESTAMP_NS]: 'timestamp',
  [DuckDBTypeId.TIMESTAMP_TZ]: 'timestamp',
};

export function columnKind(typeId: DuckDBTypeId): ColumnKind {
  return KIND_BY_TYPE[typeId] ?? 'other';
}

export function isNumericKind(kind: ColumnKind): boolean {
  return kind === 'int32' || kind === 'wideInteger' || kind === 'float' || kind === 'decimal';
}

export function isIntegerKind(kind: ColumnKind): boolean {
  return kind === 'int32' || kind === 'wideInteger';
}

/**
 * DuckDB prints timestamps as `2005-09-01 12:34:56.789`; ISO 8601 wants a `T` between date and
 * time, which is what `new Date()` and every chart library parse without guessing a locale.
 * 'infinity' and '-infinity' pass through unchanged.
 */
export function isoTimestamp(text: string): string {
  return /^-?\d{4,}-\d{2}-\d{2} \d/.test(text) ? text.replace(' ', 'T') : text;
}
