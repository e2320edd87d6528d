/**
 * Excel .xlsx import with exceljs's streaming reader: rows are read one at a time, appended as
 * text to a temp table, and cast in SQL once every cell has been seen (so a column's type
 * never rests on a sample). The first non-empty row of the sheet names the columns.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import ExcelJS, { type Row } from 'exceljs';
import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import type { JobContext } from '../../api/jobs';
import { badInput, cancelled, notFound, VigilError } from '../../api/errors';
import { q, type Workspace } from '../workspace';
import { uniqueColumnNames } from './column-names';
import { openSource, readHead, startsWith, type SourceFile } from './source';
import { stageAndSwap, type ImportedTable } from './staging';
import { internalName, type ImportTarget } from './target';
import { ColumnKinds, readCell, type SheetCell } from './xlsx-cells';
import { readSheetNames } from './xlsx-sheet-names';

// exceljs's typings omit each sheet reader's `name`, which the streaming reader sets at runtime.
interface SheetStream {
  name?: string;
  [Symbol.asyncIterator](): AsyncIterator<Row>;
}
interface WorkbookStream {
  [Symbol.asyncIterator](): AsyncIterator<SheetStream>;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const PROGRESS_EVERY_ROWS = 1000;

function openWorkbook(input: Readable): WorkbookStream {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles carry the number formats that tell a date from a number.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  return reader as unknown as WorkbookStream;
}

async function assertWorkbook(source: SourceFile): Promise<void> {
  if (!startsWith(await readHead(source.path, 4), ZIP_MAGIC)) {
    throw badInput(`${source.name} is not an Excel .xlsx workbook.`, { file: source.name, reason: 'not_xlsx' });
  }
}

function unreadable(source: SourceFile, e: unknown): VigilError {
  const reason = (e instanceof Error ? e.message : String(e)).split('\n')[0];
  return badInput(`${source.name} could not be read as an Excel workbook: ${reason}`, { file: source.name, reason });
}

/** Sheet names in tab order, for the import dialog. */
export async function listSheets(path: string): Promise<string[]> {
  const source = await openSource(path, undefined);
  return sheetNames(source);
}

async function sheetNames(source: SourceFile): Promise<string[]> {
  await assertWorkbook(source);
  try {
    return await readSheetNames(source.path);
  } catch (e) {
    throw unreadable(source, e);
  }
}

export async function importXlsx(
  ws: Workspace,
  source: SourceFile,
  target: ImportTarget,
  sheet: string | undefined,
  ctx: JobContext,
): Promise<ImportedTable> {
  return stageAndSwap(ws, target, source, ctx, async (c, staging) => {
    await loadSheet(c, source, sheet, staging, ctx);
    return { rejects: null, rejected: 0 };
  });
}

async function loadSheet(c: DuckDBConnection, source: SourceFile, wanted: string | undefined, staging: string, ctx: JobContext): Promise<void> {
  const names = await sheetNames(source);
  const chosen = wanted ?? names[0];
  if (chosen === undefined || !names.includes(chosen)) {
    throw notFound(`${source.name} has no sheet named "${String(wanted)}". Its sheets are: ${names.join(', ')}.`, {
      file: source.name,
      sheet: wanted,
      sheets: names,
    });
  }
  const input = createReadStream(source.path);
  let raw: RawSheet | null = null;
  try {
    for await (const sheet of openWorkbook(input)) {
      if (raw === null && sheet.name === chosen) {
        raw = await readSheetRows(c, source, chosen, sheet, ctx);
      } else {
        // Every sheet handed out must be read to its end: exceljs keeps a file open for each until then.
        for await (const _row of sheet) ctx.throwIfCancelled();
      }
    }
  } catch (e) {
    if (ctx.signal.aborted) throw cancelled();
    if (e instanceof VigilError) throw e;
    throw unreadable(source, e);
  } finally {
    input.destroy();
  }
  if (raw === null) throw unreadable(source, new Error(`sheet "${chosen}" has no data part`));
  const select = raw.columns.map((col, i) => `CAST(${q(`c${i}`)} AS ${raw.kinds[i].duckdbType()}) AS ${q(col)}`);
  await c.run(`CREATE TABLE ${q(staging)} AS SELECT ${select.join(', ')} FROM ${q(raw.table)} ORDER BY sheet_row`);
  await c.run(`DROP TABLE ${q(raw.table)}`);
}

