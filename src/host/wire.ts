/**
 * Results must survive structured clone (Electron IPC) and JSON (HTTP, CLI).
 * BigInt is converted before it crosses; typed arrays stay binary for IPC and are
 * base64-tagged for JSON by `toJson`/`fromJson`.
 */
export function toWire(v: unknown): unknown {
  if (typeof v === 'bigint') {
    return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v.toString();
  }
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof Uint8Array) return v;
  if (ArrayBuffer.isView(v)) return v;
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(toWire);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = toWire(x);
  return out;
}

const BYTES_TAG = '__vigil_bytes_b64';

/** JSON text of a wire value; Uint8Array becomes {"__vigil_bytes_b64": "..."}. */
export function toJson(v: unknown): string {
  return JSON.stringify(toWire(v), (_k, x) =>
    x instanceof Uint8Array ? { [BYTES_TAG]: Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('base64') } : x,
  );
}
