/** The confusion matrix at the cut-off PD: bads caught and missed, goods flagged and passed, and the usual rates. */
import type { ConfusionMatrix as Confusion } from '../../../src/api/models';
import { useI18n } from '../../i18n/I18nProvider';
import { shareText } from './modelFormat';

export function ConfusionMatrix({ confusion }: { confusion: Confusion }) {
  const { t, fmt } = useI18n();
  const c = confusion;
  const rates: { label: string; value: number | null }[] = [
    { label: t('models.confusion.precision'), value: c.precision },
    { label: t('models.confusion.recall'), value: c.recall },
    { label: t('models.confusion.specificity'), value: c.specificity },
    { label: t('models.confusion.accuracy'), value: c.accuracy },
    { label: t('models.confusion.f1'), value: c.f1 },
  ];
  return (
    <section className="chart-card" data-testid="confusion">
      <header className="chart-card-header">
        <h3>{t('models.confusion.title')}</h3>
        <span className="muted small">{t('models.confusion.cutoff', { cutoff: shareText(c.cutoff, 2) })}</span>
      </header>
      <table className="confusion-table">
        <thead>
          <tr>
            <th />
            <th>{t('models.confusion.predictedBad')}</th>
            <th>{t('models.confusion.predictedGood')}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{t('models.confusion.actualBad')}</th>
            <td className="hit" data-testid="confusion-tp">
              {fmt.int(c.tp)}
              <small>{t('models.confusion.tp')}</small>
            </td>
            <td className="miss">
              {fmt.int(c.fn)}
              <small>{t('models.confusion.fn')}</small>
            </td>
          </tr>
          <tr>
            <th scope="row">{t('models.confusion.actualGood')}</th>
            <td className="miss">
              {fmt.int(c.fp)}
              <small>{t('models.confusion.fp')}</small>
            </td>
            <td className="hit">
              {fmt.int(c.tn)}
              <small>{t('models.confusion.tn')}</small>
            </td>
          </tr>
        </tbody>
      </table>
      <dl className="stats rates">
        {rates.map((r) => (
          <div key={r.label}>
            <dt>{r.label}</dt>
            <dd>{shareText(r.value)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
