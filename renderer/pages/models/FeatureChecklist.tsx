/**
 * The features: every column but the target, each with its type and, beside it, the two figures an
 * analyst checks before letting a variable into a PD model: how much of it is missing and how many
 * distinct values it has (one value carries nothing; a distinct value per row is an identifier).
 */
import type { ColumnInfo, ColumnProfile } from '../../../src/api/workspace';
import { errorMessage } from '../../components/ErrorDetails';
import { ProgressBar } from '../../components/ProgressBar';
import { useI18n } from '../../i18n/I18nProvider';
import type { TableProfileState } from './useTableProfile';

function missingClass(p: ColumnProfile | undefined): string {
  if (!p || p.missingPct === 0) return '';
  return p.missingPct >= 20 ? 'missing-high' : 'missing-some';
}

export function FeatureChecklist({
  columns,
  selected,
  defaults,
  rows,
  profile,
  disabled,
  onChange,
}: {
  columns: readonly ColumnInfo[];
  selected: readonly string[];
  /** What the engine would use by default (numeric, not the target, not an id). */
  defaults: readonly string[] | null;
  rows: number;
  profile: TableProfileState;
  disabled: boolean;
  onChange(features: string[]): void;
}) {
  const { t, fmt } = useI18n();
  const chosen = new Set(selected);
  // Keep the table's column order whatever order the ticks came in: the model's terms follow it.
  const inOrder = (names: Iterable<string>) => {
    const set = new Set(names);
    return columns.filter((c) => set.has(c.name)).map((c) => c.name);
  };
  const toggle = (name: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(name);
    else next.delete(name);
    onChange(inOrder(next));
  };

  return (
    <div className="features" data-testid="train-features">
      <div className="features-toolbar">
        <span className="muted small" data-testid="features-count">
          {t('models.features.count', { n: fmt.int(selected.length), total: fmt.int(columns.length) })}
        </span>
        <span className="spacer" />
        <button type="button" className="btn btn-small btn-quiet" disabled={disabled || defaults === null} data-testid="features-default" onClick={() => onChange(inOrder(defaults ?? []))}>
          {t('models.features.default')}
        </button>
        <button type="button" className="btn btn-small btn-quiet" disabled={disabled} data-testid="features-all" onClick={() => onChange(columns.map((c) => c.name))}>
          {t('models.features.all')}
        </button>
        <button type="button" className="btn btn-small btn-quiet" disabled={disabled} data-testid="features-none" onClick={() => onChange([])}>
          {t('models.features.none')}
        </button>
      </div>
      <div className="features-head" aria-hidden="true">
        <span>{t('models.features.column')}</span>
        <span className="num">{t('profile.missing')}</span>
        <span className="num">{t('profile.distinct')}</span>
      </div>
      <ul className="features-list">
        {columns.map((c) => {
          const p = profile.columns?.get(c.name);
          const constant = p !== undefined && p.distinct <= 1;
          const idLike = p !== undefined && rows > 100 && p.distinct >= rows;
          return (
            <li key={c.name} className={chosen.has(c.name) ? 'feature on' : 'feature'} data-testid="feature-row" data-column={c.name}>
              <label className="check">
                <input type="checkbox" data-testid="feature-check" checked={chosen.has(c.name)} disabled={disabled} onChange={(e) => toggle(c.name, e.target.checked)} />
                <span className="feature-name" title={c.name}>
                  {c.name}
                </span>
                <span className="chip chip-type">{c.type}</span>
              </label>
              <span className={`num ${missingClass(p)}`} data-testid="feature-missing">
                {p ? fmt.pct(p.missingPct, p.missingPct > 0 && p.missingPct < 0.1 ? 2 : 1) : ''}
              </span>
              <span className="num" title={constant ? t('models.features.constant') : idLike ? t('profile.unique') : undefined}>
                {p ? fmt.int(p.distinct) : ''}
                {(constant || idLike) && <span className="feature-flag">!</span>}
              </span>
            </li>
          );
        })}
      </ul>
      {profile.running && (
        <div className="job-inline compact" data-testid="features-profiling">
          <ProgressBar done={profile.job?.done ?? 0} total={profile.job?.total ?? null} />
          <span>{t('models.features.profiling')}</span>
          <button type="button" className="btn btn-small" onClick={profile.cancel}>
            {t('common.cancel')}
          </button>
        </div>
      )}
      {!profile.running && profile.columns === null && (
        <p className="form-hint muted">
          {profile.error ? errorMessage(profile.error, t) : t('models.features.noProfile')}{' '}
          <button type="button" className="link" onClick={profile.retry}>
            {t('models.features.profileRun')}
          </button>
        </p>
      )}
    </div>
  );
}
