/** The workspace's tables: what they are, where they came from, and rename / delete. */
import type { TableInfo } from '../../../src/api/workspace';
import { Icon } from '../../components/Icon';
import { ProgressBar } from '../../components/ProgressBar';
import { useI18n } from '../../i18n/I18nProvider';
import type { TrackedJob } from '../../state/jobs';
import { rejectsTableOf } from './useCatalog';

export function CatalogView({
  tables,
  onOpen,
  onRename,
  onDelete,
}: {
  tables: readonly TableInfo[];
  onOpen(name: string): void;
  onRename(t: TableInfo): void;
  onDelete(t: TableInfo): void;
}) {
  const { t, fmt } = useI18n();
  const byName = new Map(tables.map((x) => [x.name, x]));
  return (
    <div className="panel">
      <table className="catalog" data-testid="catalog">
        <thead>
          <tr>
            <th>{t('catalog.col.name')}</th>
            <th className="num">{t('catalog.col.rows')}</th>
            <th className="num">{t('catalog.col.columns')}</th>
            <th className="num">{t('catalog.col.size')}</th>
            <th>{t('catalog.col.source')}</th>
            <th>{t('catalog.col.importedAt')}</th>
            <th className="actions">
              <span className="sr-only">{t('catalog.col.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tables.map((x) => {
            const rejects = x.kind === 'data' ? byName.get(rejectsTableOf(x.name)) : undefined;
            return (
              <tr key={x.name} data-testid="catalog-row" data-table={x.name}>
                <td>
                  <button type="button" className="link table-link" data-testid="catalog-open" onClick={() => onOpen(x.name)}>
                    {x.name}
                  </button>
                  {x.kind === 'rejects' && (
                    <span className="badge badge-warn" data-testid="rejects-badge">
                      {t('catalog.rejectsBadge')}
                    </span>
                  )}
                  {x.kind === 'view' && (
                    <span className="badge" data-testid="view-badge" title={t('catalog.viewHint')}>
                      {t('catalog.viewBadge')}
                    </span>
                  )}
                  {rejects && rejects.rows !== null && rejects.rows > 0 && (
                    <button type="button" className="badge badge-warn badge-link" data-testid="has-rejects" onClick={() => onOpen(rejects.name)}>
                      {t('catalog.hasRejects', { n: fmt.int(rejects.rows) })}
                    </button>
                  )}
                </td>
                <td className="num" data-testid="catalog-rows">
                  {fmt.int(x.rows)}
                </td>
                <td className="num">{fmt.int(x.columns.length)}</td>
                <td className="num">{x.sizeBytes === null ? t('common.unknown') : fmt.bytes(x.sizeBytes)}</td>
                <td className="source" title={x.sourceFile ?? undefined}>
                  {x.sourceFile ?? t(x.kind === 'view' ? 'catalog.derivedView' : 'catalog.madeBySql')}
                </td>
                <td>{x.importedAt ? fmt.dateTime(x.importedAt) : t('common.none')}</td>
                <td className="actions">
                  <button type="button" className="btn btn-small btn-quiet" data-testid="catalog-rename" onClick={() => onRename(x)}>
                    {t('catalog.rename')}
                  </button>
                  <button type="button" className="btn btn-small btn-quiet danger" data-testid="catalog-delete" onClick={() => onDelete(x)}>
                    {t('catalog.delete')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function EmptyWorkspace({
  sample,
  onSample,
  onImport,
}: {
  /** The sample-portfolio job while it runs: its progress shows right where the user clicked. */
  sample: { job: TrackedJob | null; onCancel(): void } | null;
  onSample(): void;
  onImport(): void;
}) {
  const { t } = useI18n();
  const sampleRunning = sample !== null;
  return (
    <div className="empty" data-testid="empty-workspace">
      <div className="empty-icon">
        <Icon name="data" size={36} />
      </div>
      <h2>{t('empty.title')}</h2>
      <p>{t('empty.body')}</p>
      <div className="empty-actions">
        <button type="button" className="btn btn-primary btn-large" data-testid="load-sample" disabled={sampleRunning} onClick={onSample}>
          <Icon name="sample" />
          {sampleRunning ? t('empty.sampleRunning') : t('empty.sample')}
        </button>
        <button type="button" className="btn btn-large" data-testid="empty-import" onClick={onImport}>
          <Icon name="upload" />
          {t('empty.import')}
        </button>
      </div>
      {sample ? (
        <div className="job-inline" data-testid="sample-progress">
          <ProgressBar done={sample.job?.done ?? 0} total={sample.job?.total ?? null} />
          <span>{sample.job?.message ?? t('sample.starting')}</span>
          <button type="button" className="btn btn-small" data-testid="sample-cancel" onClick={sample.onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      ) : (
        <p className="muted small">{t('empty.sampleNote')}</p>
      )}
    </div>
  );
}
