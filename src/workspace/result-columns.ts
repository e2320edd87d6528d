/**
 * Reading the first rows of a streaming DuckDB result, column by column, without letting DuckDB
 * compute rows nobody will look at: chunks are pulled only until enough rows are in hand.
 */
import type { DuckDBResult, DuckDBValue } from '@duckdb/node-api';
import type { JobContext } from '../api/jobs';
import type { ResultColumns } from './arrow';

export interface FirstRows extends ResultColumns {
  /** True when the result had more rows than `maxRows` (those were not kept). */
  more: boolean;
  /** Rows DuckDB produced so far, kept or not (whole chunks). */
  rowsSeen: number;
}

/** Up to `maxRows` rows of `result`; `more` tells whether at least one row was left behind. */
export async function readFirstRows(result: DuckDBResult, maxRows: number, ctx: JobContext): Promise<FirstRows> {
  const names = result.deduplicatedColumnNames();
  const types = result.columnTypes();
  const columns: DuckDBValue[][] = names.map(() => []);
  let rowCount = 0;
  let more = false;
  let rowsSeen = 0;
  for (;;) {
    ctx.throwIfCancelled();
    const chunk = await result.fetchChunk();
    if (chunk === null || chunk.rowCount === 0) break;
    rowsSeen += chunk.rowCount;
    const take = Math.min(chunk.rowCount, maxRows - rowCount);
    if (take > 0) {
      chunk.getColumns().forEach((values, i) => {
        for (let r = 0; r < take; r++) columns[i].push(values[r]);
      });
      rowCount += take;
    }
    ctx.progress(rowCount, maxRows, 'Reading rows');
    if (take < chunk.rowCount) {
      more = true;
      break;
    }
  }
  return { names, types, columns, rowCount, more, rowsSeen };
}

/** Rows left in `result` (counted chunk by chunk, not converted). */
export async function countRemainingRows(result: DuckDBResult, ctx: JobContext): Promise<number> {
  let n = 0;
  for (;;) {
    ctx.throwIfCancelled();
    const chunk = await result.fetchChunk();
    if (chunk === null || chunk.rowCount === 0) return n;
    n += chunk.rowCount;
  }
}
