/**
 * What the model charts share: the colours of goods, bads, train and test (the same in every chart,
 * so an analyst reads them once), percent axes, and a small legend drawn inside the plot frame.
 */
import * as Plot from '@observablehq/plot';
import { CHART } from './theme';

export const RISK_COLOR = {
  bad: '#c4512b',
  good: CHART.bar,
  test: CHART.bar,
  train: '#97a9bf',
  /** Reference lines: the chance diagonal, perfect calibration, lift 1. */
  reference: '#aab4bf',
  marker: '#1d2733',
} as const;

/** Models on one chart (compare view), in the order they are listed. */
export const SERIES_COLORS = ['#2a5f9e', '#c4512b', '#17704a', '#7b4bb7', '#b8860b', '#0e7490', '#8a3b5e', '#5b6b7a'] as const;

export function seriesColor(i: number): string {
  return SERIES_COLORS[i % SERIES_COLORS.length];
}

/** 0.25 -> "25%"; finer steps keep one decimal (0.125 -> "12.5%"). */
export function percentTick(d: number): string {
  return `${Number((d * 100).toFixed(1))}%`;
}

export interface LegendItem {
  label: string;
  color: string;
}

/**
 * One text line per item, stacked into a corner of the frame, so the legend sits where the data is
 * not (the lower right of a ROC curve, the upper right of a score histogram) and stays part of the SVG.
 */
export function cornerLegend(items: readonly LegendItem[], corner: 'top-right' | 'bottom-right' | 'top-left'): Plot.Markish[] {
  const fromTop = corner.startsWith('top');
  const right = corner.endsWith('right');
  return items.map((item, i) =>
    Plot.text([`— ${item.label}`], {
      text: (d: string) => d,
      frameAnchor: corner,
      dx: right ? -6 : 6,
      dy: fromTop ? 6 + i * 14 : -6 - (items.length - 1 - i) * 14,
      textAnchor: right ? 'end' : 'start',
      fill: item.color,
      fontWeight: 600,
    }),
  );
}
