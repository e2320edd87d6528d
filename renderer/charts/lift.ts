/**
 * Lift by decile, riskiest tenth first: how many times the average bad rate each tenth holds (bars)
 * and the cumulative lift down to it (line). A model with no skill sits on the line at 1. The values
 * themselves are in the gains table beside the chart.
 */
import * as Plot from '@observablehq/plot';
import type { GainsRow } from '../../src/api/models';
import { cornerLegend, RISK_COLOR } from './modelTheme';
import { CHART, CHART_STYLE } from './theme';

export interface LiftOptions {
  width?: number;
  height?: number;
  xLabel: string;
  yLabel: string;
  liftLabel: string;
  cumLiftLabel: string;
}

type LiftRow = Pick<GainsRow, 'decile' | 'lift' | 'cumLift'>;

export function liftChart(gains: readonly LiftRow[], opts: LiftOptions): Plot.PlotOptions {
  const { width = 360, height = 260 } = opts;
  const top = Math.max(1, ...gains.map((g) => Math.max(g.lift, g.cumLift)));
  return {
    width,
    height,
    marginTop: 16,
    marginRight: 14,
    marginBottom: 36,
    marginLeft: 40,
    style: CHART_STYLE,
    x: { type: 'band', domain: gains.map((g) => g.decile), label: opts.xLabel, labelAnchor: 'center', labelArrow: 'none', tickSize: 0, padding: 0.2 },
    y: { domain: [0, top * 1.12], label: opts.yLabel, labelAnchor: 'center', labelArrow: 'none', ticks: 4, grid: true },
    marks: [
      Plot.barY(gains, { x: 'decile', y: 'lift', fill: CHART.bar, fillOpacity: 0.75 }),
      Plot.ruleY([1], { stroke: RISK_COLOR.reference, strokeDasharray: '4,3' }),
      Plot.line(gains, { x: 'decile', y: 'cumLift', stroke: RISK_COLOR.bad, strokeWidth: 1.8 }),
      Plot.dot(gains, { x: 'decile', y: 'cumLift', r: 2.5, fill: RISK_COLOR.bad }),
      Plot.ruleY([0], { stroke: CHART.axis }),
      ...cornerLegend(
        [
          { label: opts.liftLabel, color: CHART.bar },
          { label: opts.cumLiftLabel, color: RISK_COLOR.bad },
        ],
        'top-right',
      ),
    ],
  };
}
