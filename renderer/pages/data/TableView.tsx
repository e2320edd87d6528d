/** One table: what it is (rows, columns, size, source), its rows, and its profile. */
import { useState } from 'react';
import type { ProfileResult, TableInfo } from '../../../src/api/workspace';
import { Icon } from '../../components/Icon';
import type { MessageKey } from '../../i18n/catalog';
import { useI18n } from '../../i18n/I18nProvider';
import { PreviewTab } from './PreviewTab';
import { ProfileTab } from './ProfileTab';
import { rejectsTableOf, tableVersion } from './useCatalog';

type Tab = 'preview' | 'profile';
const TABS: { id: Tab; label: MessageKey }[] = [
  { id: 'preview', label: 'table.tab.preview' },
  { id: 'profile', label: 'table.tab.profile' },
];

export function TableView({
  table,
  tables,
  profile,
  onProfiled,
  onOpen,
  onBack,
}: {
  table: TableInfo;
  tables: readonly TableInfo[];
  profile: ProfileResult | null;
  onProfiled(p: ProfileResult): void;
  onOpen(name: string): void;
  onBack(): void;
}) {
  const { t, fmt } = useI18n();
  const [tab, setTab] = useState<Tab>('preview');
  // Kept bad rows are for reading, not for profiling: they are the rows that did not parse.
  const tabs = table.kind === 'rejects' ? TABS.filter((x) => x.id === 'preview') : TABS;
  const shown = tabs.some((x) => x.id === tab) ? tab : 'preview';
  const rejects = tables.find((x) => x.name === rejectsTableOf(table.name) && x.kind === 'rejects');
  const version = tableVersion(table);

  return (
    <section className="table-view" data-testid="table-view" data-table={table.name}>
      <header className="table-header">
        <button type="button" className="icon-btn" aria-label={t('table.back')} title={t('table.back')} data-testid="table-back" onClick={onBack}>
          <Icon name="back" />
        </button>
        <div className="table-title">
          <h2 data-testid="table-name">
            {table.name}
            {table.kind === 'rejects' && <span className="badge badge-warn">{t('catalog.rejectsBadge')}</span>}
          </h2>
          <p className="table-meta" data-testid="table-meta">
            <span>{t('table.meta.rows', { n: fmt.int(table.rows) })}</span>
            <span>{t('table.meta.columns', { n: fmt.int(table.columns.length) })}</span>
            {table.sizeBytes !== null && <span>{fmt.bytes(table.sizeBytes)}</span>}
            <span>{table.sourceFile ? t('table.meta.source', { source: table.sourceFile }) : t(table.kind === 'view' ? 'catalog.derivedView' : 'catalog.madeBySql')}</span>
            {table.importedAt && <span>{t('table.meta.importedAt', { when: fmt.dateTime(table.importedAt) })}</span>}
          </p>
        </div>
        {rejects && rejects.rows !== null && rejects.rows > 0 && (
          <button type="button" className="badge badge-warn badge-link" data-testid="open-rejects" onClick={() => onOpen(rejects.name)}>
            {t('catalog.hasRejects', { n: fmt.int(rejects.rows) })}
          </button>
        )}
      </header>
      <div className="tabs" role="tablist">
        {tabs.map((x) => (
          <button
            key={x.id}
            type="button"
            role="tab"
            aria-selected={x.id === shown}
            className={x.id === shown ? 'tab active' : 'tab'}
            data-testid={`tab-${x.id}`}
            onClick={() => setTab(x.id)}
          >
            {t(x.label)}
          </button>
        ))}
      </div>
      <div className="tab-body">
        {shown === 'preview' ? (
          <PreviewTab table={table.name} version={version} />
        ) : (
          <ProfileTab key={version} table={table.name} cached={profile} onProfiled={onProfiled} />
        )}
      </div>
    </section>
  );
}
