/** A numeric column's distribution: one bar per bin the engine computed, drawn edge to edge. */
import * as Plot from '@observablehq/plot';
import type { HistogramBin } from '../../src/api/workspace';
import { compactNumber } from './numbers';
import { CHART, CHART_STYLE } from './theme';

export interface HistogramOptions {
  width?: number;
  height?: number;
  color?: string;
}

export function histogramChart(bins: readonly HistogramBin[], opts: HistogramOptions = {}): Plot.PlotOptions {
  const { width = 280, height = 110, color = CHART.bar } = opts;
  return {
    width,
    height,
    marginTop: 8,
    marginRight: 10,
    marginBottom: 22,
    marginLeft: 38,
    style: CHART_STYLE,
    x: { label: null, ticks: 4, tickFormat: compactNumber, tickSize: 3 },
    y: { label: null, ticks: 3, tickFormat: compactNumber, tickSize: 0, grid: true },
    marks: [
      Plot.rectY(bins, { x1: 'x0', x2: 'x1', y: 'count', fill: color, insetLeft: 0.5, insetRight: 0.5 }),
      Plot.ruleY([0], { stroke: CHART.axis }),
    ],
  };
}
