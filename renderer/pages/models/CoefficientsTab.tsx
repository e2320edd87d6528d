/**
 * The logistic regression as statsmodels reports it: one row per term (coef, std err, z, P>|z|, 95%
 * interval), plus the odds ratio and VIF an analyst needs to defend each variable; the fit summary
 * beside it, and the full text summary to paste into a validation report.
 */
import { useCallback } from 'react';
import type { CoefficientRow, LogisticSummary } from '../../../src/api/models';
import { coefficientChart } from '../../charts/index';
import { useI18n } from '../../i18n/I18nProvider';
import { useNotices } from '../../state/notices';
import { ChartCard } from './ChartCard';
import { coefText, fixed, pValueText, significanceMark } from './modelFormat';
import { ModelWarnings } from './ModelWarnings';

/** VIF above 10 is the usual line for harmful collinearity; above 5 is worth a look. */
function vifClass(vif: number | null): string {
  if (vif === null) return '';
  return vif >= 10 ? 'missing-high' : vif >= 5 ? 'missing-some' : '';
}

function CoefficientTable({ rows }: { rows: readonly CoefficientRow[] }) {
  const { t } = useI18n();
  return (
    <table className="data-table coef-table" data-testid="coef-table">
      <thead>
        <tr>
          <th>{t('models.coef.term')}</th>
          <th className="num">{t('models.coef.coef')}</th>
          <th className="num">{t('models.coef.stdErr')}</th>
          <th className="num">{t('models.coef.z')}</th>
          <th className="num">{t('models.coef.p')}</th>
          <th className="sig" aria-label={t('models.coef.significance')} />
          <th className="num">{t('models.coef.ciLow')}</th>
          <th className="num">{t('models.coef.ciHigh')}</th>
          <th className="num">{t('models.coef.oddsRatio')}</th>
          <th className="num">{t('models.coef.vif')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.name} data-testid="coef-row" data-term={r.name} className={r.pValue >= 0.05 ? 'weak' : ''}>
            <th scope="row" className="term" title={r.name}>
              {r.name}
            </th>
            <td className="num">{coefText(r.coef)}</td>
            <td className="num">{coefText(r.stdErr)}</td>
            <td className="num">{fixed(r.z, 3)}</td>
            <td className="num">{pValueText(r.pValue)}</td>
            <td className="sig">{significanceMark(r.pValue)}</td>
            <td className="num">{coefText(r.ciLow)}</td>
            <td className="num">{coefText(r.ciHigh)}</td>
            <td className="num">{r.feature === null ? t('common.none') : fixed(r.oddsRatio, 4)}</td>
            <td className={`num ${vifClass(r.vif)}`}>{r.vif === null ? t('common.none') : fixed(r.vif, 2)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function FitSummary({ summary, target }: { summary: LogisticSummary; target: string }) {
  const { t, fmt } = useI18n();
  const { reportError, reportSuccess } = useNotices();
  const items: { label: string; value: string; testId?: string; warn?: boolean }[] = [
    { label: t('models.fit.dependent'), value: target },
    { label: t('models.fit.rows'), value: fmt.int(summary.rows) },
    { label: t('models.fit.dfModel'), value: fmt.int(summary.dfModel) },
    { label: t('models.fit.dfResiduals'), value: fmt.int(summary.dfResiduals) },
    { label: t('models.fit.logLikelihood'), value: fmt.num(summary.logLikelihood, 2), testId: 'fit-llf' },
    { label: t('models.fit.llNull'), value: fmt.num(summary.llNull, 2) },
    { label: t('models.fit.pseudoR2'), value: fixed(summary.pseudoR2, 4) },
    { label: t('models.fit.llrP'), value: pValueText(summary.llrPValue) },
    { label: t('models.fit.aic'), value: fmt.num(summary.aic, 1) },
    { label: t('models.fit.bic'), value: fmt.num(summary.bic, 1) },
    { label: t('models.fit.iterations'), value: fmt.int(summary.iterations) },
    { label: t('models.fit.converged'), value: summary.converged ? t('models.fit.yes') : t('models.fit.no'), warn: !summary.converged },
  ];
  const refs = Object.entries(summary.referenceLevels);

  async function copy() {
    try {
      await navigator.clipboard.writeText(summary.text);
      reportSuccess('models.fit.copied');
    } catch (e) {
      reportError(e);
    }
  }

  return (
    <section className="chart-card fit-summary" data-testid="fit-summary">
      <header className="chart-card-header">
        <h3>{t('models.fit.title')}</h3>
        <button type="button" className="btn btn-small btn-quiet" data-testid="fit-copy" onClick={() => void copy()}>
          {t('models.fit.copy')}
        </button>
      </header>
      <dl className="stats fit-stats">
        {items.map((i) => (
          <div key={i.label}>
            <dt>{i.label}</dt>
            <dd data-testid={i.testId} className={i.warn ? 'missing-high' : undefined}>
              {i.value}
            </dd>
          </div>
        ))}
      </dl>
      <p className="muted small" data-testid="reference-levels">
        {refs.length === 0
          ? t('models.coef.noReference')
          : t('models.coef.reference', { levels: refs.map(([feature, level]) => `${feature} = ${level}`).join(', ') })}
      </p>
      <p className="muted small">{t('models.coef.legend')}</p>
      <details className="summary-text">
        <summary>{t('models.fit.text')}</summary>
        <pre data-testid="fit-text">{summary.text}</pre>
      </details>
    </section>
  );
}

export function CoefficientsTab({ coefficients, summary, target }: { coefficients: readonly CoefficientRow[]; summary: LogisticSummary | undefined; target: string }) {
  const { t } = useI18n();
  const chart = useCallback(
    (width: number) => coefficientChart(coefficients, { width, rowHeight: 17, xLabel: t('models.chart.zAxis') }),
    [coefficients, t],
  );
  return (
    <div className="coef-tab" data-testid="coefficients-tab">
      <ModelWarnings warnings={summary?.warnings ?? []} testId="fit-warnings" />
      <div className="coef-layout">
        <div className="coef-main panel-inner">
          <CoefficientTable rows={coefficients} />
        </div>
        <div className="coef-side">
          {summary && <FitSummary summary={summary} target={target} />}
          <ChartCard title={t('models.chart.zTitle')} spec={chart} testId="chart-coefficients" />
        </div>
      </div>
    </div>
  );
}
