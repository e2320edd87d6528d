/** A text column's most frequent values, longest bar on top, counts printed at the bar ends. */
import * as Plot from '@observablehq/plot';
import { groupThousands } from './numbers';
import { CHART, CHART_STYLE } from './theme';

export interface TopValue {
  value: string;
  count: number;
}

export interface TopValuesOptions {
  width?: number;
  /** Height of one bar's row; the chart grows with the number of values. */
  rowHeight?: number;
  /** Labels longer than this are cut with an ellipsis so the bars keep their room. */
  maxLabelChars?: number;
  color?: string;
}

export function topValuesChart(top: readonly TopValue[], opts: TopValuesOptions = {}): Plot.PlotOptions {
  const { width = 280, rowHeight = 16, maxLabelChars = 14, color = CHART.bar } = opts;
  const shorten = (v: string) => (v.length > maxLabelChars ? `${v.slice(0, maxLabelChars - 1)}…` : v);
  const longest = Math.max(1, ...top.map((t) => shorten(t.value).length));
  return {
    width,
    height: Math.max(1, top.length) * rowHeight + 12,
    marginTop: 4,
    marginRight: 48,
    marginBottom: 8,
    marginLeft: Math.min(110, 10 + longest * 6.5),
    style: CHART_STYLE,
    x: { axis: null },
    // The engine already ranks the values; keep its order rather than Plot's alphabetical default.
    y: { label: null, tickSize: 0, domain: top.map((t) => t.value), tickFormat: shorten },
    marks: [
      Plot.barX(top, { x: 'count', y: 'value', fill: color, insetTop: 2, insetBottom: 2 }),
      Plot.text(top, { x: 'count', y: 'value', text: (d: TopValue) => groupThousands(d.count), textAnchor: 'start', dx: 4 }),
    ],
  };
}
