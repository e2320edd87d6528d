/**
 * Portfolio indicators (组合层面预警): NPL ratio, the migration rates and concentration by region and
 * industry at one snapshot, beside their light / moderate / severe thresholds. A breach turns the
 * row red; the trend marks every snapshot that breached.
 */
import { useMemo } from 'react';
import type { PortfolioIndicatorName, WarningRules, WarningsResult } from '../../../src/api/monitoring';
import { sparklineChart } from '../../charts/monitoring-sparkline';
import { snapshotLabel } from '../../charts/monitoring-theme';
import { PlotFigure } from '../../components/PlotFigure';
import { useI18n } from '../../i18n/I18nProvider';
import { useShare } from './amount';
import { PORTFOLIO_INDICATOR_LABEL, SEVERITY_LABEL } from './labels';

/** Concentration indices read as plain numbers (0.22); the others are shares. */
const INDEX_INDICATORS: ReadonlySet<PortfolioIndicatorName> = new Set(['regionHhi', 'industryHhi']);

export function PortfolioIndicators({ result, rules, snapshot }: { result: WarningsResult; rules: WarningRules | null; snapshot: string }) {
  const { t, fmt } = useI18n();
  const share = useShare();
  const show = (name: PortfolioIndicatorName, v: number | null) =>
    v === null ? t('common.none') : INDEX_INDICATORS.has(name) ? fmt.num(v, 3) : share(v);
  const rows = useMemo(() => {
    const names = [...new Set(result.portfolio.map((p) => p.indicator))];
    return names.map((name) => {
      const series = result.portfolio.filter((p) => p.indicator === name).sort((a, b) => (a.snapshot < b.snapshot ? -1 : 1));
      return {
        name,
        now: series.find((p) => p.snapshot === snapshot) ?? null,
        rule: rules?.portfolio.find((r) => r.indicator === name && r.enabled) ?? null,
        spark: sparklineChart(
          series.map((p, i) => ({ i, value: p.value, anomaly: p.breach })),
          { width: 110, height: 26 },
        ),
      };
    });
  }, [result, rules, snapshot]);

  return (
    <section className="panel mon-card" data-testid="portfolio-indicators">
      <header className="mon-card-header">
        <h3>{t('mon.pind.title', { snapshot: snapshotLabel(snapshot) })}</h3>
      </header>
      <table className="mon-table">
        <thead>
          <tr>
            <th>{t('mon.pind.indicator')}</th>
            <th className="num">{t('mon.pind.value')}</th>
            <th className="num">{t('mon.severity.light')}</th>
            <th className="num">{t('mon.severity.moderate')}</th>
            <th className="num">{t('mon.severity.severe')}</th>
            <th>{t('mon.pind.status')}</th>
            <th>{t('mon.pind.trend')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ name, now, rule, spark }) => (
            <tr key={name} className={now?.breach ? 'mon-breach' : undefined} data-testid="pind-row" data-indicator={name} data-breach={now?.breach ? 'true' : 'false'}>
              <td>{t(PORTFOLIO_INDICATOR_LABEL[name])}</td>
              <td className="num mon-strong">{show(name, now?.value ?? null)}</td>
              <td className="num">{rule ? show(name, rule.light) : t('common.none')}</td>
              <td className="num">{rule ? show(name, rule.moderate) : t('common.none')}</td>
              <td className="num">{rule ? show(name, rule.severe) : t('common.none')}</td>
              <td>
                {now?.severity ? (
                  <span className={`mon-severity mon-severity-${now.severity}`}>{t(SEVERITY_LABEL[now.severity])}</span>
                ) : (
                  <span className="muted">{now?.value === null || !now ? t('mon.pind.noData') : t('mon.pind.ok')}</span>
                )}
              </td>
              <td>
                <PlotFigure options={spark} className="mon-spark" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
