/** One column's profile: type, completeness, spread, and its distribution as a small chart. */
import { useMemo } from 'react';
import type { ColumnProfile } from '../../../src/api/workspace';
import { compactNumber, histogramChart, topValuesChart } from '../../charts';
import { PlotFigure } from '../../components/PlotFigure';
import { useI18n } from '../../i18n/I18nProvider';

/** Quantile cells are narrow: from 100,000 up they read 1.44M (the exact value is in the tooltip). */
const QUANTILES = [
  { q: 'p01', label: 'profile.p01' },
  { q: 'p05', label: 'profile.p05' },
  { q: 'p25', label: 'profile.p25' },
  { q: 'p50', label: 'profile.p50' },
  { q: 'p75', label: 'profile.p75' },
  { q: 'p95', label: 'profile.p95' },
  { q: 'p99', label: 'profile.p99' },
] as const;

export function ColumnProfileCard({ column }: { column: ColumnProfile }) {
  const { t, fmt } = useI18n();
  const show = (v: number | string | null) => (v === null ? t('common.none') : typeof v === 'number' ? fmt.stat(v) : v);
  // A column where every frequent value occurs once is an identifier: its "top values" say nothing.
  const unique = column.histogram.length === 0 && column.top.length > 1 && column.top.every((x) => x.count === 1);
  const chart = useMemo(
    () =>
      column.histogram.length > 0
        ? { kind: 'histogram' as const, options: (width: number) => histogramChart(column.histogram, { width }) }
        : column.top.length > 0 && !unique
          ? { kind: 'top' as const, options: (width: number) => topValuesChart(column.top.slice(0, 8), { width }) }
          : null,
    [column, unique],
  );
  const missingLevel = column.missingPct >= 20 ? 'high' : column.missingPct > 0 ? 'some' : 'none';

  return (
    <article className="profile-card" data-testid="profile-card" data-column={column.name}>
      <header className="profile-card-header">
        <h3 title={column.name}>{column.name}</h3>
        <span className="chip chip-type">{column.type}</span>
      </header>
      <dl className="stats">
        <div>
          <dt>{t('profile.missing')}</dt>
          <dd className={`missing-${missingLevel}`}>
            {fmt.pct(column.missingPct)}
            {column.missing > 0 && <small>{fmt.int(column.missing)}</small>}
          </dd>
        </div>
        <div>
          <dt>{t('profile.distinct')}</dt>
          <dd>{fmt.int(column.distinct)}</dd>
        </div>
        <div>
          <dt>{t('profile.min')}</dt>
          <dd>{show(column.min)}</dd>
        </div>
        <div>
          <dt>{t('profile.max')}</dt>
          <dd>{show(column.max)}</dd>
        </div>
        <div>
          <dt>{t('profile.mean')}</dt>
          <dd>{show(column.mean)}</dd>
        </div>
        <div>
          <dt>{t('profile.std')}</dt>
          <dd>{show(column.std)}</dd>
        </div>
      </dl>
      {chart ? (
        <PlotFigure
          options={chart.options}
          className={chart.kind === 'histogram' ? 'histogram' : 'top-values'}
          testId={chart.kind === 'histogram' ? 'histogram' : 'top-values'}
        />
      ) : (
        <p className="muted small chart-empty" data-testid="profile-no-chart">
          {unique ? t('profile.unique') : t('profile.noChart')}
        </p>
      )}
      {column.quantiles && (
        <table className="quantiles">
          <thead>
            <tr>
              {QUANTILES.map(({ q, label }) => (
                <th key={q}>{t(label)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              {QUANTILES.map(({ q }) => {
                const v = column.quantiles?.[q];
                return (
                  <td key={q} title={v === undefined ? undefined : String(v)}>
                    {v === undefined ? t('common.none') : Math.abs(v) >= 100_000 ? compactNumber(v) : fmt.stat(v)}
                  </td>
                );
              })}
            </tr>
          </tbody>
        </table>
      )}
    </article>
  );
}
