/**
 * Where a section's result will be: waiting its turn, running (progress and Cancel, right where the
 * user looks), cancelled (with Run again), or failed (the error with where it happened).
 */
import type { OpName } from '../../../src/api/index';
import { ErrorDetails } from '../../components/ErrorDetails';
import { Icon } from '../../components/Icon';
import { ProgressBar } from '../../components/ProgressBar';
import type { MessageKey } from '../../i18n/catalog';
import { useI18n } from '../../i18n/I18nProvider';
import { useJob } from '../../state/jobs';
import type { OpHandle } from './opStore';

export function OpStatus<K extends OpName>({ handle, running, testId }: { handle: OpHandle<K>; running: MessageKey; testId?: string }) {
  const { t } = useI18n();
  const entry = handle.entry;
  const job = useJob(entry?.state === 'running' ? entry.jobId : null);
  if (!entry || entry.state === 'done') return null;
  if (entry.state === 'failed') {
    return (
      <div className="inline-error" role="alert" data-testid={testId ? `${testId}-error` : undefined}>
        <ErrorDetails error={entry.error} />
        <button type="button" className="btn btn-small" onClick={handle.rerun}>
          <Icon name="refresh" size={14} />
          {t('mon.runAgain')}
        </button>
      </div>
    );
  }
  if (entry.state === 'cancelled') {
    return (
      <div className="job-inline" data-testid={testId ? `${testId}-cancelled` : undefined}>
        <span>{t('mon.cancelled')}</span>
        <button type="button" className="btn btn-small" onClick={handle.rerun}>
          <Icon name="refresh" size={14} />
          {t('mon.runAgain')}
        </button>
      </div>
    );
  }
  return (
    <div className="job-inline" data-testid={testId ? `${testId}-progress` : undefined}>
      <ProgressBar done={job?.done ?? 0} total={entry.state === 'queued' ? 1 : (job?.total ?? null)} />
      <span>{entry.state === 'queued' ? t('mon.queued') : t(running)}</span>
      <button type="button" className="btn btn-small" onClick={handle.cancel}>
        {t('common.cancel')}
      </button>
    </div>
  );
}
