/**
 * Query results arrive as Arrow IPC bytes (what the renderer draws from); the CLI turns them
 * into plain rows for tables and JSON. Arrow hands back BigInt for 64-bit integers, epoch
 * milliseconds for dates and timestamps, and big-number objects for decimals: all made plain here.
 */
import { DataType, tableFromIPC, util, type Field } from 'apache-arrow';

export interface PlainRows {
  columns: string[];
  rows: unknown[][];
}

function plainDeep(v: unknown): unknown {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v === null || typeof v !== 'object') return v ?? null;
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
  if (Array.isArray(v)) return v.map(plainDeep);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = plainDeep(x);
  return out;
}

export function plainCell(v: unknown, type: DataType): unknown {
  if (v === null || v === undefined) return null;
  if (DataType.isDate(type) && typeof v === 'number') return new Date(v).toISOString().slice(0, 10);
  if (DataType.isTimestamp(type) && typeof v === 'number') return new Date(v).toISOString();
  if (DataType.isDecimal(type) && typeof v === 'object') {
    return util.bigNumToNumber(v as Parameters<typeof util.bigNumToNumber>[0], type.scale);
  }
  // Struct rows, list vectors and map rows know how to become JSON.
  if (typeof v === 'object' && !(v instanceof Uint8Array) && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    return plainDeep((v as { toJSON(): unknown }).toJSON());
  }
  return plainDeep(v);
}

export function arrowRows(bytes: Uint8Array): PlainRows {
  const table = tableFromIPC(bytes);
  const fields: Field[] = table.schema.fields;
  const vectors = fields.map((_, i) => table.getChildAt(i));
  const rows: unknown[][] = [];
  for (let r = 0; r < table.numRows; r++) {
    rows.push(fields.map((f, i) => plainCell(vectors[i]?.get(r), f.type)));
  }
  return { columns: fields.map((f) => f.name), rows };
}

/** Rows as objects for JSON output; a repeated column name gets a suffix rather than overwriting. */
export function rowObjects({ columns, rows }: PlainRows): Record<string, unknown>[] {
  const seen = new Map<string, number>();
  const keys = columns.map((c) => {
    const n = seen.get(c) ?? 0;
    seen.set(c, n + 1);
    return n === 0 ? c : `${c}_${n}`;
  });
  return rows.map((row) => Object.fromEntries(keys.map((k, i) => [k, row[i]])));
}
