/**
 * What the forest relies on, measured two ways: impurity decrease (from training, biased towards
 * features with many distinct values) and permutation importance on the test set (the AUC lost when
 * a feature is shuffled), which is the one to quote.
 */
import { useCallback } from 'react';
import type { ImportanceRow } from '../../../src/api/models';
import { importanceChart } from '../../charts/index';
import { useI18n } from '../../i18n/I18nProvider';
import { ChartCard } from './ChartCard';
import { fixed } from './modelFormat';

export function ImportanceTab({ importance }: { importance: readonly ImportanceRow[] }) {
  const { t } = useI18n();
  const hasPermutation = importance.some((r) => r.permutation !== null);
  const impurity = useCallback(
    (width: number) => importanceChart(importance, { measure: 'impurity', width, xLabel: t('models.importance.impurityAxis') }),
    [importance, t],
  );
  const permutation = useCallback(
    (width: number) => importanceChart(importance, { measure: 'permutation', width, xLabel: t('models.importance.permutationAxis') }),
    [importance, t],
  );
  const ranked = [...importance].sort((a, b) => (b.permutation ?? b.impurity ?? 0) - (a.permutation ?? a.impurity ?? 0));
  return (
    <div className="importance-tab" data-testid="importance-tab">
      <div className="chart-grid">
        <ChartCard title={t('models.importance.impurity')} spec={impurity} testId="chart-importance-impurity" />
        {hasPermutation ? (
          <ChartCard title={t('models.importance.permutation')} spec={permutation} testId="chart-importance-permutation" />
        ) : (
          <section className="chart-card">
            <p className="muted">{t('models.importance.noPermutation')}</p>
          </section>
        )}
      </div>
      <table className="data-table importance-table" data-testid="importance-table">
        <thead>
          <tr>
            <th>{t('models.importance.feature')}</th>
            <th className="num">{t('models.importance.impurity')}</th>
            <th className="num">{t('models.importance.permutation')}</th>
            <th className="num">{t('models.importance.sd')}</th>
          </tr>
        </thead>
        <tbody>
          {ranked.map((r) => (
            <tr key={r.name} data-testid="importance-row">
              <th scope="row">{r.name}</th>
              <td className="num">{r.impurity === null ? t('common.none') : fixed(r.impurity, 4)}</td>
              <td className="num">{r.permutation === null ? t('common.none') : fixed(r.permutation, 4)}</td>
              <td className="num">{r.permutationSd === null ? t('common.none') : fixed(r.permutationSd, 4)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
