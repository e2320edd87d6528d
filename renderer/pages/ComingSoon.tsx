/** An area that is not built yet: say plainly what it will hold and that it comes in a later release. */
import { AREA_ICON, AREA_LABEL, AREA_PLAN, type AreaId } from '../areas';
import { Icon } from '../components/Icon';
import { useI18n } from '../i18n/I18nProvider';

export function ComingSoon({ area }: { area: Exclude<AreaId, 'data'> }) {
  const { t } = useI18n();
  const plan = AREA_PLAN[area];
  return (
    <section className="coming-soon" data-testid={`coming-soon-${area}`}>
      <div className="coming-soon-card">
        <div className="empty-icon">
          <Icon name={AREA_ICON[area]} size={32} />
        </div>
        <h2>{t(AREA_LABEL[area])}</h2>
        <p className="lead">{t(plan.lead)}</p>
        <ul>
          {plan.items.map((k) => (
            <li key={k}>{t(k)}</li>
          ))}
        </ul>
        <p className="badge badge-info">{t('soon.release')}</p>
      </div>
    </section>
  );
}
