/** Left navigation: the product name and one entry per area. */
import { AREA_ICON, AREA_LABEL, AREAS, type AreaId } from '../areas';
import { useI18n } from '../i18n/I18nProvider';
import { Icon } from './Icon';

export function NavBar({ area, onSelect }: { area: AreaId; onSelect(a: AreaId): void }) {
  const { t } = useI18n();
  return (
    <nav className="nav" aria-label={t('nav.label')} data-testid="nav">
      <div className="nav-brand">
        <svg className="nav-logo" width="28" height="28" viewBox="0 0 28 28" aria-hidden="true">
          <rect width="28" height="28" rx="6" />
          <path d="M7 8l7 13 7-13" fill="none" strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        <span className="nav-brand-text">
          <strong>{t('app.name')}</strong>
          <small>{t('app.tagline')}</small>
        </span>
      </div>
      <ul className="nav-list">
        {AREAS.map((a) => (
          <li key={a}>
            <button
              type="button"
              className={a === area ? 'nav-item active' : 'nav-item'}
              aria-current={a === area ? 'page' : undefined}
              data-testid={`nav-${a}`}
              onClick={() => onSelect(a)}
            >
              <Icon name={AREA_ICON[a]} size={18} />
              <span>{t(AREA_LABEL[a])}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