interface RawSheet {
  /** Temp table: c0..cN VARCHAR, sheet_row BIGINT. */
  table: string;
  columns: string[];
  kinds: ColumnKinds[];
}

async function readSheetRows(c: DuckDBConnection, source: SourceFile, sheetName: string, sheet: SheetStream, ctx: JobContext): Promise<RawSheet> {
  const message = `Reading sheet "${sheetName}" of ${source.name}`;
  let state: { raw: RawSheet; appender: DuckDBAppender } | null = null;
  let rowsRead = 0;
  try {
    for await (const row of sheet) {
      if (++rowsRead % PROGRESS_EVERY_ROWS === 0) {
        ctx.throwIfCancelled();
        ctx.progress(rowsRead, null, message);
      }
      const cells = rowCells(row);
      if (cells.every((cell) => cell === null)) continue;
      if (state === null) {
        const raw = await createRawTable(c, headerNames(cells));
        state = { raw, appender: await c.createAppender(raw.table, 'main', 'temp') };
        continue;
      }
      const width = state.raw.columns.length;
      const outside = cells.findIndex((cell, i) => i >= width && cell !== null);
      if (outside >= 0) {
        const column = columnLetter(outside + 1);
        throw badInput(
          `${source.name} sheet "${sheetName}" row ${row.number}, column ${column}: there is a value beyond the last named column. Give the column a header or clear the cell.`,
          { file: source.name, sheet: sheetName, line: row.number, column, reason: 'value outside the header columns' },
        );
      }
      appendRow(state.appender, state.raw, cells, row.number);
    }
  } finally {
    state?.appender.closeSync();
  }
  if (state === null) throw badInput(`${source.name}: sheet "${sheetName}" is empty.`, { file: source.name, sheet: sheetName, reason: 'empty' });
  ctx.progress(rowsRead, rowsRead, message);
  return state.raw;
}

function rowCells(row: Row): (SheetCell | null)[] {
  const cells: (SheetCell | null)[] = [];
  for (let i = 1; i <= row.cellCount; i++) {
    const cell = row.getCell(i);
    cells.push(readCell(cell.value, cell.numFmt));
  }
  return cells;
}

/** Header cells up to the last filled one; a gap becomes `column_N`. */
function headerNames(cells: (SheetCell | null)[]): string[] {
  let width = cells.length;
  while (width > 0 && cells[width - 1] === null) width--;
  return uniqueColumnNames(cells.slice(0, width).map((cell) => cell?.text));
}

async function createRawTable(c: DuckDBConnection, columns: string[]): Promise<RawSheet> {
  const table = internalName('sheet');
  const defs = columns.map((_, i) => `${q(`c${i}`)} VARCHAR`);
  await c.run(`CREATE TEMP TABLE ${q(table)} (${defs.join(', ')}, sheet_row BIGINT)`);
  return { table, columns, kinds: columns.map(() => new ColumnKinds()) };
}

function appendRow(appender: DuckDBAppender, raw: RawSheet, cells: (SheetCell | null)[], rowNumber: number): void {
  for (let i = 0; i < raw.columns.length; i++) {
    const cell = cells[i] ?? null;
    if (cell === null) {
      appender.appendNull();
    } else {
      raw.kinds[i].add(cell.kind);
      appender.appendVarchar(cell.text);
    }
  }
  appender.appendBigInt(BigInt(rowNumber));
  appender.endRow();
}

/** 1 -> A, 27 -> AA: how Excel names a column. */
function columnLetter(n: number): string {
  let out = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) out = String.fromCharCode(65 + ((k - 1) % 26)) + out;
  return out;
}
