/** The data grid's pure parts: Arrow bytes to display cells, column widths, scroll geometry, page choice. */
import { Bool, DateDay, Float64, Int32, Int64, Table, tableToIPC, Utf8, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { decodeRows, gridColumns, isNumericType } from '../../../renderer/grid/cells';
import { PAGE_SIZE, pagesToFetch } from '../../../renderer/grid/usePagedRows';
import { HEADER_HEIGHT, MAX_SCROLL_PX, OVERSCAN, ROW_HEIGHT, visibleWindow } from '../../../renderer/grid/window';

describe('decodeRows', () => {
  it('turns Arrow IPC stream bytes into row-major display cells, keeping NULL apart from empty text', () => {
    const table = new Table({
      id: vectorFromArray([1, 2, 3], new Int32()),
      big: vectorFromArray([9007199254740993n, -5n, null], new Int64()),
      rate: vectorFromArray([0.1 + 0.2, 12.5, null], new Float64()),
      opened: vectorFromArray([new Date('2024-01-31T00:00:00Z'), null, new Date('1999-12-01T00:00:00Z')], new DateDay()),
      name: vectorFromArray(['张三', '', null], new Utf8()),
      bad: vectorFromArray([true, false, null], new Bool()),
    });
    const rows = decodeRows(tableToIPC(table, 'stream'));
    expect(rows).toEqual([
      ['1', '9007199254740993', '0.3', '2024-01-31', '张三', 'true'],
      ['2', '-5', '12.5', null, '', 'false'],
      ['3', null, null, '1999-12-01', null, null],
    ]);
  });

  it('decodes an empty result to no rows', () => {
    const table = new Table({ id: vectorFromArray([], new Int32()) });
    expect(decodeRows(tableToIPC(table, 'stream'))).toEqual([]);
  });
});

describe('gridColumns', () => {
  it('right-aligns numbers and sizes columns by type and name, within bounds', () => {
    const cols = gridColumns([
      { name: 'ID', type: 'BIGINT' },
      { name: 'SEX', type: 'VARCHAR' },
      { name: 'snapshot_date', type: 'DATE' },
      { name: 'a_very_long_column_name_that_goes_on_and_on_for_a_long_while', type: 'DOUBLE' },
      { name: 'amount', type: 'DECIMAL(18,2)' },
    ]);
    expect(cols.map((c) => c.numeric)).toEqual([true, false, false, true, true]);
    expect(cols[0].width).toBe(96);
    expect(cols[1].width).toBe(168);
    expect(cols[2].width).toBeGreaterThanOrEqual(104);
    expect(cols[3].width).toBe(320);
  });

  it('knows DuckDB numeric type names', () => {
    for (const t of ['TINYINT', 'INTEGER', 'HUGEINT', 'UBIGINT', 'DOUBLE', 'FLOAT', 'DECIMAL(10,2)']) expect(isNumericType(t), t).toBe(true);
    for (const t of ['VARCHAR', 'DATE', 'TIMESTAMP', 'BOOLEAN', 'INTERVAL']) expect(isNumericType(t), t).toBe(false);
  });
});

describe('visibleWindow', () => {
  const viewport = HEADER_HEIGHT + 20 * ROW_HEIGHT; // room for exactly 20 rows

  it('draws the rows on screen plus the overscan, one pixel of scroll per pixel for small tables', () => {
    const w = visibleWindow(1000, 100 * ROW_HEIGHT, viewport);
    expect(w.first).toBe(100 - OVERSCAN);
    expect(w.last).toBe(120 + OVERSCAN);
    expect(w.spacerHeight).toBe(1000 * ROW_HEIGHT);
    expect(w.shift).toBe(0);
  });

  it('clamps at both ends', () => {
    expect(visibleWindow(5, 0, viewport)).toMatchObject({ first: 0, last: 4 });
    expect(visibleWindow(0, 0, viewport).last).toBe(-1);
  });

  it('maps the capped scrollbar proportionally so the last of a million rows is reachable', () => {
    const rows = 1_000_000;
    const top = visibleWindow(rows, 0, viewport);
    expect(top.spacerHeight).toBe(MAX_SCROLL_PX);
    expect(top.first).toBe(0);
    const maxScroll = MAX_SCROLL_PX - (viewport - HEADER_HEIGHT);
    const end = visibleWindow(rows, maxScroll, viewport);
    expect(end.last).toBe(rows - 1);
    // The last row sits at the bottom of the spacer, where the viewport is.
    expect((rows - 1) * ROW_HEIGHT + end.shift + ROW_HEIGHT).toBeCloseTo(MAX_SCROLL_PX, 6);
    const middle = visibleWindow(rows, maxScroll / 2, viewport);
    expect(Math.abs(middle.first + OVERSCAN - (rows - 20) / 2)).toBeLessThanOrEqual(1);
  });
});

describe('pagesToFetch', () => {
  it('asks only for missing pages of the visible range, nearest the middle first', () => {
    const have = new Set([11]);
    const pages = pagesToFetch(10 * PAGE_SIZE + 5, 13 * PAGE_SIZE + 5, (p) => have.has(p));
    expect(pages.sort()).toEqual([10, 12, 13]);
    expect(pagesToFetch(10 * PAGE_SIZE, 14 * PAGE_SIZE, () => false)[0]).toBe(12);
    expect(pagesToFetch(0, 50, () => true)).toEqual([]);
  });
});
