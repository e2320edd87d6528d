/**
 * Bad CSV rows as DuckDB records them (`store_rejects`), turned into what an analyst can act
 * on: one clear error for the first bad line, or a `<table>_rejects` table with one row per
 * rejected line of the original file.
 *
 * DuckDB's rejects table (1.5) has, per error: scan_id, file_id, line, line_byte_position,
 * byte_position, column_idx, column_name, error_type, csv_line, error_message. A row with
 * several bad values gets several errors; a record with an unclosed quote can span lines.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { JobContext } from '../../api/jobs';
import { allRows, q } from '../workspace';
import { linesAtOffsets } from './line-numbers';
import { internalName } from './target';

/** The temp tables one `read_csv(..., store_rejects = true)` fills. */
export interface RejectsScan {
  table: string;
  scan: string;
}

export function newRejectsScan(): RejectsScan {
  return { table: internalName('rejects'), scan: internalName('scans') };
}

const CAST = `'Could not convert string "(.*)" to ''([^'']+)'''`;
const COUNTS = `'Expected Number of Columns: (\\d+) Found: (\\d+)'`;

/** One short reason per DuckDB error, in the analyst's words; DuckDB's own text when unknown. */
const REASON_SQL = `CASE
  WHEN error_type = 'CAST' AND regexp_matches(error_message, ${CAST})
    THEN 'could not convert "' || regexp_extract(error_message, ${CAST}, 1) || '" to ' || regexp_extract(error_message, ${CAST}, 2)
  WHEN error_type IN ('TOO MANY COLUMNS', 'MISSING COLUMNS') AND regexp_matches(error_message, ${COUNTS})
    THEN (CASE error_type WHEN 'TOO MANY COLUMNS' THEN 'too many fields' ELSE 'too few fields' END)
      || ': expected ' || regexp_extract(error_message, ${COUNTS}, 1) || ', found ' || regexp_extract(error_message, ${COUNTS}, 2)
  WHEN error_type = 'UNQUOTED VALUE' THEN 'a quote is opened and never closed, or text follows a closing quote'
  WHEN error_type = 'INVALID ENCODING' THEN 'the text is not valid UTF-8 (is the file in another encoding?)'
  WHEN error_type = 'LINE SIZE OVER MAXIMUM' THEN 'the line is longer than the longest line DuckDB reads (2 MB)'
  ELSE error_message
END`;

export interface FirstReject {
  line: number;
  column: string | null;
  reason: string;
  errorType: string;
  /** Distinct bad records in the whole file. */
  badRecords: number;
}

/** The earliest bad record of a scan, with its line in the original file; null when none. */
export async function firstReject(c: DuckDBConnection, rejects: RejectsScan, readPath: string, ctx: JobContext): Promise<FirstReject | null> {
  const rows = await allRows<{ pos: number; column_name: string | null; reason: string; error_type: string; bad: number }>(
    c,
    `SELECT line_byte_position AS pos, column_name, ${REASON_SQL} AS reason, error_type,
            (SELECT count(DISTINCT line_byte_position) FROM ${q(rejects.table)}) AS bad
     FROM ${q(rejects.table)} ORDER BY line_byte_position, column_idx LIMIT 1`,
  );
  const first = rows[0];
  if (first === undefined) return null;
  const lines = await linesAtOffsets(readPath, [first.pos], ctx);
  return {
    line: lines.get(first.pos) ?? 0,
    column: first.column_name,
    reason: first.reason,
    errorType: first.error_type,
    badRecords: first.bad,
  };
}

export async function hasEncodingErrors(c: DuckDBConnection, rejects: RejectsScan): Promise<boolean> {
  const rows = await allRows<{ n: number }>(
    c,
    `SELECT count(*) AS n FROM ${q(rejects.table)} WHERE error_type = 'INVALID ENCODING'`,
  );
  return (rows[0]?.n ?? 0) > 0;
}

/**
 * Build `into` (line BIGINT, column_name, reason, raw_line): one row per rejected line of the
 * file, the first error of each record, a record spanning lines split into its lines, so
 * accepted rows + rejected lines = data lines. Returns the number of rejected lines.
 */
export async function keepRejectedLines(
  c: DuckDBConnection,
  rejects: RejectsScan,
  readPath: string,
  into: string,
  ctx: JobContext,
): Promise<number> {
  const offsets = await allRows<{ pos: number }>(c, `SELECT DISTINCT line_byte_position AS pos FROM ${q(rejects.table)}`);
  const lines = await linesAtOffsets(readPath, offsets.map((o) => o.pos), ctx);
  const lineMap = internalName('line_map');
  await c.run(`CREATE TEMP TABLE ${q(lineMap)} (pos BIGINT, line BIGINT)`);
  const appender = await c.createAppender(lineMap, 'main', 'temp');
  try {
    for (const [pos, line] of lines) {
      appender.appendBigInt(BigInt(pos));
      appender.appendBigInt(BigInt(line));
      appender.endRow();
    }
  } finally {
    appender.closeSync();
  }
  await c.run(
    `CREATE TABLE ${q(into)} AS
     WITH first_error AS (
       SELECT line_byte_position AS pos,
              arg_min(column_name, column_idx) AS column_name,
              arg_min(${REASON_SQL}, column_idx) AS reason,
              any_value(csv_line) AS raw
       FROM ${q(rejects.table)} GROUP BY line_byte_position),
     record AS (
       SELECT m.line AS first_line, f.column_name, f.reason,
              string_split(replace(coalesce(f.raw, ''), chr(13), ''), chr(10)) AS raw_lines
       FROM first_error f JOIN ${q(lineMap)} m USING (pos))
     SELECT CAST(first_line + unnest(range(len(raw_lines))) AS BIGINT) AS line,
            column_name, reason, unnest(raw_lines) AS raw_line
     FROM record ORDER BY line`,
  );
  await c.run(`DROP TABLE ${q(lineMap)}`);
  const count = await allRows<{ n: number }>(c, `SELECT count(*) AS n FROM ${q(into)}`);
  return count[0]?.n ?? 0;
}

/** Best effort: temp tables vanish with their connection anyway, and an aborted transaction refuses DDL. */
export async function dropRejectsScan(c: DuckDBConnection, rejects: RejectsScan): Promise<void> {
  for (const name of [rejects.table, rejects.scan]) {
    try {
      await c.run(`DROP TABLE IF EXISTS ${q(name)}`);
    } catch {
      /* the transaction is already failing; its rollback or the connection's close removes them */
    }
  }
}
