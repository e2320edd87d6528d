/**
 * Calibration: each PD group's mean predicted PD against the bad rate it really had. On the diagonal
 * the PDs can be taken at face value (provisions, pricing); above it the model underestimates risk.
 */
import * as Plot from '@observablehq/plot';
import type { CalibrationRow } from '../../src/api/models';
import { percentTick, RISK_COLOR } from './modelTheme';
import { CHART_STYLE } from './theme';

export interface CalibrationOptions {
  width?: number;
  height?: number;
  xLabel: string;
  yLabel: string;
}

type CalibrationPoint = Pick<CalibrationRow, 'group' | 'meanPd' | 'observedRate' | 'count'>;

/** A square domain from 0 that holds every point with a little room, so the diagonal is at 45 degrees. */
export function calibrationDomain(rows: readonly CalibrationPoint[]): [number, number] {
  const top = Math.max(0.01, ...rows.map((r) => Math.max(r.meanPd, r.observedRate)));
  return [0, Math.min(1, top * 1.08)];
}

export function calibrationChart(rows: readonly CalibrationPoint[], opts: CalibrationOptions): Plot.PlotOptions {
  const { width = 360, height = 300 } = opts;
  const domain = calibrationDomain(rows);
  const ordered = [...rows].sort((a, b) => a.meanPd - b.meanPd);
  return {
    width,
    height,
    marginTop: 10,
    marginRight: 14,
    marginBottom: 36,
    marginLeft: 46,
    style: CHART_STYLE,
    x: { domain, label: opts.xLabel, labelAnchor: 'center', labelArrow: 'none', ticks: 5, tickFormat: percentTick, grid: true },
    y: { domain, label: opts.yLabel, labelAnchor: 'center', labelArrow: 'none', ticks: 5, tickFormat: percentTick, grid: true },
    marks: [
      Plot.line([[domain[0], domain[0]], [domain[1], domain[1]]], { stroke: RISK_COLOR.reference, strokeDasharray: '4,3' }),
      Plot.line(ordered, { x: 'meanPd', y: 'observedRate', stroke: RISK_COLOR.test, strokeWidth: 1.2, strokeOpacity: 0.6 }),
      Plot.dot(ordered, { x: 'meanPd', y: 'observedRate', r: 3.5, fill: RISK_COLOR.test, stroke: '#fff', strokeWidth: 0.8 }),
    ],
  };
}
