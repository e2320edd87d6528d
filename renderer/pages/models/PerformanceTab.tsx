/**
 * Discrimination at a glance: ROC of train and test together (over-fitting shows as a gap), and for
 * one sample the KS curve with its peak, the score distribution of goods and bads, and the confusion matrix.
 */
import { useCallback } from 'react';
import type { TrainResult } from '../../../src/api/models';
import { ksChart, RISK_COLOR, rocChart, scoreDistributionChart } from '../../charts/index';
import { useI18n } from '../../i18n/I18nProvider';
import { ChartCard } from './ChartCard';
import { ConfusionMatrix } from './ConfusionMatrix';
import { fixed, shareText } from './modelFormat';

export function PerformanceTab({ result, sample }: { result: TrainResult; sample: 'train' | 'test' }) {
  const { t, fmt } = useI18n();
  const { train, test } = result.metrics;
  const m = sample === 'test' && test ? test : train;

  const roc = useCallback(
    (width: number) =>
      rocChart(
        [
          { label: t('models.chart.rocTrain', { auc: fixed(train.auc, 4) }), color: RISK_COLOR.train, points: train.roc },
          ...(test ? [{ label: t('models.chart.rocTest', { auc: fixed(test.auc, 4) }), color: RISK_COLOR.test, points: test.roc }] : []),
        ],
        { width, height: Math.min(320, Math.max(220, width * 0.75)), xLabel: t('models.chart.fpr'), yLabel: t('models.chart.tpr') },
      ),
    [t, fmt, train, test],
  );
  const ks = useCallback(
    (width: number) =>
      ksChart(m.ksCurve, {
        bads: m.bads,
        goods: m.rows - m.bads,
        width,
        height: Math.min(320, Math.max(220, width * 0.75)),
        xLabel: t('models.chart.flagged'),
        yLabel: t('models.chart.cumShare'),
        badLabel: t('models.chart.bads'),
        goodLabel: t('models.chart.goods'),
        peakLabel: t('models.chart.ksPeak', { ks: shareText(m.ks) }),
      }),
    [t, fmt, m],
  );
  const scores = useCallback(
    (width: number) =>
      scoreDistributionChart(m.scoreDistribution, {
        width,
        height: 260,
        xLabel: t('models.chart.score'),
        yLabel: t('models.chart.shareOfGroup'),
        goodLabel: t('models.chart.goods'),
        badLabel: t('models.chart.bads'),
        marker: { score: m.ksScore, label: t('models.chart.ksCut', { score: fmt.int(Math.round(m.ksScore)) }) },
      }),
    [t, fmt, m],
  );

  return (
    <div className="chart-grid" data-testid="performance-tab">
      <ChartCard title={t('models.chart.rocTitle')} spec={roc} testId="chart-roc" />
      <ChartCard title={t('models.chart.ksTitle')} spec={ks} testId="chart-ks" note={sample === 'test' ? t('models.sample.test') : t('models.sample.train')} />
      <ChartCard title={t('models.chart.scoreTitle')} spec={scores} testId="chart-scores" note={sample === 'test' ? t('models.sample.test') : t('models.sample.train')} />
      <ConfusionMatrix confusion={m.confusion} />
    </div>
  );
}
