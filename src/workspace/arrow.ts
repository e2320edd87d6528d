/**
 * DuckDB result columns -> Arrow IPC stream bytes, the one format query results take to the UI.
 *
 * The mapping favours what the renderer (Observable Plot, a data grid) can use without BigInt:
 * - small integers -> Int32; doubles and DECIMAL -> Float64;
 * - BIGINT/HUGEINT -> Float64 when every value is an exact JS number, else Utf8 decimal strings,
 *   so a 19-digit account number is never silently rounded;
 * - DATE -> DateDay; TIMESTAMP -> ISO 8601 text; BOOLEAN -> Bool; VARCHAR -> Utf8;
 * - anything else (lists, structs, intervals, UUIDs, blobs...) -> Utf8 via DuckDB's own rendering.
 */
import type { DuckDBType, DuckDBValue } from '@duckdb/node-api';
import { DuckDBDateValue, DuckDBDecimalValue } from '@duckdb/node-api';
import {
  Bool,
  DateDay,
  Field,
  Float64,
  Int32,
  makeData,
  RecordBatch,
  Schema,
  Struct,
  Table,
  tableToIPC,
  Utf8,
  vectorFromArray,
  type Data,
  type DataType,
} from 'apache-arrow';
import type { ColumnInfo } from '../api/workspace';
import { columnKind, isoTimestamp } from './column-kinds';

const MS_PER_DAY = 86_400_000;

/** A result held column by column, as DuckDB hands it over. */
export interface ResultColumns {
  /** Unique names (DuckDB's deduplicated names: Arrow IPC cannot carry two fields of one name). */
  names: string[];
  types: DuckDBType[];
  /** columns[c][r]: value of column c in row r. */
  columns: DuckDBValue[][];
  rowCount: number;
}

function isSafeInteger(v: DuckDBValue): boolean {
  if (v === null) return true;
  if (typeof v === 'number') return Number.isSafeInteger(v);
  return typeof v === 'bigint' && v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER);
}

const text = (v: DuckDBValue): string | null => (v === null ? null : String(v));

function toArrowColumn(type: DuckDBType, values: DuckDBValue[]): Data {
  const build = (xs: unknown[], t: DataType): Data => vectorFromArray(xs as never, t).data[0] as Data;
  switch (columnKind(type.typeId)) {
    case 'int32':
      return build(values, new Int32());
    case 'wideInteger':
      return values.every(isSafeInteger)
        ? build(values.map((v) => (v === null ? null : Number(v))), new Float64())
        : build(values.map(text), new Utf8());
    case 'float':
      return build(values, new Float64());
    case 'decimal':
      return build(values.map((v) => (v instanceof DuckDBDecimalValue ? v.toDouble() : v)), new Float64());
    case 'boolean':
      return build(values, new Bool());
    case 'text':
      return build(values.map(text), new Utf8());
    case 'date':
      // DateDay takes epoch milliseconds and stores whole days.
      return build(values.map((v) => (v instanceof DuckDBDateValue ? v.days * MS_PER_DAY : null)), new DateDay());
    case 'timestamp':
      return build(values.map((v) => (v === null ? null : isoTimestamp(String(v)))), new Utf8());
    case 'other':
      return build(values.map(text), new Utf8());
  }
}

export function columnInfos(result: ResultColumns): ColumnInfo[] {
  return result.names.map((name, i) => ({ name, type: result.types[i].toString() }));
}

/** Arrow IPC stream bytes of the result; decode with `tableFromIPC(bytes)`. */
export function resultToArrowIPC(result: ResultColumns): Uint8Array {
  const data = result.types.map((t, i) => toArrowColumn(t, result.columns[i] ?? []));
  const fields = data.map((d, i) => new Field(result.names[i], d.type, true));
  const batch = new RecordBatch(
    new Schema(fields),
    makeData({ type: new Struct(fields), length: result.rowCount, nullCount: 0, children: data }),
  );
  return tableToIPC(new Table([batch]), 'stream');
}
