/**
 * Rows fetched on demand, a page at a time, and cached: the preview's data source.
 * Only pages in the latest visible range are fetched (a fast scroll through a million rows
 * does not queue every page it passed), at most two at once, and far-away pages are evicted.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Cell } from './cells';

export const PAGE_SIZE = 200;
const MAX_IN_FLIGHT = 2;
const MAX_CACHED_PAGES = 60;

export type FetchPage = (offset: number, limit: number) => Promise<Cell[][]>;

export interface PagedRows {
  getRow(index: number): readonly Cell[] | undefined;
  onVisibleRange(first: number, last: number): void;
  /** Changes whenever a page arrives. */
  version: number;
  error: unknown;
}

/** Pages to fetch for a visible range, nearest the middle first (what the user looks at). */
export function pagesToFetch(first: number, last: number, have: (page: number) => boolean): number[] {
  const p0 = Math.floor(first / PAGE_SIZE);
  const p1 = Math.floor(last / PAGE_SIZE);
  const mid = (p0 + p1) / 2;
  const out: number[] = [];
  for (let p = p0; p <= p1; p++) if (!have(p)) out.push(p);
  return out.sort((a, b) => Math.abs(a - mid) - Math.abs(b - mid));
}

/** `seed` is page 0 when the caller already has it (the first preview call also gave the row count). */
export function usePagedRows(fetchPage: FetchPage, rowCount: number, seed?: Cell[][]): PagedRows {
  const cache = useRef(new Map<number, Cell[][]>());
  const inFlight = useRef(new Set<number>());
  const failed = useRef(new Set<number>());
  const wanted = useRef<[number, number]>([0, 0]);
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<unknown>(null);

  // A new source (another table) starts from nothing; late answers for the old one are dropped.
  const generation = useRef(0);
  useEffect(() => {
    generation.current++;
    cache.current = new Map(seed ? [[0, seed]] : []);
    inFlight.current = new Set();
    failed.current = new Set();
    setError(null);
    setVersion((v) => v + 1);
  }, [fetchPage, seed]);

  const evict = useCallback(() => {
    if (cache.current.size <= MAX_CACHED_PAGES) return;
    const centre = Math.floor((wanted.current[0] + wanted.current[1]) / 2 / PAGE_SIZE);
    const byDistance = [...cache.current.keys()].sort((a, b) => Math.abs(b - centre) - Math.abs(a - centre));
    for (const p of byDistance.slice(0, cache.current.size - MAX_CACHED_PAGES)) cache.current.delete(p);
  }, []);

  const pump = useCallback(() => {
    const gen = generation.current;
    const [first, last] = wanted.current;
    const todo = pagesToFetch(first, last, (p) => cache.current.has(p) || inFlight.current.has(p) || failed.current.has(p));
    for (const page of todo) {
      if (inFlight.current.size >= MAX_IN_FLIGHT) break;
      inFlight.current.add(page);
      const offset = page * PAGE_SIZE;
      fetchPage(offset, Math.min(PAGE_SIZE, rowCount - offset)).then(
        (rows) => {
          if (gen !== generation.current) return;
          inFlight.current.delete(page);
          cache.current.set(page, rows);
          evict();
          setVersion((v) => v + 1);
          pump();
        },
        (e: unknown) => {
          if (gen !== generation.current) return;
          inFlight.current.delete(page);
          failed.current.add(page);
          setError(e);
        },
      );
    }
  }, [fetchPage, rowCount, evict]);

  const onVisibleRange = useCallback(
    (first: number, last: number) => {
      wanted.current = [first, last];
      pump();
    },
    [pump],
  );

  const getRow = useCallback((index: number) => cache.current.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], []);

  return { getRow, onVisibleRange, version, error };
}
