/**
 * The pure half of the rule editors' row lists (warning rules, layer rules, LGD per product, case
 * allocation, per-product day limits): moving and removing rows, fresh ids, the problems a form
 * check finds in a row, and where an engine `bad_input` error points (`details.field`).
 */
import type { ErrorShape } from '../../../src/api/errors';
import type { MessageKey } from '../../i18n/catalog';

/** Every edited row carries a key of its own, so React keeps its inputs (and focus) when rows move. */
export interface Keyed {
  key: string;
}

let lastKey = 0;
export function rowKey(): string {
  lastKey += 1;
  return `row${lastKey}`;
}

/** The rows with `index` swapped with its neighbour above (-1) or below (+1); unchanged at the ends. */
export function moveRow<R>(rows: readonly R[], index: number, delta: -1 | 1): R[] {
  const to = index + delta;
  const out = [...rows];
  if (index < 0 || index >= rows.length || to < 0 || to >= rows.length) return out;
  [out[index], out[to]] = [out[to], out[index]];
  return out;
}

export function removeRow<R>(rows: readonly R[], index: number): R[] {
  return rows.filter((_, i) => i !== index);
}

export function replaceRow<R>(rows: readonly R[], index: number, row: R): R[] {
  return rows.map((r, i) => (i === index ? row : r));
}

/** `prefix_1`, `prefix_2`, ...: the first not taken (rule ids become column names, so plain words). */
export function uniqueId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) if (!used.has(`${prefix}_${n}`)) return `${prefix}_${n}`;
}

/** What is wrong with one row: the field to mark (null: the row as a whole) and the message. */
export interface RowProblem<L extends string = string> {
  list: L;
  row: number;
  field: string | null;
  problem: MessageKey;
}

export type FormCheck<T, L extends string = string> = { ok: true; value: T } | { ok: false; problems: RowProblem<L>[] };

/** A field as typed: a finite number, or null for text that is not one (blank included). */
export function parseNumber(text: string): number | null {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** An optional number: blank means "not set" (undefined); text that is not a number is null. */
export function parseOptional(text: string): number | undefined | null {
  return text.trim() === '' ? undefined : parseNumber(text);
}

/** A number as the form shows it; absent as blank. */
export function numberText(n: number | undefined): string {
  return n === undefined ? '' : String(n);
}

/** Where an engine error points: `loan[2]`, `allocation[0]`, `lgd.card`, `thresholds.count`. */
export interface FieldLocation {
  list: string;
  row: number | null;
  key: string | null;
}

const FIELD = /^([A-Za-z]\w*)(?:\[(\d+)\])?(?:\.(.+))?$/;

export function fieldLocation(error: ErrorShape): FieldLocation | null {
  const field = error.kind === 'bad_input' ? error.details?.field : undefined;
  const m = typeof field === 'string' ? FIELD.exec(field) : null;
  if (!m) return null;
  return { list: m[1], row: m[2] === undefined ? null : Number(m[2]), key: m[3] ?? null };
}

/** An engine error placed on a row of the editor, or left for the dialog's foot when it names none. */
export interface PlacedError<L extends string = string> {
  list: L;
  row: number;
  message: string;
}
