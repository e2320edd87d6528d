/**
 * Float64Array <-> JSON without loss. JSON.stringify writes the shortest decimal that parses back
 * to the same double, so finite values round-trip exactly; only NaN and ±Infinity need a spelling
 * JSON has (a collapsed covariance is NaN, an unbounded VIF is Infinity).
 */
export type JsonNumber = number | 'NaN' | 'Infinity' | '-Infinity';
export type JsonNumbers = JsonNumber[];

export function toJsonNumbers(a: Float64Array): JsonNumbers {
  return Array.from(a, (v): JsonNumber => (Number.isFinite(v) ? v : Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity'));
}

export function fromJsonNumbers(a: JsonNumbers): Float64Array {
  return Float64Array.from(a, (v) => (typeof v === 'number' ? v : Number(v)));
}
