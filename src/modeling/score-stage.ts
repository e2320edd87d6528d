/**
 * Scores on their way into DuckDB: source rowid, PD and reason-code indexes go through the appender as
 * whole data chunks (one typed write per value, no per-row SQL, no per-row objects) into a temporary
 * staging table. Ids, score points, grades and reason names are then added by one set-based SQL
 * statement joining the stage back to the source table on rowid (score.ts).
 */
import { DOUBLE, DuckDBDataChunk, SMALLINT, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';

export const STAGE_TABLE = '_vigil_score_stage';
/** Reason codes per row written to the output (reason_1..reason_3). */
export const REASON_COUNT = 3;
/** DuckDB's vector size: the largest chunk an appender takes. */
const CHUNK_ROWS = 2048;

interface WritableVector {
  setItem(i: number, x: number | null): void;
  flush(): void;
}

export class ScoreStage {
  private chunk: DuckDBDataChunk | null = null;
  private vectors: WritableVector[] = [];
  rows = 0;

  private constructor(private readonly appender: DuckDBAppender) {}

  /** A fresh temporary staging table on this connection (gone when the connection closes). */
  static async create(c: DuckDBConnection): Promise<ScoreStage> {
    const reasons = Array.from({ length: REASON_COUNT }, (_, k) => `r${k + 1} SMALLINT`).join(', ');
    // row_id is DOUBLE only because the chunk writer takes JS numbers; rowids stay exact far beyond any table here (2^53).
    await c.run(`CREATE OR REPLACE TEMP TABLE ${STAGE_TABLE} (row_id DOUBLE, pd DOUBLE, ${reasons})`);
    return new ScoreStage(await c.createAppender(STAGE_TABLE, null, 'temp'));
  }

  /** A chunk of `n` rows; reused while the size stays the same (creating one costs far more than filling it). */
  private chunkOf(n: number): WritableVector[] {
    if (this.chunk === null || this.chunk.rowCount !== n) {
      this.chunk = DuckDBDataChunk.create([DOUBLE, DOUBLE, ...Array.from({ length: REASON_COUNT }, () => SMALLINT)], n);
      this.vectors = Array.from({ length: 2 + REASON_COUNT }, (_, j) => this.chunk?.getColumnVector(j) as unknown as WritableVector);
    }
    return this.vectors;
  }

  /**
   * Append rows: source rowid and PD per row, and `top` reason indexes per row (row-major, −1 = none).
   * Indexes beyond REASON_COUNT are ignored; −1 is written as is and maps to NULL in the output (list index 0).
   */
  append(rowIds: Float64Array, pd: Float64Array, codes: Int32Array, top: number): void {
    for (let from = 0; from < pd.length; from += CHUNK_ROWS) {
      const n = Math.min(CHUNK_ROWS, pd.length - from);
      const [idVector, pdVector, ...reasonVectors] = this.chunkOf(n);
      for (let i = 0; i < n; i++) idVector.setItem(i, rowIds[from + i]);
      for (let i = 0; i < n; i++) pdVector.setItem(i, pd[from + i]);
      reasonVectors.forEach((v, k) => {
        for (let i = 0; i < n; i++) v.setItem(i, k < top ? codes[(from + i) * top + k] : -1);
      });
      idVector.flush();
      pdVector.flush();
      for (const v of reasonVectors) v.flush();
      this.appender.appendDataChunk(this.chunk as DuckDBDataChunk);
    }
    this.rows += pd.length;
  }

  /** Flush and close the appender (the rows land in the staging table). */
  close(): void {
    this.appender.closeSync();
  }

  /** Close after a failure: the transaction is being rolled back, so a flush error changes nothing and must not hide the first error. */
  abandon(): void {
    try {
      this.appender.closeSync();
    } catch {
      /* rolled back anyway */
    }
  }
}
