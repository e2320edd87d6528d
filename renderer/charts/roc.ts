/**
 * ROC curves: true-positive rate (bads caught) against false-positive rate (goods flagged), with the
 * chance diagonal. Several curves share the square: train and test of one model, or models compared.
 */
import * as Plot from '@observablehq/plot';
import { cornerLegend, percentTick, RISK_COLOR } from './modelTheme';
import { CHART_STYLE } from './theme';

export interface RocCurve {
  /** Legend text, e.g. "Test · AUC 0.724". */
  label: string;
  color: string;
  points: readonly { fpr: number; tpr: number }[];
}

export interface RocOptions {
  width?: number;
  height?: number;
  xLabel: string;
  yLabel: string;
}

interface RocPoint {
  curve: string;
  fpr: number;
  tpr: number;
}

export function rocChart(curves: readonly RocCurve[], opts: RocOptions): Plot.PlotOptions {
  const { width = 360, height = 300 } = opts;
  // One long table with the curve's label as the series, drawn in ascending FPR so a thinned curve never doubles back.
  const points: RocPoint[] = curves.flatMap((c) =>
    [...c.points].sort((a, b) => a.fpr - b.fpr || a.tpr - b.tpr).map((p) => ({ curve: c.label, fpr: p.fpr, tpr: p.tpr })),
  );
  return {
    width,
    height,
    marginTop: 10,
    marginRight: 14,
    marginBottom: 36,
    marginLeft: 46,
    style: CHART_STYLE,
    x: { domain: [0, 1], label: opts.xLabel, labelAnchor: 'center', labelArrow: 'none', ticks: 5, tickFormat: percentTick, grid: true },
    y: { domain: [0, 1], label: opts.yLabel, labelAnchor: 'center', labelArrow: 'none', ticks: 5, tickFormat: percentTick, grid: true },
    color: { domain: curves.map((c) => c.label), range: curves.map((c) => c.color) },
    marks: [
      Plot.line([[0, 0], [1, 1]], { stroke: RISK_COLOR.reference, strokeDasharray: '4,3' }),
      Plot.line(points, { x: 'fpr', y: 'tpr', z: 'curve', stroke: 'curve', strokeWidth: 1.8 }),
      ...cornerLegend(curves, 'bottom-right'),
    ],
  };
}
