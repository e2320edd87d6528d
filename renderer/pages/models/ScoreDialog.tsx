/**
 * Apply a saved model to a table (this month's extract): PD, score, grade and reason codes go to a
 * new table. Runs as a job; the answer says how many rows landed in each grade, the mean PD, and how
 * far this population has drifted from the training one (PSI).
 */
import { useState } from 'react';
import type { ModelSummary, ScoreResult } from '../../../src/api/models';
import type { TableInfo } from '../../../src/api/workspace';
import { ErrorDetails } from '../../components/ErrorDetails';
import { Modal } from '../../components/Modal';
import { ProgressBar } from '../../components/ProgressBar';
import { useI18n } from '../../i18n/I18nProvider';
import { useJobRun } from '../../state/useJobRun';
import { fixed, modelLabel, psiLevel, psiLevelText, shareText } from './modelFormat';

function defaultOutput(table: string): string {
  return table ? `${table}_scores` : '';
}

export function ScoreDialog({
  models,
  tables,
  initialModel,
  onClose,
  onScored,
  onOpenTable,
}: {
  models: readonly ModelSummary[];
  tables: readonly TableInfo[];
  initialModel: ModelSummary | null;
  onClose(): void;
  onScored(r: ScoreResult): void;
  onOpenTable(table: string): void;
}) {
  const { t, fmt } = useI18n();
  const dataTables = tables.filter((x) => x.kind === 'data');
  const first = initialModel ?? models[0] ?? null;
  const [modelId, setModelId] = useState(first?.id ?? '');
  const startTable = dataTables.find((x) => x.name === first?.table)?.name ?? dataTables[0]?.name ?? '';
  const [table, setTable] = useState(startTable);
  const [output, setOutput] = useState(defaultOutput(startTable));
  const [outputEdited, setOutputEdited] = useState(false);
  const [replace, setReplace] = useState(false);
  const [result, setResult] = useState<ScoreResult | null>(null);
  const { job, running, error, wasCancelled, run: runJob, cancel } = useJobRun();
  const exists = tables.some((x) => x.name.toLowerCase() === output.trim().toLowerCase());
  const canRun = modelId !== '' && table !== '' && output.trim() !== '' && (!exists || replace) && !running;

  async function run() {
    if (!canRun) return;
    setResult(null);
    const r = await runJob('models.score', { id: modelId, table, output: output.trim(), ...(replace ? { replace: true } : {}) });
    if (r) {
      setResult(r);
      onScored(r);
    }
  }

  const total = result?.rows ?? 0;
  return (
    <Modal
      title={t('models.score.title')}
      testId="score-dialog"
      wide
      onClose={() => {
        if (!running) onClose();
      }}
      footer={
        <>
          {running ? (
            <button type="button" className="btn" data-testid="score-cancel" onClick={cancel}>
              {t('common.cancel')}
            </button>
          ) : (
            <button type="button" className="btn" data-testid="score-close" onClick={onClose}>
              {t('common.close')}
            </button>
          )}
          {result ? (
            <button type="button" className="btn btn-primary" data-testid="score-open-table" onClick={() => onOpenTable(result.output)}>
              {t('models.score.openTable', { table: result.output })}
            </button>
          ) : (
            <button type="button" className="btn btn-primary" data-testid="score-run" disabled={!canRun} onClick={() => void run()}>
              {t('models.score.run')}
            </button>
          )}
        </>
      }
    >
      <div className="form">
        <label className="form-row">
          <span className="form-label">{t('models.score.model')}</span>
          <select className="input" data-testid="score-model" value={modelId} disabled={running} onChange={(e) => setModelId(e.target.value)}>
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {modelLabel(m, t)}
              </option>
            ))}
          </select>
        </label>
        <label className="form-row">
          <span className="form-label">{t('models.score.table')}</span>
          <select
            className="input"
            data-testid="score-table"
            value={table}
            disabled={running}
            onChange={(e) => {
              setTable(e.target.value);
              if (!outputEdited) setOutput(defaultOutput(e.target.value));
            }}
          >
            {dataTables.map((x) => (
              <option key={x.name} value={x.name}>
                {`${x.name} · ${fmt.int(x.rows)}`}
              </option>
            ))}
          </select>
        </label>
        <label className="form-row">
          <span className="form-label">{t('models.score.output')}</span>
          <input
            className="input"
            data-testid="score-output"
            spellCheck={false}
            value={output}
            disabled={running}
            onChange={(e) => {
              setOutput(e.target.value);
              setOutputEdited(true);
            }}
          />
        </label>
        {exists && !replace && !result && (
          <p className="form-warning" data-testid="score-exists">
            {t('models.score.exists', { table: output.trim() })}
          </p>
        )}
        <div className="form-checks">
          <label className="check">
            <input type="checkbox" data-testid="score-replace" checked={replace} disabled={running} onChange={(e) => setReplace(e.target.checked)} />
            <span>{t('models.score.replace')}</span>
          </label>
        </div>
        <p className="form-note">{t('models.score.note')}</p>

        {running && (
          <div className="job-inline" data-testid="score-progress">
            <ProgressBar done={job?.done ?? 0} total={job?.total ?? null} />
            <span>{job?.message ?? t('models.score.starting')}</span>
          </div>
        )}
        {wasCancelled && <p className="form-note">{t('models.score.cancelled')}</p>}
        {error && (
          <div className="inline-error" role="alert" data-testid="score-error">
            <ErrorDetails error={error} />
          </div>
        )}
        {result && (
          <div className="score-result" data-testid="score-result">
            <dl className="stats score-stats">
              <div>
                <dt>{t('models.score.rows')}</dt>
                <dd data-testid="score-rows">{fmt.int(result.rows)}</dd>
              </div>
              <div>
                <dt>{t('models.score.meanPd')}</dt>
                <dd data-testid="score-mean-pd">{shareText(result.meanPd, 2)}</dd>
              </div>
              <div>
                <dt>{t('models.score.psi')}</dt>
                <dd data-testid="score-psi">
                  {fixed(result.psi, 4)}
                  <span className={`badge psi-${psiLevel(result.psi)}`}>{psiLevelText(psiLevel(result.psi), t)}</span>
                </dd>
              </div>
              <div>
                <dt>{t('models.score.reasonRows')}</dt>
                <dd>{fmt.int(result.reasonRows)}</dd>
              </div>
              <div>
                <dt>{t('models.score.idColumn')}</dt>
                <dd>{result.idColumn}</dd>
              </div>
              <div>
                <dt>{t('models.score.elapsed')}</dt>
                <dd>{t('models.score.elapsedMs', { ms: fmt.int(Math.round(result.elapsedMs)) })}</dd>
              </div>
            </dl>
            <table className="data-table" data-testid="score-grades">
              <thead>
                <tr>
                  <th>{t('models.score.grade')}</th>
                  <th className="num">{t('models.score.gradeRows')}</th>
                  <th className="num">{t('models.score.gradeShare')}</th>
                  <th className="num">{t('models.score.gradePd')}</th>
                </tr>
              </thead>
              <tbody>
                {result.grades.map((g) => (
                  <tr key={g.grade} data-testid="score-grade">
                    <th scope="row">{g.grade}</th>
                    <td className="num">{fmt.int(g.rows)}</td>
                    <td className="num">{shareText(total > 0 ? g.rows / total : null)}</td>
                    <td className="num">{shareText(g.meanPd, 2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </Modal>
  );
}
