/**
 * DuckDB values -> plain JSON-safe values before they cross any boundary.
 * BigInt becomes a number when it is exact, else a decimal string; dates become ISO strings.
 */
export function toPlain(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'bigint':
      return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v.toString();
    case 'number':
    case 'string':
    case 'boolean':
      return v;
    case 'object':
      break;
    default:
      return String(v);
  }
  if (Array.isArray(v)) return v.map(toPlain);
  if (v instanceof Uint8Array) return v;
  if (v instanceof Date) return v.toISOString();
  const ctor = (v as object).constructor?.name ?? '';
  // DuckDB value classes (DuckDBDateValue, DuckDBTimestampValue, DuckDBDecimalValue, ...) print themselves well.
  if (ctor.startsWith('DuckDB')) {
    const anyV = v as { toDouble?: () => number; items?: unknown[]; entries?: unknown; toString(): string };
    if (ctor === 'DuckDBDecimalValue' && anyV.toDouble) return anyV.toDouble();
    if (ctor === 'DuckDBListValue' || ctor === 'DuckDBArrayValue') return (anyV.items ?? []).map(toPlain);
    if (ctor === 'DuckDBStructValue' && anyV.entries) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(anyV.entries as Record<string, unknown>)) out[k] = toPlain(x);
      return out;
    }
    return anyV.toString();
  }
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = toPlain(x);
  return out;
}
