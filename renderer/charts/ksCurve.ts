/**
 * The KS curve: cumulative shares of bads and of goods flagged as the cut-off walks down from the
 * riskiest account, against the share of all accounts flagged. KS is the widest gap; it is marked.
 */
import * as Plot from '@observablehq/plot';
import { cornerLegend, percentTick, RISK_COLOR } from './modelTheme';
import { CHART_STYLE } from './theme';

export interface KsPoint {
  pd: number;
  cumBad: number;
  cumGood: number;
}

export interface KsOptions {
  /** Bads and goods in the sample: turn the two cumulative shares into the share of accounts flagged. */
  bads: number;
  goods: number;
  width?: number;
  height?: number;
  xLabel: string;
  yLabel: string;
  badLabel: string;
  goodLabel: string;
  /** Text beside the marked peak, e.g. "KS 36.8%". */
  peakLabel: string;
}

export interface KsPeak {
  flagged: number;
  cumBad: number;
  cumGood: number;
  gap: number;
}

/** Share of accounts flagged at each point of the curve. */
export function flaggedShare(p: KsPoint, bads: number, goods: number): number {
  const total = bads + goods;
  return total > 0 ? (p.cumBad * bads + p.cumGood * goods) / total : 0;
}

/** The point of widest separation between the two curves (the first one, on ties). */
export function ksPeak(curve: readonly KsPoint[], bads: number, goods: number): KsPeak | null {
  let best: KsPeak | null = null;
  for (const p of curve) {
    const gap = p.cumBad - p.cumGood;
    if (!best || gap > best.gap) best = { flagged: flaggedShare(p, bads, goods), cumBad: p.cumBad, cumGood: p.cumGood, gap };
  }
  return best;
}

export function ksChart(curve: readonly KsPoint[], opts: KsOptions): Plot.PlotOptions {
  const { width = 360, height = 300, bads, goods } = opts;
  const rows = [{ flagged: 0, cumBad: 0, cumGood: 0 }, ...curve.map((p) => ({ flagged: flaggedShare(p, bads, goods), cumBad: p.cumBad, cumGood: p.cumGood }))];
  const peak = ksPeak(curve, bads, goods);
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
    marks: [
      Plot.line(rows, { x: 'flagged', y: 'cumBad', stroke: RISK_COLOR.bad, strokeWidth: 1.8 }),
      Plot.line(rows, { x: 'flagged', y: 'cumGood', stroke: RISK_COLOR.good, strokeWidth: 1.8 }),
      ...(peak
        ? [
            Plot.ruleX([peak], { x: 'flagged', y1: 'cumGood', y2: 'cumBad', stroke: RISK_COLOR.marker, strokeWidth: 1.5, strokeDasharray: '3,2' }),
            Plot.dot([peak], { x: 'flagged', y: 'cumBad', r: 3, fill: RISK_COLOR.marker }),
            Plot.text([peak], {
              x: 'flagged',
              y: (d: KsPeak) => (d.cumBad + d.cumGood) / 2,
              text: () => opts.peakLabel,
              dx: 6,
              textAnchor: 'start',
              fill: RISK_COLOR.marker,
              fontWeight: 600,
            }),
          ]
        : []),
      ...cornerLegend(
        [
          { label: opts.badLabel, color: RISK_COLOR.bad },
          { label: opts.goodLabel, color: RISK_COLOR.good },
        ],
        'bottom-right',
      ),
    ],
  };
}
