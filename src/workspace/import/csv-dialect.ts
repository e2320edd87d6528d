/**
 * The CSV layout (delimiter, quoting, header, column types), sniffed once by DuckDB and then
 * spelled out in full for every read of the file. Spelling it out matters: the fast load and
 * the bad-row scan must parse identically, and DuckDB's sniffer, left to itself, can be
 * thrown by a single bad line.
 */
import {
  BOOLEAN,
  DuckDBStructType,
  INTEGER,
  structValue,
  VARCHAR,
  type DuckDBConnection,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import { badInput } from '../../api/errors';
import { allRows } from '../workspace';
import { uniqueColumnNames } from './column-names';

export interface CsvDialect {
  delimiter: string;
  /** Quote character: the sniffer's, or the standard '"' when it found none (see sniffDialect). */
  quote: string;
  escape: string;
  /** DuckDB's spelling ("\\n", "\\r\\n"), null when the sniffer reports none. */
  newLine: string | null;
  skip: number;
  comment: string;
  header: boolean;
  columns: { name: string; type: string }[];
  dateFormat: string | null;
  timestampFormat: string | null;
}

export interface DialectOverrides {
  delimiter?: string;
  header?: boolean;
}

interface SniffRow {
  Delimiter: string;
  Quote: string;
  Escape: string;
  NewLineDelimiter: string;
  Comment: string;
  SkipRows: number;
  HasHeader: boolean;
  Columns: { name: string; type: string }[];
  DateFormat: string | null;
  TimestampFormat: string | null;
}

const EMPTY = '(empty)';

class SniffFailed extends Error {}

/**
 * Sniff with `ignore_errors`, so that one ragged line early in the file cannot make DuckDB
 * settle on a one-column reading. When the sniffer finds no quoting, read with standard
 * double-quote quoting (RFC 4180) anyway: for a sample without quote characters it parses the
 * same, a quoted field later in the file still parses, and a field that opens a quote it never
 * closes becomes a clear error on its line instead of stray quote characters in the data
 * (the sniffer answers "no quoting" precisely when such a line is in its sample).
 */
export async function sniffDialect(c: DuckDBConnection, path: string, file: string, overrides: DialectOverrides): Promise<CsvDialect> {
  let sniffed: CsvDialect;
  try {
    sniffed = await sniffOnce(c, path, overrides);
  } catch (e) {
    if (e instanceof SniffFailed) {
      throw badInput(
        `${file}: could not work out how this file is laid out (delimiter, quotes, columns). Check that it is a CSV or other delimited text file.`,
        { file, reason: e.message },
      );
    }
    throw e;
  }
  return sniffed.quote === '' ? { ...sniffed, quote: '"', escape: '"' } : sniffed;
}

async function sniffOnce(c: DuckDBConnection, path: string, overrides: DialectOverrides): Promise<CsvDialect> {
  const params: DuckDBValue[] = [path];
  const options = ['ignore_errors = true'];
  const option = (name: string, value: DuckDBValue) => {
    params.push(value);
    options.push(`${name} = $${params.length}`);
  };
  if (overrides.delimiter !== undefined) option('delim', overrides.delimiter);
  if (overrides.header !== undefined) option('header', overrides.header);
  let rows: SniffRow[];
  try {
    rows = await allRows<SniffRow>(c, `SELECT * FROM sniff_csv($1, ${options.join(', ')})`, params);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // Interrupts and I/O problems are not a verdict on the layout; let the caller see them.
    if (!/sniff|Invalid Input|dialect/i.test(message)) throw e;
    throw new SniffFailed(message.split('\n')[0]);
  }
  const s = rows[0];
  if (s === undefined) throw new SniffFailed('DuckDB returned no sniffing result');
  const names = uniqueColumnNames(s.Columns.map((col) => col.name));
  return {
    delimiter: s.Delimiter,
    quote: s.Quote === EMPTY ? '' : s.Quote,
    escape: s.Escape === EMPTY ? '' : s.Escape,
    newLine: s.NewLineDelimiter === EMPTY ? null : s.NewLineDelimiter,
    skip: s.SkipRows,
    comment: s.Comment === EMPTY ? '' : s.Comment,
    header: s.HasHeader,
    columns: s.Columns.map((col, i) => ({ name: names[i], type: col.type })),
    dateFormat: s.DateFormat,
    timestampFormat: s.TimestampFormat,
  };
}

export interface ReadCsvCall {
  /** `read_csv($1, ...)`, to use as a table expression. */
  sql: string;
  params: DuckDBValue[];
  /** The type of each parameter: DuckDB cannot infer an ordered STRUCT from a JS object. */
  types: DuckDBType[];
}

/**
 * `read_csv(...)` with the whole dialect spelled out (no second sniff), every value bound.
 * `rejects` names the temp tables DuckDB fills with bad rows instead of failing.
 */
export function readCsvCall(path: string, d: CsvDialect, rejects: { table: string; scan: string } | null): ReadCsvCall {
  const params: DuckDBValue[] = [path];
  const types: DuckDBType[] = [VARCHAR];
  const options = ['auto_detect = false'];
  const option = (name: string, value: DuckDBValue, type: DuckDBType) => {
    params.push(value);
    types.push(type);
    options.push(`${name} = $${params.length}`);
  };
  option('delim', d.delimiter, VARCHAR);
  option('quote', d.quote, VARCHAR);
  option('escape', d.escape, VARCHAR);
  if (d.newLine !== null) option('new_line', d.newLine, VARCHAR);
  option('skip', d.skip, INTEGER);
  option('comment', d.comment, VARCHAR);
  option('header', d.header, BOOLEAN);
  // A struct type with ordered entry names: a plain object would reorder headers like "2024" first.
  const names = d.columns.map((col) => col.name);
  option(
    'columns',
    structValue(Object.fromEntries(d.columns.map((col) => [col.name, col.type]))),
    new DuckDBStructType(names, names.map(() => VARCHAR)),
  );
  if (d.dateFormat !== null) option('dateformat', d.dateFormat, VARCHAR);
  if (d.timestampFormat !== null) option('timestampformat', d.timestampFormat, VARCHAR);
  if (rejects !== null) {
    option('store_rejects', true, BOOLEAN);
    option('rejects_table', rejects.table, VARCHAR);
    option('rejects_scan', rejects.scan, VARCHAR);
  }
  return { sql: `read_csv($1, ${options.join(', ')})`, params, types };
}
