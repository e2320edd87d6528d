/**
 * Arrow IPC bytes -> rows of display strings for the grids. Values are shown as stored (dates as ISO,
 * decimals at their scale); only float noise is trimmed, because 0.30000000000000004 helps no one.
 */
import { DataType, tableFromIPC, util, type Decimal, type Field } from 'apache-arrow';
import type { ColumnInfo } from '../../src/api/workspace';

/** One cell as shown: text, or null for SQL NULL (drawn differently from an empty string). */
export type Cell = string | null;

export interface GridColumn {
  name: string;
  /** The engine's type name (BIGINT, DOUBLE, VARCHAR, DATE...). */
  type: string;
  numeric: boolean;
  width: number;
}

const NUMERIC_TYPE = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL|NUMERIC|INT\d*)(\(.*\))?$/i;

export function isNumericType(type: string): boolean {
  return NUMERIC_TYPE.test(type.trim());
}

/** Fixed widths from the type and the name, so columns do not jump as pages of rows arrive. */
export function gridColumns(columns: readonly ColumnInfo[]): GridColumn[] {
  return columns.map((c) => {
    const numeric = isNumericType(c.type);
    const t = c.type.toUpperCase();
    const byType = numeric ? 96 : t === 'BOOLEAN' ? 72 : t === 'DATE' ? 104 : t.startsWith('TIMESTAMP') ? 164 : 168;
    const byName = Math.ceil(c.name.length * 7.4) + 26;
    return { name: c.name, type: c.type, numeric, width: Math.min(320, Math.max(byType, byName)) };
  });
}

function formatFloat(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n) || Math.abs(n) >= 1e15) return String(n);
  return String(Number(n.toFixed(6)));
}

function jsonText(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
}

/** A formatter for one Arrow field: picked once per column, applied to every value. */
function cellFormatter(field: Field): (v: unknown) => string {
  const type = field.type;
  if (DataType.isDate(type)) return (v) => new Date(v as number).toISOString().slice(0, 10);
  if (DataType.isTimestamp(type))
    return (v) => new Date(v as number).toISOString().replace('T', ' ').replace(/\.000Z$|Z$/, '');
  if (DataType.isDecimal(type)) {
    const scale = (type as Decimal).scale;
    return (v) => util.bigNumToNumber(v as Parameters<typeof util.bigNumToNumber>[0], scale).toFixed(scale);
  }
  if (DataType.isFloat(type)) return (v) => formatFloat(v as number);
  if (DataType.isInt(type) || DataType.isBool(type) || DataType.isUtf8(type) || DataType.isLargeUtf8(type)) return (v) => String(v);
  return (v) => (typeof v === 'object' && v !== null && 'toJSON' in v ? jsonText((v as { toJSON(): unknown }).toJSON()) : jsonText(v));
}

/** Decode Arrow IPC stream bytes into display rows (row-major, the grid's shape). */
export function decodeRows(bytes: Uint8Array): Cell[][] {
  const table = tableFromIPC(bytes);
  const fields = table.schema.fields;
  const vectors = fields.map((_f, i) => table.getChildAt(i));
  const formats = fields.map(cellFormatter);
  const rows: Cell[][] = new Array(table.numRows);
  for (let r = 0; r < table.numRows; r++) {
    const row: Cell[] = new Array(fields.length);
    for (let c = 0; c < fields.length; c++) {
      const v: unknown = vectors[c]?.get(r);
      row[c] = v === null || v === undefined ? null : formats[c](v);
    }
    rows[r] = row;
  }
  return rows;
}
