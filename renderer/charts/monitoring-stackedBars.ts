/**
 * One stacked bar per snapshot, stacked in a fixed category order (the tier mix 正常 → 损失, warning
 * counts yellow → red, collection stages early → late). Bars carry the class `drill`, so a page can
 * turn a click on a segment into "the loans behind this number".
 */
import * as Plot from '@observablehq/plot';
import { compactNumber } from './numbers';
import { sharePercent, snapshotLabel, thinTicks, ticksThatFit } from './monitoring-theme';
import { CHART, CHART_STYLE } from './theme';

export interface StackedSegment {
  /** The snapshot (or period) the bar stands for. */
  x: string;
  /** The category, one of `keys`. */
  key: string;
  value: number;
  /** Tooltip text. */
  title: string;
}

export interface StackedBarsOptions {
  keys: readonly string[];
  colors: readonly string[];
  keyLabel(key: string): string;
  /** Values are shares (0..1): the y axis reads in percent. */
  shares?: boolean;
  /** Top of the y axis (1 for bars that add up to the whole); from the data when absent. */
  yMax?: number;
  yLabel?: string | null;
  width?: number;
  height?: number;
}

export function stackedBarsChart(segments: readonly StackedSegment[], opts: StackedBarsOptions): Plot.PlotOptions {
  const { width = 640, height = 240, shares = false, yLabel = null } = opts;
  const xs = [...new Set(segments.map((s) => s.x))].sort();
  // Categories reach Plot by position, not by name: names such as "red" or "yellow" would be taken
  // for CSS colours and drawn as such, whatever the colour scale says.
  const position = new Map(opts.keys.map((k, i) => [k, i]));
  const positions = opts.keys.map((_k, i) => i);
  return {
    width,
    height,
    marginTop: 8,
    marginRight: 8,
    marginBottom: 24,
    marginLeft: 48,
    style: CHART_STYLE,
    x: {
      type: 'band',
      domain: xs,
      label: null,
      tickSize: 0,
      ticks: thinTicks(xs, ticksThatFit(width - 56, 58)),
      tickFormat: snapshotLabel,
      padding: 0.18,
    },
    y: {
      label: yLabel,
      labelAnchor: 'top',
      labelArrow: 'none',
      grid: true,
      ticks: 4,
      tickSize: 0,
      tickFormat: shares ? (d: number) => sharePercent(d, opts.yMax === 1 ? 0 : 1) : compactNumber,
      ...(opts.yMax !== undefined ? { domain: [0, opts.yMax] } : {}),
    },
    color: { type: 'ordinal', domain: positions, range: [...opts.colors], legend: true, tickFormat: (i: number) => opts.keyLabel(opts.keys[i]) },
    marks: [
      // Segments are drawn in the caller's array order, so a clicked bar's index is its index there.
      Plot.barY(segments, {
        x: 'x',
        y: 'value',
        fill: (s: StackedSegment) => position.get(s.key),
        // The explicit order keeps 正常 at the bottom of every bar, whatever the data's order.
        order: positions,
        title: 'title',
        className: 'drill',
      }),
      Plot.ruleY([0], { stroke: CHART.axis }),
    ],
  };
}
