/**
 * CSV import. The common case is one plain `read_csv` with the sniffed dialect spelled out
 * (the same work as DuckDB alone). DuckDB's rejects scan runs only when the user keeps bad rows
 * aside, or after the plain load failed, to name the first bad line: a plain load stops at the
 * first bad line instead of reading on, and a clean file needs no rejects bookkeeping. (On a
 * clean file the two reads cost about the same CPU in DuckDB 1.5: see test/bench/import.ts.)
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { JobContext } from '../../api/jobs';
import type { ImportArgs } from '../../api/workspace';
import { badInput, cancelled, VigilError } from '../../api/errors';
import { q, type Workspace } from '../workspace';
import { readCsvCall, sniffDialect, type CsvDialect } from './csv-dialect';
import { dropRejectsScan, firstReject, hasEncodingErrors, keepRejectedLines, newRejectsScan, type RejectsScan } from './csv-rejects';
import { withQueryProgress } from './query-progress';
import type { SourceFile } from './source';
import { RetryImport, stageAndSwap, type ImportedTable, type StagedLoad } from './staging';
import type { ImportTarget } from './target';
import { chooseEncoding, inspectText, transcodeToUtf8, type DetectedEncoding } from './text-encoding';

/** The start of the file looked like UTF-8 but a later line is not: read it again as GB18030. */
class NotUtf8 extends RetryImport {}

interface CsvRead {
  ws: Workspace;
  source: SourceFile;
  /** The file DuckDB reads: the original, or its UTF-8 transcoding. */
  readPath: string;
  args: ImportArgs;
  /** Auto-detected UTF-8: invalid bytes mean "try GB18030", not "bad line". */
  mayBeGb18030: boolean;
}

export async function importCsv(
  ws: Workspace,
  source: SourceFile,
  target: ImportTarget,
  args: ImportArgs,
  ctx: JobContext,
): Promise<{ imported: ImportedTable; encoding: DetectedEncoding }> {
  checkCsvOptions(args);
  ctx.progress(0, null, `Checking ${source.name}`);
  const head = await inspectText(source);
  const encoding = chooseEncoding(args.encoding, head);
  const detected = (args.encoding ?? 'auto') === 'auto';

  const importAs = async (as: DetectedEncoding, mayBeGb18030: boolean): Promise<ImportedTable> => {
    const transcoded = as === 'gb18030' ? await transcodeToUtf8(source, ctx) : null;
    try {
      const read: CsvRead = { ws, source, readPath: transcoded?.path ?? source.path, args, mayBeGb18030 };
      return await stageAndSwap(ws, target, source, ctx, (c, staging) => loadCsv(c, read, staging, ctx));
    } finally {
      await transcoded?.dispose();
    }
  };

  try {
    return { imported: await importAs(encoding, detected && encoding === 'utf-8'), encoding };
  } catch (e) {
    if (!(e instanceof NotUtf8)) throw e;
  }
  return { imported: await importAs('gb18030', false), encoding: 'gb18030' };
}

/** Options arrive off the wire: refuse nonsense here rather than as a DuckDB binder error. */
function checkCsvOptions(args: ImportArgs): void {
  const { delimiter, header } = args;
  // DuckDB accepts delimiters of up to 4 bytes.
  if (delimiter !== undefined && (typeof delimiter !== 'string' || delimiter === '' || Buffer.byteLength(delimiter) > 4)) {
    throw badInput('The delimiter must be one character (or a few, at most 4 bytes).', { field: 'delimiter', value: delimiter });
  }
  if (header !== undefined && typeof header !== 'boolean') {
    throw badInput('header must be true or false.', { field: 'header', value: header });
  }
}

