/**
 * Whether the PDs can be taken at face value: mean predicted PD against the observed bad rate per
 * group, the Hosmer–Lemeshow test over those groups, and the expected against the observed bads.
 */
import { useCallback } from 'react';
import type { MetricSet } from '../../../src/api/models';
import { calibrationChart } from '../../charts/index';
import { useI18n } from '../../i18n/I18nProvider';
import { ChartCard } from './ChartCard';
import { pClause, shareText } from './modelFormat';

export function CalibrationTab({ metrics }: { metrics: MetricSet }) {
  const { t, fmt } = useI18n();
  const hl = metrics.hosmerLemeshow;
  const chart = useCallback(
    (width: number) =>
      calibrationChart(metrics.calibration, {
        width,
        height: Math.min(340, Math.max(240, width * 0.8)),
        xLabel: t('models.chart.meanPd'),
        yLabel: t('models.chart.observed'),
      }),
    [metrics.calibration, t],
  );
  return (
    <div className="split-tab" data-testid="calibration-tab">
      <div>
        <p className="hl-line" data-testid="hosmer-lemeshow">
          {hl.statistic === null
            ? t('models.calibration.hlNone')
            : t('models.calibration.hl', { stat: fmt.num(hl.statistic, 2), df: hl.df, p: pClause(hl.pValue) })}
        </p>
        <table className="data-table" data-testid="calibration-table">
          <thead>
            <tr>
              <th className="num">{t('models.calibration.group')}</th>
              <th className="num">{t('models.calibration.count')}</th>
              <th className="num">{t('models.calibration.meanPd')}</th>
              <th className="num">{t('models.calibration.observed')}</th>
              <th className="num">{t('models.calibration.expectedBads')}</th>
              <th className="num">{t('models.calibration.observedBads')}</th>
            </tr>
          </thead>
          <tbody>
            {metrics.calibration.map((r) => (
              <tr key={r.group}>
                <td className="num">{fmt.int(r.group)}</td>
                <td className="num">{fmt.int(r.count)}</td>
                <td className="num">{shareText(r.meanPd, 2)}</td>
                <td className="num">{shareText(r.observedRate, 2)}</td>
                <td className="num">{fmt.num(r.expectedBads, 1)}</td>
                <td className="num">{fmt.int(r.observedBads)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ChartCard title={t('models.chart.calibrationTitle')} spec={chart} testId="chart-calibration" />
    </div>
  );
}
