/**
 * The layered-risk report (风险分层报告): customers in layers A 优质 / B 关注 / C 高风险, and for each
 * layer the twelve core indicators of one period, their change on the period before, a trend over
 * all periods, and anomalies (unusual against the layer's own history) marked in red.
 */
import { useMemo, useState } from 'react';
import { LAYER_INDICATORS, LAYERS, type Layer, type LayerIndicator, type LayerReport } from '../../../src/api/monitoring';
import { sparklineChart } from '../../charts/monitoring-sparkline';
import { LAYER_COLORS } from '../../charts/monitoring-theme';
import { PlotFigure } from '../../components/PlotFigure';
import { useI18n } from '../../i18n/I18nProvider';
import { useAmount, useShare } from './amount';
import { DeskRulesDialog } from './DeskRulesDialog';
import { EngineNotes } from './EngineNotes';
import { LAYER_INDICATOR_LABEL, LAYER_LABEL } from './labels';
import { OpStatus } from './OpStatus';
import { STALE_AFTER_DESK_RULES, useOp, useOpStore } from './opStore';
import { useScope } from './scope';
import { Toggle } from './Toggle';

const COUNT_INDICATORS: ReadonlySet<LayerIndicator> = new Set(['count']);
const AMOUNT_INDICATORS: ReadonlySet<LayerIndicator> = new Set(['balance', 'expectedLoss']);

export function LayersTab() {
  const { t } = useI18n();
  const { panel, ruleSet, info } = useScope();
  const [period, setPeriod] = useState<'month' | 'week'>('month');
  const [editing, setEditing] = useState(false);
  const store = useOpStore();
  // No rules, LGD or thresholds in the arguments: the engine reads the saved desk rules.
  const h = useOp('monitoring.layers', { panel, ruleSet, period });
  return (
    <div className="mon-tab" data-testid="mon-layers">
      <section className="panel mon-card">
        <header className="mon-card-header">
          <h3>{t('mon.layers.title')}</h3>
          <span className="muted small">{t('mon.layers.hint')}</span>
          <span className="spacer" />
          <Toggle
            value={period}
            options={[
              { value: 'month', label: 'mon.layers.month' },
              { value: 'week', label: 'mon.layers.week' },
            ]}
            onChange={setPeriod}
            labelKey="mon.layers.period"
            testId="layers-period"
          />
          <button type="button" className="btn btn-small" onClick={() => setEditing(true)} data-testid="desk-rules-open">
            {t('mon.desk.open')}
          </button>
        </header>
        {editing && (
          <DeskRulesDialog
            info={info}
            onClose={() => setEditing(false)}
            onSaved={() => {
              setEditing(false);
              store.forget(STALE_AFTER_DESK_RULES);
            }}
          />
        )}
        <OpStatus handle={h} running="mon.run.layers" testId="layers" />
        {h.result && h.result.periods.length > 0 && <LayerTable report={h.result} />}
        {h.result && !info.fields.includes('pd') && <p className="muted small">{t('mon.layers.noPd')}</p>}
        {h.result && <EngineNotes notes={h.result.notes} />}
      </section>
    </div>
  );
}

interface LayerCell {
  value: number | null;
  change: number | null;
  anomaly: boolean;
  spark: ReturnType<typeof sparklineChart>;
}

function LayerTable({ report }: { report: LayerReport }) {
  const { t, fmt } = useI18n();
  const amount = useAmount();
  const share = useShare();
  const [picked, setPicked] = useState<string | null>(null);
  const period = picked !== null && report.periods.includes(picked) ? picked : report.periods[report.periods.length - 1];

  const cells = useMemo(() => {
    const out = new Map<string, LayerCell>();
    for (const layer of LAYERS) {
      const rows = report.layers.filter((l) => l.layer === layer);
      for (const indicator of LAYER_INDICATORS) {
        const series = report.periods.map((p) => rows.find((r) => r.period === p)?.indicators.find((i) => i.indicator === indicator) ?? null);
        const now = series[report.periods.indexOf(period)];
        out.set(`${layer}|${indicator}`, {
          value: now?.value ?? null,
          change: now?.change ?? null,
          anomaly: now?.anomaly ?? false,
          spark: sparklineChart(
            series.map((v, i) => ({ i, value: v?.value ?? null, anomaly: v?.anomaly ?? false })),
            { width: 84, height: 24, color: LAYER_COLORS[layer] },
          ),
        });
      }
    }
    return out;
  }, [report, period]);

  const show = (indicator: LayerIndicator, v: number | null, signed = false): string => {
    if (v === null) return t('common.none');
    const sign = signed && v > 0 ? '+' : '';
    if (COUNT_INDICATORS.has(indicator)) return sign + fmt.int(v);
    if (AMOUNT_INDICATORS.has(indicator)) return sign + amount(v);
    return signed ? t('mon.kpi.ppSigned', { n: `${sign}${fmt.num(v * 100, 2)}` }) : share(v, indicator === 'provisionCoverage' ? 1 : 2);
  };

  return (
    <>
      <div className="toolbar mon-layer-toolbar">
        <label className="mon-field">
          <span>{t('mon.layers.periodEnd')}</span>
          <select className="input input-small" value={period} onChange={(e) => setPicked(e.target.value)} data-testid="layers-period-pick">
            {[...report.periods].reverse().map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <span className="mon-anomaly-key">
          <span className="mon-anomaly-dot" />
          {t('mon.layers.anomaly')}
        </span>
      </div>
      <div className="mon-table-scroll">
        <table className="mon-table mon-layer-table" data-testid="layer-table">
          <thead>
            <tr>
              <th rowSpan={2}>{t('mon.layers.indicator')}</th>
              {LAYERS.map((layer: Layer) => (
                <th key={layer} colSpan={3} className="mon-layer-head" data-layer={layer}>
                  {t(LAYER_LABEL[layer])}
                </th>
              ))}
            </tr>
            <tr>
              {LAYERS.map((layer) => [
                <th key={`${layer}-v`} className="num">
                  {t('mon.layers.value')}
                </th>,
                <th key={`${layer}-c`} className="num">
                  {t('mon.layers.change')}
                </th>,
                <th key={`${layer}-t`}>{t('mon.layers.trend')}</th>,
              ])}
            </tr>
          </thead>
          <tbody>
            {LAYER_INDICATORS.map((indicator) => (
              <tr key={indicator} data-indicator={indicator}>
                <td>{t(LAYER_INDICATOR_LABEL[indicator])}</td>
                {LAYERS.map((layer) => {
                  const c = cells.get(`${layer}|${indicator}`);
                  if (!c) return null;
                  return [
                    <td key={`${layer}-v`} className={c.anomaly ? 'num mon-anomaly' : 'num'} data-testid={c.anomaly ? 'layer-anomaly' : undefined} title={c.anomaly ? t('mon.layers.anomaly') : undefined}>
                      {show(indicator, c.value)}
                    </td>,
                    <td key={`${layer}-c`} className="num muted">
                      {show(indicator, c.change, true)}
                    </td>,
                    <td key={`${layer}-t`} className="mon-spark-cell">
                      <PlotFigure options={c.spark} className="mon-spark" testId="layer-spark" />
                    </td>,
                  ];
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
