/**
 * A trend sparkline for a table cell (the layered-risk report, KPI tiles): the indicator's values by
 * period, no axes, the latest value marked, and the periods flagged as anomalies in red.
 */
import * as Plot from '@observablehq/plot';
import { CHART_STYLE } from './theme';

export interface SparkPoint {
  /** Period index, oldest first. */
  i: number;
  value: number | null;
  anomaly: boolean;
}

export interface SparklineOptions {
  width?: number;
  height?: number;
  color?: string;
}

export const ANOMALY_COLOR = '#c8402f';

export function sparklineChart(points: readonly SparkPoint[], opts: SparklineOptions = {}): Plot.PlotOptions {
  const { width = 96, height = 26, color = '#3b6ea8' } = opts;
  const shown = points.map((p) => ({ ...p, y: p.value ?? NaN }));
  const defined = shown.filter((p) => Number.isFinite(p.y));
  const last = defined.length > 0 ? [defined[defined.length - 1]] : [];
  const lo = Math.min(...defined.map((p) => p.y), 0);
  const hi = Math.max(...defined.map((p) => p.y), lo + 1e-9);
  return {
    width,
    height,
    margin: 3,
    style: CHART_STYLE,
    x: { axis: null, domain: [0, Math.max(1, points.length - 1)] },
    // From zero when the values are all positive, so a flat-but-high line does not look like a swing.
    y: { axis: null, domain: [lo, hi] },
    marks: [
      Plot.line(shown, { x: 'i', y: 'y', stroke: color, strokeWidth: 1.3 }),
      Plot.dot(last, { x: 'i', y: 'y', r: 2, fill: color }),
      Plot.dot(
        shown.filter((p) => p.anomaly && Number.isFinite(p.y)),
        { x: 'i', y: 'y', r: 2.6, fill: ANOMALY_COLOR, stroke: '#ffffff', strokeWidth: 0.8 },
      ),
    ],
  };
}
