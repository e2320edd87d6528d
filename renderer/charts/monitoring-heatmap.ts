/**
 * The migration matrix as a heatmap: tiers at the start down the side, tiers at the end (and
 * "exited") across the top, each cell shaded by its row share. A square-root colour scale keeps
 * the small off-diagonal shares visible next to a 97% diagonal: those are the loans that moved.
 */
import * as Plot from '@observablehq/plot';
import { sharePercent } from './monitoring-theme';
import { CHART_STYLE } from './theme';

export interface HeatCell {
  from: string;
  to: string;
  /** Row share, 0..1; null when the row is empty. */
  share: number | null;
  title: string;
}

export interface HeatmapOptions {
  rows: readonly string[];
  columns: readonly string[];
  rowLabel(key: string): string;
  columnLabel(key: string): string;
  xLabel: string;
  yLabel: string;
  width?: number;
  /** Height of one row of cells. */
  rowHeight?: number;
}

/** Text on a cell: its share, or a dash for an empty row. */
export function cellText(c: HeatCell): string {
  return c.share === null ? '–' : c.share === 0 ? '0' : c.share < 0.0005 ? '<0.1%' : sharePercent(c.share, 1);
}

/** Cells dark enough to need white text. */
export function isDarkCell(c: HeatCell): boolean {
  return c.share !== null && c.share >= 0.35;
}

/** Break a long column label at the space nearest its middle, so neighbours do not run into each other. */
export function wrapLabel(text: string, maxChars: number): string {
  if (text.length <= maxChars || !text.includes(' ')) return text;
  const mid = text.length / 2;
  let best = -1;
  for (let i = text.indexOf(' '); i >= 0; i = text.indexOf(' ', i + 1)) if (best < 0 || Math.abs(i - mid) < Math.abs(best - mid)) best = i;
  return `${text.slice(0, best)}\n${text.slice(best + 1)}`;
}

export function migrationHeatmapChart(cells: readonly HeatCell[], opts: HeatmapOptions): Plot.PlotOptions {
  const { width = 560, rowHeight = 34 } = opts;
  const longestRow = Math.max(...opts.rows.map((r) => opts.rowLabel(r).length), 2);
  // Room for the row names (Chinese ones are two-wide: generous for 次级, fits "Special mention") and the y label above them.
  const marginLeft = Math.min(170, Math.max(22 + longestRow * 7, 10 + opts.yLabel.length * 6));
  const cellChars = Math.floor((width - marginLeft - 8) / opts.columns.length / 6.2);
  return {
    width,
    height: opts.rows.length * rowHeight + 70,
    marginTop: 58,
    marginRight: 8,
    marginBottom: 8,
    marginLeft,
    style: CHART_STYLE,
    x: {
      domain: [...opts.columns],
      axis: 'top',
      label: opts.xLabel,
      labelAnchor: 'center',
      labelArrow: 'none',
      tickFormat: (k: string) => wrapLabel(opts.columnLabel(k), cellChars),
      tickSize: 0,
      padding: 0.04,
    },
    y: { domain: [...opts.rows], label: opts.yLabel, labelAnchor: 'top', labelArrow: 'none', tickFormat: opts.rowLabel, tickSize: 0, padding: 0.06 },
    color: { type: 'sqrt', scheme: 'blues', domain: [0, 1] },
    marks: [
      Plot.cell(cells, {
        x: 'to',
        y: 'from',
        // An empty row has no share: drawn in the background colour, still there to say "no loans".
        fill: (c: HeatCell) => c.share ?? 0,
        inset: 0.5,
        title: 'title',
        className: 'drill',
      }),
      // Two constant-colour labels rather than a fill channel, which would go through the blues scale.
      ...[true, false].map((dark) =>
        Plot.text(cells, {
          filter: (c: HeatCell) => isDarkCell(c) === dark,
          x: 'to',
          y: 'from',
          text: cellText,
          fill: dark ? '#ffffff' : '#1d2733',
          fontSize: 11,
          // Clicks pass through the label to the cell under it.
          pointerEvents: 'none',
        }),
      ),
    ],
  };
}
