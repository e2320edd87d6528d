/**
 * The flow-rate waterfall: for each step current → 1–30 → 31–60 → 61–90 → 90+, the pooled share of
 * balance that rolls one bucket forward (the bar), and under it the chained share of today's current
 * balance that reaches that bucket (the "cumulative" loss flow an analyst multiplies out by hand).
 */
import * as Plot from '@observablehq/plot';
import { sharePercent } from './monitoring-theme';
import { CHART, CHART_STYLE } from './theme';

export interface FlowStep {
  /** e.g. "current → 1–30". */
  step: string;
  rate: number | null;
  cumulative: number | null;
}

export interface WaterfallOptions {
  /** "cumulative {x}" with the share filled in, in the user's language. */
  cumulativeText(share: string): string;
  yLabel?: string | null;
  width?: number;
  height?: number;
  color?: string;
}

export function flowWaterfallChart(steps: readonly FlowStep[], opts: WaterfallOptions): Plot.PlotOptions {
  const { width = 420, height = 240, yLabel = null, color = '#c8402f' } = opts;
  const bars = steps.map((s) => ({ ...s, y: s.rate ?? 0 }));
  return {
    width,
    height,
    marginTop: 22,
    marginRight: 8,
    marginBottom: 54,
    marginLeft: 48,
    style: CHART_STYLE,
    x: { domain: steps.map((s) => s.step), label: null, tickSize: 0, padding: 0.3 },
    y: { domain: [0, 1], label: yLabel, labelAnchor: 'top', labelArrow: 'none', grid: true, ticks: 4, tickSize: 0, tickFormat: (d: number) => sharePercent(d, 0) },
    marks: [
      Plot.barY(bars, { x: 'step', y: 'y', fill: color, fillOpacity: 0.85 }),
      Plot.text(bars, { x: 'step', y: 'y', text: (s: FlowStep) => (s.rate === null ? '–' : sharePercent(s.rate, 1)), dy: -8, fontWeight: 600 }),
      // The chained share sits below the axis labels, under its own step.
      Plot.text(bars, {
        x: 'step',
        y: 0,
        text: (s: FlowStep) => (s.cumulative === null ? '' : opts.cumulativeText(sharePercent(s.cumulative, 3))),
        dy: 44,
        fill: '#6b7785',
      }),
      Plot.ruleY([0], { stroke: CHART.axis }),
    ],
  };
}
