/**
 * Two or more saved models on the very same rows: their metrics side by side, DeLong's test of each
 * pair's AUC difference (paired: the models see the same loans), and their ROC curves on one chart.
 */
import { useCallback, useState } from 'react';
import { toErrorShape, type ErrorShape } from '../../../src/api/errors';
import type { CompareResult, ModelSummary } from '../../../src/api/models';
import { useApi } from '../../api/ApiProvider';
import { rocChart, seriesColor, type RocCurve } from '../../charts/index';
import { ErrorDetails } from '../../components/ErrorDetails';
import { Icon } from '../../components/Icon';
import { ProgressBar } from '../../components/ProgressBar';
import { useI18n } from '../../i18n/I18nProvider';
import { useJob, useJobs } from '../../state/jobs';
import { ChartCard } from './ChartCard';
import { fixed, kindText, modelLabel, pValueText } from './modelFormat';
import { ModelWarnings } from './ModelWarnings';

interface Comparison {
  result: CompareResult;
  /** What was asked: the analyst's condition, or the first model's own test set. */
  where: string | null;
  first: ModelSummary;
  /** Each model's ROC on its own test set (the registry keeps those curves), in the result's order. */
  curves: RocCurve[];
}

export function CompareView({
  models,
  selected,
  onToggle,
}: {
  models: readonly ModelSummary[];
  selected: ReadonlySet<string>;
  onToggle(id: string, on: boolean): void;
}) {
  const { t, fmt } = useI18n();
  const api = useApi();
  const jobs = useJobs();
  const [where, setWhere] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useJob(jobId);
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [error, setError] = useState<ErrorShape | null>(null);
  // In the registry's order (newest first): the engine compares on the first model's test set unless told otherwise.
  const ids = models.filter((m) => selected.has(m.id)).map((m) => m.id);

  async function compare() {
    const first = models.find((m) => m.id === ids[0]);
    if (!first) return;
    const condition = where.trim() === '' ? null : where.trim();
    setError(null);
    const started = jobs.start('models.compare', { ids, ...(condition === null ? {} : { testWhere: condition }) });
    setJobId(started.jobId);
    try {
      const result = await started.result;
      const details = await Promise.all(result.models.map((m) => api.call('models.get', { id: m.id })));
      const curves = details.map((d, i) => {
        const set = d.metrics.test ?? d.metrics.train;
        return { label: t('models.compare.rocLabel', { name: modelLabel(d.model, t), auc: fixed(set.auc, 4) }), color: seriesColor(i), points: set.roc };
      });
      setComparison({ result, curves, where: condition, first });
    } catch (e) {
      const shape = toErrorShape(e);
      if (shape.kind !== 'cancelled') setError(shape);
    } finally {
      setJobId(null);
    }
  }

  const roc = useCallback(
    (width: number) => rocChart(comparison?.curves ?? [], { width, height: Math.min(360, Math.max(240, width * 0.75)), xLabel: t('models.chart.fpr'), yLabel: t('models.chart.tpr') }),
    [comparison, t],
  );
  const c = comparison;
  const r = c?.result ?? null;
  /** The rows in the analyst's language, from what was asked (the engine's own wording stays in the tooltip). */
  const rowsDescription = (asked: Comparison): string => {
    if (asked.where !== null) return t('models.compare.rowsWhere', { where: asked.where });
    const v = asked.first.validation;
    const name = modelLabel(asked.first, t);
    if (v.kind === 'where') return t('models.compare.rowsFirstWhere', { name, where: v.testWhere });
    if (v.kind === 'random') return t('models.compare.rowsFirstSplit', { name, pct: fmt.num(v.testFraction * 100, 1), seed: asked.first.seed });
    return t('models.compare.rowsAll');
  };
  const nameOf = (id: string) => {
    const m = r?.models.find((x) => x.id === id);
    return m ? modelLabel(m, t) : id;
  };

  return (
    <div className="compare" data-testid="compare-view">
      <aside className="compare-picker panel">
        <h3>{t('models.compare.pick')}</h3>
        <ul>
          {models.map((m) => (
            <li key={m.id}>
              <label className="check">
                <input type="checkbox" data-testid="compare-pick" data-name={m.name} data-kind={m.kind} checked={selected.has(m.id)} disabled={jobId !== null} onChange={(e) => onToggle(m.id, e.target.checked)} />
                <span>
                  {modelLabel(m, t)}
                  <small>{`${kindText(m.kind, t)} · ${m.table} · ${m.testAuc === null ? t('common.none') : fixed(m.testAuc, 4)}`}</small>
                </span>
              </label>
            </li>
          ))}
        </ul>
        <label className="field-stack">
          <span className="form-label">{t('models.compare.rows')}</span>
          <input className="input input-code" data-testid="compare-where" spellCheck={false} placeholder={t('models.compare.rowsPlaceholder')} value={where} disabled={jobId !== null} onChange={(e) => setWhere(e.target.value)} />
        </label>
        {jobId ? (
          <div className="job-inline" data-testid="compare-progress">
            <ProgressBar done={job?.done ?? 0} total={job?.total ?? null} />
            <span className="job-text">{job?.message ?? t('models.compare.running')}</span>
            <button type="button" className="btn btn-small" onClick={() => void jobs.cancel(jobId)}>
              {t('common.cancel')}
            </button>
          </div>
        ) : (
          <button type="button" className="btn btn-primary" data-testid="compare-run" disabled={ids.length < 2} onClick={() => void compare()}>
            <Icon name="play" size={14} />
            {t('models.compare.run', { n: ids.length })}
          </button>
        )}
        {error && (
          <div className="inline-error" role="alert" data-testid="compare-error">
            <ErrorDetails error={error} />
          </div>
        )}
      </aside>

      <div className="compare-result">
        {!r ? (
          <p className="muted pad">{t('models.compare.hint')}</p>
        ) : (
          <>
            <p className="compare-rows" data-testid="compare-rows" title={r.rowsUsed}>
              {t('models.compare.rowsUsed', { rows: fmt.int(r.rows), bads: fmt.int(r.bads), how: c ? rowsDescription(c) : '', table: r.table })}
            </p>
            <ModelWarnings warnings={r.warnings} testId="compare-warnings" />
            <div className="compare-layout">
              <div className="compare-tables">
                <table className="data-table" data-testid="compare-table">
                  <thead>
                    <tr>
                      <th>{t('models.registry.name')}</th>
                      <th>{t('models.registry.kind')}</th>
                      <th className="num">{t('models.metric.auc')}</th>
                      <th className="num">{t('models.metric.ks')}</th>
                      <th className="num">{t('models.metric.gini')}</th>
                      <th className="num">{t('models.metric.brier')}</th>
                      <th className="num">{t('models.metric.logLoss')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.models.map((m, i) => (
                      <tr key={m.id} data-testid="compare-row" data-model={m.id}>
                        <th scope="row">
                          <span className="swatch" style={{ background: seriesColor(i) }} />
                          {modelLabel(m, t)}
                        </th>
                        <td>{kindText(m.kind, t)}</td>
                        <td className="num">
                          <strong data-testid="compare-auc">{fixed(m.auc, 4)}</strong>
                          <small className="ci">{`[${fixed(m.aucCi[0], 4)}, ${fixed(m.aucCi[1], 4)}]`}</small>
                        </td>
                        <td className="num">{fixed(m.ks, 4)}</td>
                        <td className="num">{fixed(m.gini, 4)}</td>
                        <td className="num">{fixed(m.brier, 4)}</td>
                        <td className="num">{fixed(m.logLoss, 4)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>

                <h3 className="section-title">{t('models.compare.delong')}</h3>
                <table className="data-table" data-testid="compare-pairs">
                  <thead>
                    <tr>
                      <th>{t('models.compare.pair')}</th>
                      <th className="num">{t('models.compare.aucDiff')}</th>
                      <th className="num">{t('models.coef.z')}</th>
                      <th className="num">{t('models.coef.p')}</th>
                      <th>{t('models.compare.verdict')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.pairs.map((p) => (
                      <tr key={`${p.a}|${p.b}`} data-testid="compare-pair">
                        <th scope="row">{t('models.compare.pairText', { a: nameOf(p.a), b: nameOf(p.b) })}</th>
                        <td className="num">{fixed(p.aucDiff, 4)}</td>
                        <td className="num">{fixed(p.z, 3)}</td>
                        <td className="num">{pValueText(p.pValue)}</td>
                        <td className={p.pValue < 0.05 ? 'verdict-yes' : 'muted'}>{p.pValue < 0.05 ? t('models.compare.significant') : t('models.compare.notSignificant')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <ChartCard title={t('models.compare.rocTitle')} spec={roc} testId="chart-compare-roc" note={t('models.compare.rocNote')} />
            </div>
          </>
        )}
      </div>
    </div>
  );
}
