/** The gains table by decile of PD (riskiest first) with its lift chart: the view collections teams plan capacity with. */
import { useCallback } from 'react';
import type { MetricSet } from '../../../src/api/models';
import { liftChart } from '../../charts/index';
import { useI18n } from '../../i18n/I18nProvider';
import { ChartCard } from './ChartCard';
import { fixed, shareText } from './modelFormat';

export function GainsTab({ metrics }: { metrics: MetricSet }) {
  const { t, fmt } = useI18n();
  const chart = useCallback(
    (width: number) =>
      liftChart(metrics.gains, {
        width,
        height: 280,
        xLabel: t('models.chart.decile'),
        yLabel: t('models.chart.lift'),
        liftLabel: t('models.chart.lift'),
        cumLiftLabel: t('models.chart.cumLift'),
      }),
    [metrics.gains, t],
  );
  return (
    <div className="split-tab" data-testid="gains-tab">
      <table className="data-table gains-table" data-testid="gains-table">
        <thead>
          <tr>
            <th className="num">{t('models.gains.decile')}</th>
            <th className="num">{t('models.gains.count')}</th>
            <th className="num">{t('models.gains.bads')}</th>
            <th className="num">{t('models.gains.badRate')}</th>
            <th className="num">{t('models.gains.pdRange')}</th>
            <th className="num">{t('models.gains.cumBadCapture')}</th>
            <th className="num">{t('models.gains.cumGoodCapture')}</th>
            <th className="num">{t('models.gains.lift')}</th>
            <th className="num">{t('models.gains.cumLift')}</th>
          </tr>
        </thead>
        <tbody>
          {metrics.gains.map((g) => (
            <tr key={g.decile} data-testid="gains-row">
              <td className="num">{fmt.int(g.decile)}</td>
              <td className="num">{fmt.int(g.count)}</td>
              <td className="num">{fmt.int(g.bads)}</td>
              <td className="num">{shareText(g.badRate)}</td>
              <td className="num">{`${shareText(g.minPd)} – ${shareText(g.maxPd)}`}</td>
              <td className="num">{shareText(g.cumBadCapture)}</td>
              <td className="num">{shareText(g.cumGoodCapture)}</td>
              <td className="num">{fixed(g.lift, 2)}</td>
              <td className="num">{fixed(g.cumLift, 2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ChartCard title={t('models.chart.liftTitle')} spec={chart} testId="chart-lift" />
    </div>
  );
}
