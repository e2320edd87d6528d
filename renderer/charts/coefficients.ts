/**
 * Logistic coefficients as z statistics (coefficient / standard error), one bar per term. Raw
 * coefficients live on each feature's own scale (a credit limit in yuan beside a months-overdue
 * count), so only z compares them; the dashed lines at ±1.96 are the 5% significance bounds.
 */
import * as Plot from '@observablehq/plot';
import type { CoefficientRow } from '../../src/api/models';
import { RISK_COLOR } from './modelTheme';
import { CHART, CHART_STYLE } from './theme';

export interface CoefficientOptions {
  width?: number;
  rowHeight?: number;
  xLabel: string;
  maxLabelChars?: number;
}

type CoefficientBar = Pick<CoefficientRow, 'name' | 'z' | 'feature'>;

/** The 5% two-sided critical value of the standard normal. */
export const Z_CRITICAL = 1.959963984540054;

/** Terms drawn: every coefficient but the intercept (its z says nothing about a feature), in the table's order. */
export function coefficientBars(rows: readonly CoefficientBar[]): CoefficientBar[] {
  return rows.filter((r) => r.feature !== null && Number.isFinite(r.z));
}

export function coefficientChart(rows: readonly CoefficientBar[], opts: CoefficientOptions): Plot.PlotOptions {
  const { width = 360, rowHeight = 16, maxLabelChars = 22 } = opts;
  const bars = coefficientBars(rows);
  const shorten = (v: string) => (v.length > maxLabelChars ? `${v.slice(0, maxLabelChars - 1)}…` : v);
  const longest = Math.max(1, ...bars.map((b) => shorten(b.name).length));
  const reach = Math.max(Z_CRITICAL * 1.2, ...bars.map((b) => Math.abs(b.z)));
  return {
    width,
    height: Math.max(1, bars.length) * rowHeight + 44,
    marginTop: 8,
    marginRight: 16,
    marginBottom: 34,
    marginLeft: Math.min(160, 12 + longest * 6.5),
    style: CHART_STYLE,
    x: { domain: [-reach, reach], label: opts.xLabel, labelAnchor: 'center', labelArrow: 'none', ticks: 6, grid: true },
    y: { label: null, tickSize: 0, domain: bars.map((b) => b.name), tickFormat: shorten, padding: 0.2 },
    marks: [
      // Red pushes the PD up, blue pulls it down: the same colours as bads and goods elsewhere.
      Plot.barX(bars, { x: 'z', y: 'name', fill: (b: CoefficientBar) => (b.z >= 0 ? RISK_COLOR.bad : RISK_COLOR.good) }),
      Plot.ruleX([-Z_CRITICAL, Z_CRITICAL], { stroke: RISK_COLOR.marker, strokeDasharray: '3,2', strokeOpacity: 0.7 }),
      Plot.ruleX([0], { stroke: CHART.axis }),
    ],
  };
}
