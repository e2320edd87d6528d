/**
 * Forest variable importance as horizontal bars, most important on top: the mean decrease in Gini
 * impurity (shares summing to 1), or the test-AUC drop when a feature is shuffled, with ± one sd.
 */
import * as Plot from '@observablehq/plot';
import type { ImportanceRow } from '../../src/api/models';
import { RISK_COLOR } from './modelTheme';
import { CHART, CHART_STYLE } from './theme';

export type ImportanceMeasure = 'impurity' | 'permutation';

export interface ImportanceOptions {
  measure: ImportanceMeasure;
  width?: number;
  /** Height of one feature's row; the chart grows with the number of features shown. */
  rowHeight?: number;
  /** Features shown, most important first (default 15). */
  top?: number;
  xLabel: string;
  maxLabelChars?: number;
}

interface ImportanceBar {
  name: string;
  value: number;
  sd: number | null;
}

/** The features with a value for `measure`, most important first, cut to `top`. */
export function rankImportance(rows: readonly ImportanceRow[], measure: ImportanceMeasure, top: number): ImportanceBar[] {
  return rows
    .flatMap((r) => {
      const value = r[measure];
      return value === null ? [] : [{ name: r.name, value, sd: measure === 'permutation' ? r.permutationSd : null }];
    })
    .sort((a, b) => b.value - a.value || a.name.localeCompare(b.name))
    .slice(0, top);
}

export function importanceChart(rows: readonly ImportanceRow[], opts: ImportanceOptions): Plot.PlotOptions {
  const { measure, width = 360, rowHeight = 18, top = 15, maxLabelChars = 18 } = opts;
  const bars = rankImportance(rows, measure, top);
  const shorten = (v: string) => (v.length > maxLabelChars ? `${v.slice(0, maxLabelChars - 1)}…` : v);
  const longest = Math.max(1, ...bars.map((b) => shorten(b.name).length));
  const digits = measure === 'impurity' ? 3 : 4;
  return {
    width,
    height: Math.max(1, bars.length) * rowHeight + 44,
    marginTop: 8,
    marginRight: 52,
    marginBottom: 34,
    marginLeft: Math.min(140, 12 + longest * 6.5),
    style: CHART_STYLE,
    x: { label: opts.xLabel, labelAnchor: 'center', labelArrow: 'none', ticks: 4, grid: true },
    y: { label: null, tickSize: 0, domain: bars.map((b) => b.name), tickFormat: shorten, padding: 0.2 },
    marks: [
      Plot.barX(bars, { x: 'value', y: 'name', fill: CHART.bar }),
      ...(measure === 'permutation'
        ? [
            Plot.ruleY(
              bars.filter((b) => b.sd !== null),
              { y: 'name', x1: (b: ImportanceBar) => b.value - (b.sd ?? 0), x2: (b: ImportanceBar) => b.value + (b.sd ?? 0), stroke: RISK_COLOR.marker },
            ),
          ]
        : []),
      Plot.ruleX([0], { stroke: CHART.axis }),
      Plot.text(bars, {
        x: (b: ImportanceBar) => Math.max(b.value, b.value + (b.sd ?? 0), 0),
        y: 'name',
        text: (b: ImportanceBar) => b.value.toFixed(digits),
        textAnchor: 'start',
        dx: 4,
      }),
    ],
  };
}
