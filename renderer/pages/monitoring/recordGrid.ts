/**
 * Rows the engine returns as plain objects (the loans behind a drilled number, the watchlist) made
 * into the virtual grid's shape: fixed column widths from the names and values, cells as text.
 */
import type { Cell, GridColumn } from '../../grid/cells';

/** Whole numbers as they are (ids, days past due), amounts and shares with at most four decimals. */
function cellText(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toFixed(4)));
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return JSON.stringify(v);
}

export function recordColumns(rows: readonly Record<string, unknown>[]): GridColumn[] {
  const names = rows.length > 0 ? Object.keys(rows[0]) : [];
  return names.map((name) => {
    const sample = rows.find((r) => r[name] !== null && r[name] !== undefined)?.[name];
    const numeric = typeof sample === 'number';
    const type = numeric ? (rows.every((r) => r[name] === null || Number.isInteger(r[name])) ? 'BIGINT' : 'DOUBLE') : typeof sample === 'boolean' ? 'BOOLEAN' : 'VARCHAR';
    const longest = Math.max(name.length, ...rows.slice(0, 200).map((r) => (cellText(r[name]) ?? '').length));
    return { name, type, numeric, width: Math.min(280, Math.max(numeric ? 92 : 104, Math.ceil(longest * 7.2) + 24)) };
  });
}

export function recordCells(rows: readonly Record<string, unknown>[], columns: readonly GridColumn[]): Cell[][] {
  return rows.map((r) => columns.map((c) => cellText(r[c.name])));
}
