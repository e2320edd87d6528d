/**
 * The figures a validator asks for first, train beside test (and cross-validation when run): AUC with
 * its DeLong interval, KS and where it peaks, Gini, Brier, log loss, Hosmer–Lemeshow; and beside them
 * the population stability of the PD from train to test and, for forests, the out-of-bag AUC.
 */
import type { ReactNode } from 'react';
import type { MetricSet, TrainResult } from '../../../src/api/models';
import { useI18n } from '../../i18n/I18nProvider';
import { fixed, pClause, psiLevel, psiLevelText, shareText } from './modelFormat';

type Column = { key: 'train' | 'test'; set: MetricSet };

export function HeadlineMetrics({ result }: { result: TrainResult }) {
  const { t, fmt } = useI18n();
  const { train, test, cv } = result.metrics;
  const columns: Column[] = [{ key: 'train', set: train }, ...(test ? [{ key: 'test' as const, set: test }] : [])];
  const f4 = (x: number) => fixed(x, 4);
  const pm = (mean: number, sd: number) => `${f4(mean)} ± ${f4(sd)}`;

  const rows: { id: string; label: string; cell(m: MetricSet): ReactNode; cv?: string }[] = [
    { id: 'rows', label: t('models.metric.rows'), cell: (m) => fmt.int(m.rows) },
    { id: 'bads', label: t('models.metric.bads'), cell: (m) => `${fmt.int(m.bads)} (${shareText(m.badRate)})` },
    {
      id: 'auc',
      label: t('models.metric.auc'),
      cell: (m) => (
        <>
          <strong>{f4(m.auc)}</strong>
          <small className="ci">{`[${f4(m.aucCi[0])}, ${f4(m.aucCi[1])}]`}</small>
        </>
      ),
      cv: cv ? pm(cv.aucMean, cv.aucSd) : undefined,
    },
    {
      id: 'ks',
      label: t('models.metric.ks'),
      cell: (m) => (
        <>
          {f4(m.ks)}
          <small className="ci">{t('models.metric.ksAt', { score: fmt.int(Math.round(m.ksScore)) })}</small>
        </>
      ),
      cv: cv ? pm(cv.ksMean, cv.ksSd) : undefined,
    },
    { id: 'gini', label: t('models.metric.gini'), cell: (m) => f4(m.gini), cv: cv ? pm(cv.giniMean, cv.giniSd) : undefined },
    { id: 'brier', label: t('models.metric.brier'), cell: (m) => f4(m.brier) },
    { id: 'logloss', label: t('models.metric.logLoss'), cell: (m) => f4(m.logLoss) },
    {
      id: 'hl',
      label: t('models.metric.hosmerLemeshow'),
      cell: (m) =>
        m.hosmerLemeshow.statistic === null
          ? t('common.none')
          : `${fmt.num(m.hosmerLemeshow.statistic, 2)} (${pClause(m.hosmerLemeshow.pValue)})`,
    },
  ];

  const psi = result.psi;
  return (
    <div className="headline" data-testid="headline-metrics">
      <table className="data-table metrics-table">
        <thead>
          <tr>
            <th>{t('models.metric.metric')}</th>
            {columns.map((c) => (
              <th key={c.key} className="num">
                {c.key === 'train' ? t('models.sample.train') : t('models.sample.test')}
              </th>
            ))}
            {cv && <th className="num">{t('models.metric.cv', { k: cv.folds })}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-metric={r.id}>
              <th scope="row">{r.label}</th>
              {columns.map((c) => (
                <td key={c.key} className="num" data-testid={`metric-${c.key}-${r.id}`}>
                  {r.cell(c.set)}
                </td>
              ))}
              {cv && <td className="num">{r.cv ?? ''}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="facts">
        <div>
          <dt>{t('models.fact.psi')}</dt>
          <dd data-testid="fact-psi">
            {psi === null ? (
              t('common.none')
            ) : (
              <>
                {fixed(psi, 4)}
                <span className={`badge psi-${psiLevel(psi)}`}>{psiLevelText(psiLevel(psi), t)}</span>
              </>
            )}
          </dd>
        </div>
        {result.oobAuc !== undefined && (
          <div>
            <dt>{t('models.fact.oobAuc')}</dt>
            <dd data-testid="fact-oob-auc">{result.oobAuc === null ? t('common.none') : f4(result.oobAuc)}</dd>
          </div>
        )}
        <div>
          <dt>{t('models.fact.cutoff')}</dt>
          <dd>{shareText(result.cutoff, 2)}</dd>
        </div>
        <div>
          <dt>{t('models.fact.scaling')}</dt>
          <dd>{t('models.fact.scalingText', { base: result.scaling.baseScore, odds: result.scaling.baseOdds, pdo: result.scaling.pdo })}</dd>
        </div>
      </dl>
    </div>
  );
}
