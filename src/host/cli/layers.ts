/**
 * `vigil layers [--period month|week]`: the layered-risk report (风险分层报告). Printed for the latest
 * period: the twelve core indicators of layers A (good), B (watch) and C (high risk), with a "!"
 * where the value is an anomaly; --json gives every period.
 */
import { LAYER_INDICATORS, LAYERS, type LayerIndicator, type LayerReport } from '../../api/monitoring';
import { choiceOption, type CliCommand } from './command';
import { formatCount, formatTable } from './format';
import { amount, choosePanel, PANEL_OPTIONS, pct } from './monitoring-options';

const INDICATOR_NAME: Record<LayerIndicator, string> = {
  count: 'loans',
  balance: 'balance',
  bookShare: 'share of book',
  overdue30Rate: '30+ overdue rate',
  overdue90Rate: '90+ overdue rate',
  nplRatio: 'NPL ratio',
  migrationRate: 'migration rate',
  rollTo90Rate: 'roll rate to 90+',
  recoveryRate: 'recovery rate',
  averagePd: 'average PD',
  expectedLoss: 'expected loss',
  provisionCoverage: 'provision coverage',
};

const LAYER_HEADER = { A: 'A good', B: 'B watch', C: 'C high risk' } as const;

function indicatorText(indicator: LayerIndicator, v: number | null): string {
  if (v === null) return '';
  if (indicator === 'count') return formatCount(v);
  if (indicator === 'balance' || indicator === 'expectedLoss') return amount(v);
  return pct(v);
}

export function layersText(r: LayerReport): string {
  const period = r.periods[r.periods.length - 1];
  if (period === undefined) return `Panel ${r.panel} has no period to report.`;
  const rows = LAYER_INDICATORS.map((indicator) => [
    INDICATOR_NAME[indicator],
    ...LAYERS.map((layer) => {
      const v = r.layers.find((l) => l.layer === layer && l.period === period)?.indicators.find((i) => i.indicator === indicator);
      return v ? `${indicatorText(indicator, v.value)}${v.anomaly ? ' !' : '  '}` : '';
    }),
  ]);
  const table = formatTable([{ header: 'indicator' }, ...LAYERS.map((l) => ({ header: LAYER_HEADER[l], right: true }))], rows);
  return [
    `Layered-risk report of panel ${r.panel}, period ending ${period} (${r.periods.length} periods; "!" marks an anomaly against the layer's history).`,
    table,
    ...(r.notes.length ? [r.notes.map((n) => `Note: ${n}`).join('\n')] : []),
  ].join('\n\n');
}

export const layersCommand: CliCommand = {
  name: 'layers',
  params: '',
  summary: 'Layered-risk report: 12 core indicators for layers A, B and C per period, anomalies marked.',
  arity: { min: 0, max: 0 },
  options: {
    period: { type: 'string', value: 'month|week', description: 'Reporting period (default month).' },
    ...PANEL_OPTIONS,
  },
  async run({ options, call }) {
    const period = choiceOption(options, 'period', ['month', 'week'] as const) ?? 'month';
    const { args } = await choosePanel(options, call);
    const report = await call('monitoring.layers', { ...args, period });
    return { json: { ...report, period }, text: layersText(report) };
  },
};
