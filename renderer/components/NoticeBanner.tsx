/** The stack of dismissible banners at the top of the work area: errors and finished work. */
import { useI18n } from '../i18n/I18nProvider';
import { useNotices } from '../state/notices';
import { ErrorDetails } from './ErrorDetails';
import { Icon } from './Icon';

export function NoticeBanner() {
  const { t } = useI18n();
  const { notices, dismiss } = useNotices();
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((n) => (
        <div
          key={n.id}
          className={`notice notice-${n.kind}`}
          role={n.kind === 'error' ? 'alert' : 'status'}
          data-testid={n.kind === 'error' ? 'error-banner' : 'success-banner'}
        >
          <Icon name={n.kind === 'error' ? 'alert' : 'check'} size={18} />
          <div className="notice-body">
            {n.kind === 'error' ? <ErrorDetails error={n.error} /> : <p>{t(n.message, n.params)}</p>}
          </div>
          <button
            type="button"
            className="icon-btn"
            aria-label={t('common.dismiss')}
            title={t('common.dismiss')}
            data-testid="notice-dismiss"
            onClick={() => dismiss(n.id)}
          >
            <Icon name="close" />
          </button>
        </div>
      ))}
    </div>
  );
}
