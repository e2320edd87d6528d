/**
 * DOUBLE columns of DuckDB result chunks copied into Float64Arrays at memory speed.
 *
 * node-api's per-value `getItem` tests each value's validity bit with BigInt arithmetic, which made
 * reading a million rows × 24 features take seconds; here the column's data is copied in one block
 * and only the validity bytes that are not all-valid are looked at. Uses DuckDB's C API as exposed by
 * @duckdb/node-bindings, the exact version @duckdb/node-api itself pins and runs on.
 */
import duckdb from '@duckdb/node-bindings';
import type { DuckDBDataChunk } from '@duckdb/node-api';

/** Copy column `column` (which must be DOUBLE) of `chunk` into `out` from index `at`; NULL becomes NaN. */
export function copyDoubleColumn(chunk: DuckDBDataChunk, column: number, out: Float64Array, at: number): void {
  const n = chunk.rowCount;
  if (n === 0) return;
  const vector = duckdb.data_chunk_get_vector(chunk.chunk, column);
  // Byte-wise copy: the native buffer's offset need not be 8-byte aligned for a Float64Array view.
  new Uint8Array(out.buffer, out.byteOffset + at * 8, n * 8).set(duckdb.vector_get_data(vector, n * 8));
  // Validity is a little-endian bitmask, one bit per row (1 = valid); absent when every row is valid.
  const validity = duckdb.vector_get_validity(vector, Math.ceil(n / 64) * 8) as Uint8Array | null;
  if (!validity) return;
  const bytes = Math.ceil(n / 8);
  for (let b = 0; b < bytes; b++) {
    const mask = validity[b];
    if (mask === 0xff) continue;
    for (let bit = 0; bit < 8; bit++) {
      const i = b * 8 + bit;
      if (i < n && ((mask >> bit) & 1) === 0) out[at + i] = NaN;
    }
  }
}
