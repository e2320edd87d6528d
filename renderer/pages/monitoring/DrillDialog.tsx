/**
 * Drill-down (穿透): the loans behind a number the user clicked. The engine answers with the count
 * and balance in the cell's own convention (so they can be checked against the number clicked),
 * the first rows, and the query that selects them, shown for an auditor to re-run.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { toErrorShape, type ErrorShape } from '../../../src/api/errors';
import type { DrillCell, DrillResult } from '../../../src/api/monitoring';
import { ErrorDetails } from '../../components/ErrorDetails';
import { Modal } from '../../components/Modal';
import { ProgressBar } from '../../components/ProgressBar';
import { VirtualGrid } from '../../grid/VirtualGrid';
import { useI18n } from '../../i18n/I18nProvider';
import { useJob, useJobs } from '../../state/jobs';
import { useAmount } from './amount';
import { recordCells, recordColumns } from './recordGrid';

/** Rows brought into the dialog; the count and balance always cover every loan. */
export const DRILL_ROW_LIMIT = 2000;

export interface DrillRequest {
  cell: DrillCell;
  /** What was clicked, in the user's words: "Substandard · 2025-10". */
  title: string;
}

export function DrillDialog({ request, panel, ruleSet, onClose }: { request: DrillRequest; panel: string; ruleSet: string; onClose(): void }) {
  const { t, fmt } = useI18n();
  const amount = useAmount();
  const jobs = useJobs();
  const [jobId, setJobId] = useState<string | null>(null);
  const [result, setResult] = useState<DrillResult | null>(null);
  const [error, setError] = useState<ErrorShape | null>(null);
  const job = useJob(jobId);
  // One drill per dialog, even when React runs the effect twice in development.
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const run = jobs.start('monitoring.drill', { panel, ruleSet, cell: request.cell, limit: DRILL_ROW_LIMIT });
    setJobId(run.jobId);
    run.result.then(setResult, (e: unknown) => setError(toErrorShape(e))).finally(() => setJobId(null));
  }, [jobs, panel, ruleSet, request.cell]);

  const grid = useMemo(() => {
    if (!result) return null;
    const columns = recordColumns(result.rows);
    return { columns, rows: recordCells(result.rows, columns) };
  }, [result]);

  return (
    <Modal
      title={t('mon.drill.title', { what: request.title })}
      onClose={() => {
        if (jobId) void jobs.cancel(jobId);
        onClose();
      }}
      testId="drill-dialog"
      wide
      footer={
        <button type="button" className="btn" data-testid="drill-close" onClick={onClose}>
          {t('common.close')}
        </button>
      }
    >
      {jobId && (
        <div className="job-inline" data-testid="drill-progress">
          <ProgressBar done={job?.done ?? 0} total={job?.total ?? null} />
          <span>{t('mon.drill.running')}</span>
        </div>
      )}
      {error && error.kind !== 'cancelled' && (
        <div className="inline-error" role="alert">
          <ErrorDetails error={error} />
        </div>
      )}
      {result && grid && (
        <div className="mon-drill">
          <p className="mon-drill-summary" data-testid="drill-summary" data-count={result.count}>
            {t('mon.drill.summary', { n: fmt.int(result.count), balance: amount(result.balance) })}
            {result.truncated && <span className="muted">{t('mon.drill.truncated', { shown: fmt.int(result.rows.length) })}</span>}
          </p>
          {result.rows.length === 0 ? (
            <p className="muted">{t('mon.drill.none')}</p>
          ) : (
            <div className="mon-drill-grid">
              <VirtualGrid columns={grid.columns} rowCount={grid.rows.length} getRow={(i) => grid.rows[i]} testId="drill-grid" />
            </div>
          )}
          <details className="mon-sql">
            <summary>{t('mon.drill.sql')}</summary>
            <pre data-testid="drill-sql">{result.sql}</pre>
            <p className="muted small">{t('mon.drill.params', { params: result.params.map((p) => JSON.stringify(p)).join(', ') })}</p>
          </details>
        </div>
      )}
    </Modal>
  );
}
