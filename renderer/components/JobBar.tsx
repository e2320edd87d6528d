/** Bottom bar: every job long enough to notice, with its progress, message, elapsed time and a Cancel button. */
import type { OpName } from '../../src/api/index';
import type { MessageKey } from '../i18n/catalog';
import { formatElapsed } from '../i18n/format';
import { useI18n } from '../i18n/I18nProvider';
import { elapsedNow, JOB_BAR_DELAY_MS, useJobs, useTicker, type TrackedJob } from '../state/jobs';
import { opLabel } from './opLabels';
import { ProgressBar } from './ProgressBar';

/**
 * Calls the UI makes on its own to draw itself (the table list, a page of preview rows) are jobs
 * too, but not work the user started: they stay out of the bar even when a big table makes one slow.
 */
const QUIET_OPS: ReadonlySet<string> = new Set<OpName>(['workspace.info', 'workspace.tables', 'workspace.preview', 'workspace.sheets']);

const STATE_LABEL: Record<TrackedJob['state'], MessageKey> = {
  running: 'jobs.state.running',
  done: 'jobs.state.done',
  failed: 'jobs.state.failed',
  cancelled: 'jobs.state.cancelled',
};

function JobItem({ job, now }: { job: TrackedJob; now: number }) {
  const { t, fmt } = useI18n();
  const { cancel } = useJobs();
  const key = opLabel(job.op);
  const label = key ? t(key) : job.op;
  const running = job.state === 'running';
  const counts = job.total !== null ? `${fmt.int(job.done)} / ${fmt.int(job.total)}` : job.done > 0 ? fmt.int(job.done) : '';
  return (
    <li className={`job job-${job.state}`} data-testid="job" data-op={job.op} data-state={job.state}>
      <span className="job-op">{label}</span>
      <ProgressBar done={job.done} total={running ? job.total : 1} state={job.state} />
      <span className="job-message" data-testid="job-message">
        {running ? (job.message ?? '') : t(STATE_LABEL[job.state])}
      </span>
      <span className="job-counts">{running ? counts : ''}</span>
      <span className="job-elapsed" data-testid="job-elapsed">
        {formatElapsed(elapsedNow(job, now))}
      </span>
      {running ? (
        <button type="button" className="btn btn-small" data-testid="job-cancel" onClick={() => void cancel(job.jobId)}>
          {t('common.cancel')}
        </button>
      ) : (
        <span className="job-cancel-placeholder" />
      )}
    </li>
  );
}

export function JobBar() {
  const { t } = useI18n();
  const { jobs } = useJobs();
  const anyRunning = [...jobs.values()].some((j) => j.state === 'running' && !QUIET_OPS.has(j.op));
  const now = useTicker(jobs.size > 0, 250);
  const visible = [...jobs.values()].filter((j) => !QUIET_OPS.has(j.op) && elapsedNow(j, now) >= JOB_BAR_DELAY_MS);
  return (
    <footer className="jobbar" data-testid="jobbar" aria-live="polite">
      {visible.length === 0 ? (
        <span className="jobbar-idle">{anyRunning ? t('jobs.working') : t('jobs.idle')}</span>
      ) : (
        <ul className="jobs">
          {visible.map((j) => (
            <JobItem key={j.jobId} job={j} now={now} />
          ))}
        </ul>
      )}
    </footer>
  );
}
