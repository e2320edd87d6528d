/**
 * Vintage curves (账龄分析): for each origination cohort, the cumulative share of loans that have
 * ever been 30+ (or 90+) days past due, by months on book. Cohorts are coloured old → new along one
 * ramp, so a newer book deteriorating faster than an older one shows as a warmer line above a cooler one.
 * The points carry the class `drill`: each one is "the loans of this cohort that had gone bad by then".
 */
import * as Plot from '@observablehq/plot';
import { sharePercent } from './monitoring-theme';
import { CHART, CHART_STYLE } from './theme';

export interface VintagePointDatum {
  cohort: string;
  /** Position of the cohort in age order (0 = oldest), for the colour ramp. */
  cohortIndex: number;
  mob: number;
  rate: number;
  title: string;
}

export interface VintageOptions {
  /** Cohort labels in age order (oldest first). */
  cohorts: readonly string[];
  xLabel: string;
  yLabel?: string | null;
  width?: number;
  height?: number;
}

/**
 * Plot hands a scale's options to its legend, so the legend's own margins and width can ride along;
 * its typings know the scale options only.
 */
function rampLegendScale(o: Plot.ScaleOptions & { marginLeft: number; marginRight: number; width: number }): Plot.ScaleOptions {
  return o;
}

export function vintageChart(points: readonly VintagePointDatum[], opts: VintageOptions): Plot.PlotOptions {
  const { width = 640, height = 280, yLabel = null } = opts;
  const n = Math.max(1, opts.cohorts.length);
  const maxMob = Math.max(1, ...points.map((p) => p.mob));
  const top = Math.max(0.005, ...points.map((p) => p.rate));
  // A handful of cohort names under the ramp: the oldest, the newest and a few between.
  const legendTicks = n <= 6 ? opts.cohorts.map((_c, i) => i) : [0, Math.round((n - 1) / 3), Math.round((2 * (n - 1)) / 3), n - 1];
  return {
    width,
    height,
    marginTop: 8,
    marginRight: 14,
    marginBottom: 36,
    marginLeft: 52,
    style: CHART_STYLE,
    x: { domain: [0, maxMob], label: opts.xLabel, labelAnchor: 'center', labelArrow: 'none', ticks: Math.min(maxMob, 12), tickSize: 3 },
    y: { domain: [0, top * 1.1], label: yLabel, labelAnchor: 'top', labelArrow: 'none', grid: true, ticks: 5, tickSize: 0, tickFormat: (d: number) => sharePercent(d, 1) },
    color: rampLegendScale({
      type: 'linear',
      scheme: 'turbo',
      // turbo's ends are near black and near maroon: blue to red reads better and matches the caption.
      range: [0.1, 0.92],
      domain: [0, n - 1 || 1],
      legend: true,
      label: null,
      ticks: legendTicks,
      tickFormat: (i: number) => opts.cohorts[Math.round(i)] ?? '',
      // Room at both ends for the first and last cohort names, centred on the ramp's ends.
      marginLeft: 28,
      marginRight: 28,
      width: Math.min(380, width),
    }),
    marks: [
      Plot.ruleY([0], { stroke: CHART.axis }),
      Plot.line(points, { x: 'mob', y: 'rate', z: 'cohort', stroke: 'cohortIndex', strokeWidth: 1.4, strokeOpacity: 0.9 }),
      Plot.dot(points, { x: 'mob', y: 'rate', fill: 'cohortIndex', r: 2.2, title: 'title', className: 'drill' }),
    ],
  };
}
