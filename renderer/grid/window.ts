/**
 * The grid's geometry, kept apart from React so it can be reasoned about and tested.
 * Browsers cap an element's height (~33M px in Chromium), so past MAX_SCROLL_PX the scrollbar
 * maps proportionally onto the rows instead of one pixel per pixel.
 */
export const ROW_HEIGHT = 26;
export const HEADER_HEIGHT = 40;
export const OVERSCAN = 10;
export const MAX_SCROLL_PX = 8_000_000;
export const ROW_NUMBER_WIDTH = 72;

/** Which rows to draw for a scroll position, and the offset that places them inside the scrolled spacer. */
export function visibleWindow(rowCount: number, scrollTop: number, viewportHeight: number) {
  const fullHeight = rowCount * ROW_HEIGHT;
  const spacerHeight = Math.min(fullHeight, MAX_SCROLL_PX);
  const rowsViewport = Math.max(0, viewportHeight - HEADER_HEIGHT);
  const scrollRange = spacerHeight - rowsViewport;
  // Where the top of the viewport is in "all rows" pixels.
  const virtualTop =
    fullHeight <= MAX_SCROLL_PX || scrollRange <= 0
      ? scrollTop
      : (Math.min(scrollTop, scrollRange) / scrollRange) * (fullHeight - rowsViewport);
  const first = Math.max(0, Math.floor(virtualTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rowCount - 1, Math.ceil((virtualTop + rowsViewport) / ROW_HEIGHT) + OVERSCAN);
  // Offset that turns a row's "all rows" position into a position inside the spacer.
  const shift = scrollTop - virtualTop;
  return { first, last, spacerHeight, shift };
}

