/**
 * Profile a table as a job (it scans every row, so it can take a while on a big portfolio):
 * progress and cancel inline, then one card per column. Results are kept per table version,
 * so switching tabs does not scan again.
 */
import { useCallback, useEffect, useRef } from 'react';
import type { ProfileResult } from '../../../src/api/workspace';
import { ErrorDetails } from '../../components/ErrorDetails';
import { Icon } from '../../components/Icon';
import { ProgressBar } from '../../components/ProgressBar';
import { useI18n } from '../../i18n/I18nProvider';
import { useJobRun } from '../../state/useJobRun';
import { ColumnProfileCard } from './ColumnProfileCard';

export function ProfileTab({
  table,
  cached,
  onProfiled,
}: {
  table: string;
  cached: ProfileResult | null;
  onProfiled(p: ProfileResult): void;
}) {
  const { t, fmt } = useI18n();
  const { job, jobId, error, wasCancelled, run: runJob, cancel } = useJobRun();

  const run = useCallback(async () => {
    const profile = await runJob('workspace.profile', { table });
    if (profile) onProfiled(profile);
  }, [runJob, table, onProfiled]);

  // Profile on first visit; a cancelled or failed run waits for the user to ask again.
  // A ref, not state: React's development double-run of effects must not start two scans.
  const asked = useRef(false);
  useEffect(() => {
    if (!cached && !asked.current) {
      asked.current = true;
      void run();
    }
  }, [cached, run]);

  return (
    <div className="profile" data-testid="profile">
      <div className="toolbar">
        {cached && (
          <span className="muted" data-testid="profile-summary">
            {t('profile.summary', { rows: fmt.int(cached.rows), columns: fmt.int(cached.columns.length) })}
          </span>
        )}
        <span className="spacer" />
        {jobId ? (
          <button type="button" className="btn btn-small" data-testid="profile-cancel" onClick={cancel}>
            {t('common.cancel')}
          </button>
        ) : (
          <button type="button" className="btn btn-small" data-testid="profile-run" onClick={() => void run()}>
            <Icon name="refresh" size={14} />
            {cached ? t('profile.rerun') : t('profile.run')}
          </button>
        )}
      </div>
      {jobId && (
        <div className="job-inline" data-testid="profile-progress">
          <ProgressBar done={job?.done ?? 0} total={job?.total ?? null} />
          <span>{job?.message ?? t('profile.running')}</span>
        </div>
      )}
      {wasCancelled && <p className="form-note">{t('profile.cancelled')}</p>}
      {error && (
        <div className="inline-error" role="alert">
          <ErrorDetails error={error} />
        </div>
      )}
      {cached && (
        <div className="profile-grid">
          {cached.columns.map((c) => (
            <ColumnProfileCard key={c.name} column={c} />
          ))}
        </div>
      )}
    </div>
  );
}
