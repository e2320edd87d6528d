/**
 * Build a performance panel from the UCI credit-card table (one wide row per account, PAY_6..PAY_0 =
 * April..September 2005 repayment status): six month-end snapshots per account, mapped and saved
 * in one job the user can follow and cancel.
 */
import { useEffect, useState } from 'react';
import { toErrorShape, type ErrorShape } from '../../../src/api/errors';
import type { PanelInfo } from '../../../src/api/monitoring';
import type { TableInfo } from '../../../src/api/workspace';
import { useApi } from '../../api/ApiProvider';
import { ErrorDetails } from '../../components/ErrorDetails';
import { Modal } from '../../components/Modal';
import { ProgressBar } from '../../components/ProgressBar';
import { useI18n } from '../../i18n/I18nProvider';
import { useJob, useJobs } from '../../state/jobs';
import { PANEL_NAME } from './mappingFields';

/** The wide columns the engine reads; a table with all of them can be turned into a panel. */
const UCI_COLUMNS = ['ID', 'LIMIT_BAL', ...[0, 2, 3, 4, 5, 6].map((i) => `PAY_${i}`), ...[1, 2, 3, 4, 5, 6].flatMap((i) => [`BILL_AMT${i}`, `PAY_AMT${i}`])];

export function isUciLike(table: TableInfo): boolean {
  const names = new Set(table.columns.map((c) => c.name.toUpperCase()));
  return UCI_COLUMNS.every((c) => names.has(c));
}

export function UciPanelDialog({ onClose, onBuilt }: { onClose(): void; onBuilt(info: PanelInfo): void }) {
  const { t } = useI18n();
  const api = useApi();
  const jobs = useJobs();
  const [tables, setTables] = useState<TableInfo[] | null>(null);
  const [source, setSource] = useState('');
  const [target, setTarget] = useState('');
  const [replace, setReplace] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<ErrorShape | null>(null);
  const job = useJob(jobId);

  useEffect(() => {
    api.call('workspace.tables', {}).then(
      (list) => {
        setTables(list);
        const first = list.find(isUciLike);
        if (first) {
          setSource(first.name);
          setTarget(`${first.name}_panel`);
        }
      },
      (e: unknown) => setError(toErrorShape(e)),
    );
  }, [api]);

  const candidates = tables?.filter(isUciLike) ?? [];
  const exists = tables?.some((x) => x.name.toLowerCase() === target.toLowerCase()) ?? false;
  const running = jobId !== null;
  const canRun = source !== '' && PANEL_NAME.test(target) && (!exists || replace) && !running;

  async function build() {
    setError(null);
    const started = jobs.start('monitoring.panelFromUci', { table: source, target, replace });
    setJobId(started.jobId);
    try {
      onBuilt(await started.result);
    } catch (e) {
      const shape = toErrorShape(e);
      if (shape.kind !== 'cancelled') setError(shape);
    } finally {
      setJobId(null);
    }
  }

  return (
    <Modal
      title={t('mon.uci.title')}
      onClose={() => {
        if (jobId) void jobs.cancel(jobId);
        onClose();
      }}
      testId="uci-dialog"
      footer={
        <>
          {running ? (
            <button type="button" className="btn" onClick={() => jobId && void jobs.cancel(jobId)}>
              {t('common.cancel')}
            </button>
          ) : (
            <button type="button" className="btn" onClick={onClose}>
              {t('common.close')}
            </button>
          )}
          <button type="button" className="btn btn-primary" data-testid="uci-run" disabled={!canRun} onClick={() => void build()}>
            {t('mon.uci.run')}
          </button>
        </>
      }
    >
      <div className="form">
        <p>{t('mon.uci.intro')}</p>
        {tables !== null && candidates.length === 0 ? (
          <p className="form-warning mon-form-warning" data-testid="uci-none">
            {t('mon.uci.none')}
          </p>
        ) : (
          <>
            <label className="form-row">
              <span className="form-label">{t('mon.uci.source')}</span>
              <select className="input" value={source} onChange={(e) => setSource(e.target.value)} data-testid="uci-source">
                {candidates.map((x) => (
                  <option key={x.name} value={x.name}>
                    {x.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="form-row">
              <span className="form-label">{t('mon.uci.target')}</span>
              <input className="input" value={target} onChange={(e) => setTarget(e.target.value.trim())} data-testid="uci-target" />
            </label>
            {exists && (
              <label className="check mon-indent">
                <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} data-testid="uci-replace" />
                <span>{t('mon.uci.replace', { table: target })}</span>
              </label>
            )}
          </>
        )}
        {running && (
          <div className="inline-progress" data-testid="uci-progress">
            <ProgressBar done={job?.done ?? 0} total={job?.total ?? null} />
            <span>{t('mon.uci.running')}</span>
          </div>
        )}
        {error && (
          <div className="inline-error" role="alert" data-testid="uci-error">
            <ErrorDetails error={error} />
          </div>
        )}
      </div>
    </Modal>
  );
}
