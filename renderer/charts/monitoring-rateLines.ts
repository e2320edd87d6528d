/**
 * Rates over time, one line per named series: the regulatory migration rates (迁徙率) per period,
 * or the roll-forward rates between delinquency buckets (滚动率). A missing rate (an empty base)
 * breaks its line rather than dropping to zero.
 */
import * as Plot from '@observablehq/plot';
import { sharePercent, snapshotLabel, thinTicks, ticksThatFit } from './monitoring-theme';
import { CHART, CHART_STYLE } from './theme';

export interface RatePoint {
  /** Period end (a snapshot). */
  x: string;
  series: string;
  rate: number | null;
  title: string;
}

export interface RateLinesOptions {
  series: readonly string[];
  colors: readonly string[];
  seriesLabel(key: string): string;
  yLabel?: string | null;
  width?: number;
  height?: number;
  /** A log y scale, for rates that span orders of magnitude (current → 1–30 beside 61–90 → 90+). */
  log?: boolean;
}

export function rateLinesChart(points: readonly RatePoint[], opts: RateLinesOptions): Plot.PlotOptions {
  const { width = 640, height = 240, yLabel = null, log = false } = opts;
  const xs = [...new Set(points.map((p) => p.x))].sort();
  // A log axis cannot show 0: those points sit on the floor as gaps, not as -Infinity.
  const shown = points.map((p) => ({ ...p, y: p.rate === null || (log && p.rate <= 0) ? NaN : p.rate }));
  const positive = shown.map((p) => p.y).filter((y) => Number.isFinite(y) && y > 0);
  const top = Math.max(0.01, ...shown.map((p) => (Number.isFinite(p.y) ? p.y : 0)));
  return {
    width,
    height,
    marginTop: 8,
    marginRight: 12,
    marginBottom: 24,
    marginLeft: 52,
    style: CHART_STYLE,
    x: { type: 'point', domain: xs, label: null, tickSize: 0, ticks: thinTicks(xs, ticksThatFit(width - 64, 58)), tickFormat: snapshotLabel, padding: 0.3 },
    y: log
      ? { type: 'log', domain: [Math.min(...positive, 0.001) / 1.5, 1], label: yLabel, labelAnchor: 'top', labelArrow: 'none', grid: true, ticks: 4, tickSize: 0, tickFormat: (d: number) => sharePercent(d, 2) }
      : { domain: [0, top * 1.1], label: yLabel, labelAnchor: 'top', labelArrow: 'none', grid: true, ticks: 4, tickSize: 0, tickFormat: (d: number) => sharePercent(d, 1) },
    color: { domain: [...opts.series], range: [...opts.colors], legend: true, tickFormat: opts.seriesLabel },
    marks: [
      ...(log ? [] : [Plot.ruleY([0], { stroke: CHART.axis })]),
      Plot.line(shown, { x: 'x', y: 'y', z: 'series', stroke: 'series', strokeWidth: 1.8 }),
      Plot.dot(shown, { x: 'x', y: 'y', fill: 'series', r: 2.4, title: 'title' }),
    ],
  };
}
