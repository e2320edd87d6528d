/**
 * Line numbers of the original file for DuckDB's rejected rows.
 *
 * DuckDB numbers rejected rows by CSV record, which drifts from the file's lines as soon as a
 * quoted field holds a line break or blank lines are skipped. It also records the byte offset
 * of each rejected row, and newlines before that offset are exactly the file's line number.
 * (A transcoded GB18030 file keeps every newline, so counting in the UTF-8 copy is the same.)
 *
 * DuckDB 1.5 reports the offset one byte past the line start for "\n" files and exactly at it
 * for "\r\n" files; counting newlines strictly before the offset is right in both cases, since
 * a rejected row never starts with a newline.
 */
import { createReadStream } from 'node:fs';
import type { JobContext } from '../../api/jobs';

/** For each byte offset, 1-based line of the file it falls in. `offsets` need not be sorted. */
export async function linesAtOffsets(path: string, offsets: readonly number[], ctx: JobContext): Promise<Map<number, number>> {
  const wanted = [...new Set(offsets)].sort((a, b) => a - b);
  const lines = new Map<number, number>();
  if (wanted.length === 0) return lines;
  const last = wanted[wanted.length - 1];
  let next = 0; // index into `wanted`
  let newlines = 0; // newlines seen before `base`
  let base = 0; // file offset of the current chunk
  const stream = createReadStream(path, { highWaterMark: 1 << 20, end: Math.max(0, last - 1) });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    ctx.throwIfCancelled();
    const end = base + chunk.length;
    let cursor = 0;
    while (next < wanted.length && wanted[next] <= end) {
      newlines += countNewlines(chunk, cursor, wanted[next] - base);
      cursor = wanted[next] - base;
      lines.set(wanted[next], newlines + 1);
      next++;
    }
    newlines += countNewlines(chunk, cursor, chunk.length);
    base = end;
  }
  // Offsets at or before the start of the file, or past its end, still get an answer.
  for (; next < wanted.length; next++) lines.set(wanted[next], newlines + 1);
  return lines;
}

function countNewlines(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = buf.indexOf(10, from); i !== -1 && i < to; i = buf.indexOf(10, i + 1)) n++;
  return n;
}
