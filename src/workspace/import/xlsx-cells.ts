/**
 * Excel cells -> text DuckDB casts exactly, plus what kind of value each was, so a column's
 * type is decided from every cell of the sheet (not a sample): all whole numbers -> BIGINT,
 * any fraction -> DOUBLE, all dates -> DATE (TIMESTAMP when a time is set), all TRUE/FALSE ->
 * BOOLEAN, anything mixed -> VARCHAR. Text that merely looks numeric ("00123", an account
 * number) stays text: the spreadsheet said it was text.
 */
import type { CellValue } from 'exceljs';

export type CellKind = 'integer' | 'number' | 'date' | 'datetime' | 'boolean' | 'text';

export interface SheetCell {
  kind: CellKind;
  /** Round-trips through a DuckDB cast: String(number) is the shortest exact decimal. */
  text: string;
}

/** A cell's value, or null for an empty cell, an error cell (#N/A, #DIV/0!...) or an unknown kind. */
export function readCell(value: CellValue, numFmt: string | undefined): SheetCell | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? numberCell(value) : null;
  if (typeof value === 'string') return value === '' ? null : { kind: 'text', text: value };
  if (typeof value === 'boolean') return { kind: 'boolean', text: String(value) };
  if (value instanceof Date) return dateCell(value);
  if ('error' in value) return null;
  if ('richText' in value) return readCell(value.richText.map((run) => run.text).join(''), undefined);
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    // The streaming reader leaves a formula's date result as Excel's serial day number.
    if (typeof result === 'number' && isDateFormat(numFmt)) return dateCell(excelSerialToDate(result));
    return readCell(result ?? null, undefined);
  }
  if ('text' in value) return readCell(value.text, undefined);
  return null;
}

function numberCell(n: number): SheetCell {
  return { kind: Number.isSafeInteger(n) ? 'integer' : 'number', text: String(n) };
}

function dateCell(d: Date): SheetCell | null {
  if (Number.isNaN(d.getTime())) return null;
  // exceljs builds dates in UTC from the serial number, so UTC fields are the sheet's wall clock.
  const iso = d.toISOString();
  const midnight = d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0 && d.getUTCMilliseconds() === 0;
  return midnight ? { kind: 'date', text: iso.slice(0, 10) } : { kind: 'datetime', text: `${iso.slice(0, 10)} ${iso.slice(11, 23)}` };
}

/** Serial days since 1899-12-30 (the 1900 date system, which Excel uses unless told otherwise). */
function excelSerialToDate(serial: number): Date {
  return new Date(Math.round((serial - 25569) * 86_400_000));
}

/** A number format that shows a date or time: has d/m/y/h/s outside quoted text and [colour] tags. */
export function isDateFormat(numFmt: string | undefined): boolean {
  if (numFmt === undefined || numFmt === '' || /^general$/i.test(numFmt)) return false;
  const bare = numFmt.replace(/"[^"]*"/g, '').replace(/\[[^\]]*\]/g, '').replace(/\\./g, '');
  return /[dmyhs]/i.test(bare);
}

/** Counts of each kind in one column, then the DuckDB type that holds all of them exactly. */
export class ColumnKinds {
  private readonly counts = new Map<CellKind, number>();

  add(kind: CellKind): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
  }

  duckdbType(): string {
    const kinds = new Set(this.counts.keys());
    const only = (...allowed: CellKind[]) => kinds.size > 0 && [...kinds].every((k) => allowed.includes(k));
    if (only('integer')) return 'BIGINT';
    if (only('integer', 'number')) return 'DOUBLE';
    if (only('date')) return 'DATE';
    if (only('date', 'datetime')) return 'TIMESTAMP';
    if (only('boolean')) return 'BOOLEAN';
    return 'VARCHAR';
  }
}
