/**
 * Scores of goods and of bads, each as a share of its own group (bads are the minority: in counts
 * their histogram would be a sliver). The less the two overlap, the better the model separates them.
 */
import * as Plot from '@observablehq/plot';
import { cornerLegend, percentTick, RISK_COLOR } from './modelTheme';
import { CHART, CHART_STYLE } from './theme';
import { compactNumber } from './numbers';

export interface ScoreBin {
  x0: number;
  x1: number;
  goods: number;
  bads: number;
}

export interface ScoreDistributionOptions {
  width?: number;
  height?: number;
  xLabel: string;
  yLabel: string;
  goodLabel: string;
  badLabel: string;
  /** A score to mark with a vertical rule (the KS cut-off), and its label. */
  marker?: { score: number; label: string };
}

export interface ScoreShareBin {
  x0: number;
  x1: number;
  outcome: 'good' | 'bad';
  share: number;
}

/** Each bin's goods and bads as shares of all goods and all bads. */
export function scoreShares(bins: readonly ScoreBin[]): ScoreShareBin[] {
  const goods = bins.reduce((s, b) => s + b.goods, 0);
  const bads = bins.reduce((s, b) => s + b.bads, 0);
  return bins.flatMap((b) => [
    { x0: b.x0, x1: b.x1, outcome: 'good' as const, share: goods > 0 ? b.goods / goods : 0 },
    { x0: b.x0, x1: b.x1, outcome: 'bad' as const, share: bads > 0 ? b.bads / bads : 0 },
  ]);
}

export function scoreDistributionChart(bins: readonly ScoreBin[], opts: ScoreDistributionOptions): Plot.PlotOptions {
  const { width = 360, height = 260, marker } = opts;
  const shares = scoreShares(bins);
  const color = (outcome: ScoreShareBin['outcome']) => (outcome === 'bad' ? RISK_COLOR.bad : RISK_COLOR.good);
  return {
    width,
    height,
    marginTop: 10,
    marginRight: 14,
    marginBottom: 36,
    marginLeft: 46,
    style: CHART_STYLE,
    x: { label: opts.xLabel, labelAnchor: 'center', labelArrow: 'none', ticks: 6, tickFormat: compactNumber },
    // Headroom above the tallest bar keeps the legend and the cut-off label off the bars.
    y: { domain: [0, Math.max(0.01, ...shares.map((s) => s.share)) * 1.3], label: opts.yLabel, labelAnchor: 'center', labelArrow: 'none', ticks: 4, tickFormat: percentTick, grid: true },
    marks: [
      // Goods first, bads over them: the overlap shows as the blend of the two.
      ...(['good', 'bad'] as const).map((outcome) =>
        Plot.rectY(
          shares.filter((s) => s.outcome === outcome),
          { x1: 'x0', x2: 'x1', y: 'share', fill: color(outcome), fillOpacity: 0.55, insetLeft: 0.5, insetRight: 0.5 },
        ),
      ),
      Plot.ruleY([0], { stroke: CHART.axis }),
      ...(marker
        ? [
            Plot.ruleX([marker.score], { stroke: RISK_COLOR.marker, strokeDasharray: '3,2' }),
            Plot.text([marker.score], { x: (d: number) => d, text: () => marker.label, frameAnchor: 'top', dx: 4, dy: 4, textAnchor: 'start', fill: RISK_COLOR.marker }),
          ]
        : []),
      ...cornerLegend(
        [
          { label: opts.goodLabel, color: RISK_COLOR.good },
          { label: opts.badLabel, color: RISK_COLOR.bad },
        ],
        'top-right',
      ),
    ],
  };
}