async function loadCsv(c: DuckDBConnection, read: CsvRead, staging: string, ctx: JobContext): Promise<StagedLoad> {
  ctx.progress(0, null, `Detecting the delimiter, header and column types of ${read.source.name}`);
  const dialect = await sniffDialect(c, read.readPath, read.source.name, {
    delimiter: read.args.delimiter,
    header: read.args.header,
  });
  ctx.throwIfCancelled();
  const loading = `Loading rows of ${read.source.name}`;
  if (read.args.skipBadRows !== true) {
    const call = readCsvCall(read.readPath, dialect, null);
    try {
      await withQueryProgress(c, ctx, loading, () =>
        c.run(`CREATE TABLE ${q(staging)} AS SELECT * FROM ${call.sql}`, call.params, call.types),
      );
    } catch (e) {
      if (ctx.signal.aborted) throw cancelled();
      throw await explainFailedLoad(read, dialect, e, ctx);
    }
    return { rejects: null, rejected: 0 };
  }
  const scan = newRejectsScan();
  const call = readCsvCall(read.readPath, dialect, scan);
  try {
    await withQueryProgress(c, ctx, loading, () =>
      c.run(`CREATE TABLE ${q(staging)} AS SELECT * FROM ${call.sql}`, call.params, call.types),
    );
    if (read.mayBeGb18030 && (await hasEncodingErrors(c, scan))) throw new NotUtf8();
    ctx.progress(0, null, `Keeping the rejected lines of ${read.source.name}`);
    const rejectsStaging = `${staging}_rejects`;
    const rejected = await keepRejectedLines(c, scan, read.readPath, rejectsStaging, ctx);
    if (rejected > 0) return { rejects: rejectsStaging, rejected };
    await c.run(`DROP TABLE ${q(rejectsStaging)}`);
    return { rejects: null, rejected: 0 };
  } finally {
    await dropRejectsScan(c, scan);
  }
}

/**
 * The plain load failed. Read the file again on a separate connection (the transaction is
 * aborted) recording rejects, and name the first bad line, its column and the reason.
 */
async function explainFailedLoad(read: CsvRead, dialect: CsvDialect, failure: unknown, ctx: JobContext): Promise<Error> {
  const file = read.source.name;
  const duckdbMessage = failure instanceof Error ? failure.message : String(failure);
  const scan: RejectsScan = newRejectsScan();
  const first = await read.ws.withConnection(async (d) => {
    const call = readCsvCall(read.readPath, dialect, scan);
    try {
      // hash() of the whole row makes DuckDB convert every column, so every bad value is recorded.
      await withQueryProgress(d, ctx, `Finding the bad lines of ${file}`, () =>
        d.run(`SELECT sum(hash(t)) FROM ${call.sql} AS t`, call.params, call.types),
      );
      return await firstReject(d, scan, read.readPath, ctx);
    } catch (e) {
      if (ctx.signal.aborted) throw e;
      return null;
    } finally {
      await dropRejectsScan(d, scan);
    }
  }, ctx);
  if (first === null) return fromDuckdbMessage(file, duckdbMessage);
  if (first.errorType === 'INVALID ENCODING' && read.mayBeGb18030) return new NotUtf8();
  const where = `${file} line ${first.line}${first.column !== null ? `, column "${first.column}"` : ''}`;
  const more =
    first.badRecords > 1
      ? ` ${first.badRecords} lines are bad in all; turn on "skip bad rows" to import the rest and keep them aside.`
      : '';
  return badInput(`${where}: ${first.reason}.${more}`, {
    file,
    line: first.line,
    column: first.column,
    reason: first.reason,
    badLines: first.badRecords,
  });
}

/** When the rejects scan records nothing (an error DuckDB cannot attribute to a row), say what DuckDB said. */
function fromDuckdbMessage(file: string, message: string): VigilError {
  const lines = message.split('\n').map((l) => l.trim());
  const lineNo = /CSV Error on Line: (\d+)/.exec(message);
  if (lineNo === null) return new VigilError('internal', `Importing ${file} failed: ${lines[0]}`, { file });
  // DuckDB's layout: "CSV Error on Line: N", "Original Line: ...", then the reason.
  const reason = lines.find((l, i) => i > 1 && l !== '') ?? lines[0];
  return badInput(`${file} line ${lineNo[1]}: ${reason}`, { file, line: Number(lineNo[1]), column: null, reason });
}
