/**
 * A grid that stays smooth through millions of rows: fixed row height, only the visible rows
 * (plus a small overscan) are in the DOM, and rows come from `getRow`, which may not have them yet.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import type { Cell, GridColumn } from './cells';
import { HEADER_HEIGHT, ROW_HEIGHT, ROW_NUMBER_WIDTH, visibleWindow } from './window';

export interface VirtualGridProps {
  columns: readonly GridColumn[];
  rowCount: number;
  getRow(index: number): readonly Cell[] | undefined;
  /** Told which rows are on screen, so missing ones can be fetched. */
  onVisibleRange?(first: number, last: number): void;
  /** Bumped by the owner when new rows arrive, to redraw. */
  version?: number;
  testId?: string;
}

export function VirtualGrid({ columns, rowCount, getRow, onVisibleRange, version = 0, testId }: VirtualGridProps) {
  const { t, fmt } = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(600);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    setViewportHeight(el.clientHeight);
    const ro = new ResizeObserver(() => setViewportHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const { first, last, spacerHeight, shift } = visibleWindow(rowCount, scrollTop, viewportHeight);

  useEffect(() => {
    if (rowCount > 0) onVisibleRange?.(first, last);
  }, [first, last, rowCount, onVisibleRange]);

  const totalWidth = ROW_NUMBER_WIDTH + columns.reduce((s, c) => s + c.width, 0);
  const rows = [];
  for (let i = first; i <= last && rowCount > 0; i++) {
    const row = getRow(i);
    rows.push(
      <div
        key={i}
        className={i % 2 ? 'grid-row odd' : 'grid-row'}
        style={{ top: i * ROW_HEIGHT + shift, width: totalWidth }}
        data-row={i}
        role="row"
      >
        <span className="grid-cell grid-rownum" style={{ width: ROW_NUMBER_WIDTH }} role="rowheader">
          {fmt.int(i + 1)}
        </span>
        {columns.map((c, j) => {
          const v = row?.[j];
          const cls = `grid-cell${c.numeric ? ' num' : ''}${v === null ? ' null' : ''}`;
          return (
            <span key={j} className={cls} style={{ width: c.width }} role="gridcell" title={v ?? undefined}>
              {row === undefined ? <span className="grid-loading" /> : v === null ? t('grid.null') : v}
            </span>
          );
        })}
      </div>,
    );
  }

  return (
    <div
      ref={scroller}
      className="grid"
      tabIndex={0}
      role="grid"
      aria-rowcount={rowCount}
      data-testid={testId}
      data-version={version}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div className="grid-header" style={{ width: totalWidth, height: HEADER_HEIGHT }} role="row">
        <span className="grid-cell grid-rownum" style={{ width: ROW_NUMBER_WIDTH }} />
        {columns.map((c) => (
          <span key={c.name} className={c.numeric ? 'grid-cell num' : 'grid-cell'} style={{ width: c.width }} role="columnheader" title={`${c.name} · ${c.type}`}>
            <span className="grid-colname">{c.name}</span>
            <span className="grid-coltype">{c.type}</span>
          </span>
        ))}
      </div>
      <div className="grid-body" style={{ height: spacerHeight, width: totalWidth }}>
        {rows}
      </div>
    </div>
  );
}
