/**
 * The Data area: the catalog of tables, one table's preview and profile, and the SQL console.
 * It owns what they share: the table list, the import dialog and the sample-portfolio job.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { toErrorShape } from '../../../src/api/errors';
import type { ImportResult, ProfileResult, TableInfo } from '../../../src/api/workspace';
import { useApi } from '../../api/ApiProvider';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Icon } from '../../components/Icon';
import { useI18n } from '../../i18n/I18nProvider';
import { useJob, useJobs } from '../../state/jobs';
import { useNotices } from '../../state/notices';
import { CatalogView, EmptyWorkspace } from './CatalogView';
import { ImportDialog } from './ImportDialog';
import { RenameDialog } from './RenameDialog';
import { SqlConsole } from './SqlConsole';
import { TableView } from './TableView';
import { isSampleTable, tableVersion, useCatalog } from './useCatalog';

type View = { kind: 'catalog' } | { kind: 'table'; name: string } | { kind: 'sql' };

export function DataPage({
  active = true,
  onTablesChanged,
  openRequest = null,
}: {
  /** Whether the area is on screen: coming back reloads the list, since other areas write tables (scores, panels, views). */
  active?: boolean;
  onTablesChanged(): void;
  openRequest?: { table: string } | null;
}) {
  const { t, fmt } = useI18n();
  const api = useApi();
  const jobs = useJobs();
  const { reportError, reportSuccess } = useNotices();
  const catalog = useCatalog();
  const tables = catalog.tables ?? [];
  const [view, setView] = useState<View>({ kind: 'catalog' });
  const [importing, setImporting] = useState(false);
  const [renaming, setRenaming] = useState<TableInfo | null>(null);
  const [deleting, setDeleting] = useState<TableInfo | null>(null);
  const [deleteBusy, setDeleteBusy] = useState(false);
  const [confirmSampleReplace, setConfirmSampleReplace] = useState(false);
  const [sampleJob, setSampleJob] = useState<string | null>(null);
  const sampleProgress = useJob(sampleJob);
  // Profiles by table version: a replaced table gets a fresh profile, not the old one.
  const [profiles, setProfiles] = useState<ReadonlyMap<string, ProfileResult>>(new Map());

  const reloadCatalog = catalog.reload;
  const refresh = useCallback(async () => {
    await reloadCatalog();
    onTablesChanged();
  }, [reloadCatalog, onTablesChanged]);

  // Another area asked to show a table (e.g. scores just written): it may be new, so reload the list first.
  // Each request is handled once, so going back to the catalog afterwards is not undone by a re-render.
  const handledRequest = useRef<{ table: string } | null>(null);
  // Set when that request reloaded the list, so the return to this area below does not reload it again.
  const reloadedOnOpen = useRef(false);
  useEffect(() => {
    if (!openRequest || handledRequest.current === openRequest) return;
    handledRequest.current = openRequest;
    reloadedOnOpen.current = true;
    void refresh().then(() => setView({ kind: 'table', name: openRequest.table }));
  }, [openRequest, refresh]);

  // Back from another area: Models and Monitoring write tables and views this list has not seen.
  const wasActive = useRef(active);
  useEffect(() => {
    if (active && !wasActive.current && !reloadedOnOpen.current) void refresh();
    reloadedOnOpen.current = false;
    wasActive.current = active;
  }, [active, refresh]);

  async function loadSample(replace: boolean) {
    setConfirmSampleReplace(false);
    const started = jobs.start('sample.generate', replace ? { replace: true } : {});
    setSampleJob(started.jobId);
    try {
      const r = await started.result;
      reportSuccess('sample.done', { loans: fmt.int(r.loans), months: fmt.int(r.months), seed: r.seed, tables: fmt.int(r.tables.length) });
      await refresh();
    } catch (e) {
      reportError(e);
    } finally {
      setSampleJob(null);
    }
  }

  function onImported(r: ImportResult) {
    setImporting(false);
    if (r.rejected > 0) {
      reportSuccess('import.doneWithRejects', { rows: fmt.int(r.rows), table: r.table, rejected: fmt.int(r.rejected), rejectsTable: r.rejectsTable ?? '' });
    } else {
      reportSuccess('import.done', { rows: fmt.int(r.rows), table: r.table });
    }
    void refresh().then(() => setView({ kind: 'table', name: r.table }));
  }

  async function confirmDelete() {
    if (!deleting) return;
    setDeleteBusy(true);
    try {
      await api.call('workspace.drop', { table: deleting.name });
      if (view.kind === 'table' && view.name === deleting.name) setView({ kind: 'catalog' });
      setDeleting(null);
      await refresh();
    } catch (e) {
      setDeleting(null);
      reportError(toErrorShape(e));
    } finally {
      setDeleteBusy(false);
    }
  }

  const onProfiled = useCallback((p: ProfileResult) => {
    setProfiles((prev) => {
      const table = catalog.tables?.find((x) => x.name === p.table);
      if (!table) return prev;
      const next = new Map(prev);
      next.set(tableVersion(table), p);
      return next;
    });
  }, [catalog.tables]);

  const openTable = view.kind === 'table' ? tables.find((x) => x.name === view.name) : undefined;
  const hasSample = tables.some(isSampleTable);
  const empty = catalog.tables !== null && tables.length === 0;

  return (
    <div className="data-page" data-testid="data-page">
      <div className="subnav">
        <div className="segmented" role="tablist">
          <button type="button" role="tab" aria-selected={view.kind !== 'sql'} className={view.kind !== 'sql' ? 'active' : ''} data-testid="data-tables" onClick={() => setView({ kind: 'catalog' })}>
            {t('data.tables')}
            {catalog.tables !== null && <span className="count">{fmt.int(tables.length)}</span>}
          </button>
          <button type="button" role="tab" aria-selected={view.kind === 'sql'} className={view.kind === 'sql' ? 'active' : ''} data-testid="data-sql" onClick={() => setView({ kind: 'sql' })}>
            <Icon name="sql" size={14} />
            {t('data.sql')}
          </button>
        </div>
        <span className="spacer" />
        <button type="button" className="btn btn-quiet" data-testid="catalog-refresh" title={t('data.refresh')} aria-label={t('data.refresh')} onClick={() => void refresh()}>
          <Icon name="refresh" />
        </button>
        {!empty && (
          <button type="button" className="btn" data-testid="toolbar-sample" disabled={sampleJob !== null} onClick={() => (hasSample ? setConfirmSampleReplace(true) : void loadSample(false))}>
            <Icon name="sample" />
            {t('empty.sample')}
          </button>
        )}
        <button type="button" className="btn btn-primary" data-testid="open-import" onClick={() => setImporting(true)}>
          <Icon name="upload" />
          {t('data.import')}
        </button>
      </div>

      <div className="data-body">
        {view.kind === 'sql' ? (
          <SqlConsole tables={tables} />
        ) : openTable ? (
          <TableView
            key={openTable.name}
            table={openTable}
            tables={tables}
            profile={profiles.get(tableVersion(openTable)) ?? null}
            onProfiled={onProfiled}
            onOpen={(name) => setView({ kind: 'table', name })}
            onBack={() => setView({ kind: 'catalog' })}
          />
        ) : catalog.tables === null ? (
          <p className="muted pad">{t('common.loading')}</p>
        ) : empty ? (
          <EmptyWorkspace
            sample={sampleJob ? { job: sampleProgress, onCancel: () => void jobs.cancel(sampleJob) } : null}
            onSample={() => void loadSample(false)}
            onImport={() => setImporting(true)}
          />
        ) : (
          <CatalogView tables={tables} onOpen={(name) => setView({ kind: 'table', name })} onRename={setRenaming} onDelete={setDeleting} />
        )}
      </div>

      {importing && <ImportDialog tables={tables} onClose={() => setImporting(false)} onImported={onImported} />}
      {renaming && (
        <RenameDialog
          table={renaming}
          onClose={() => setRenaming(null)}
          onRenamed={(r) => {
            setRenaming(null);
            if (view.kind === 'table' && view.name === renaming.name) setView({ kind: 'table', name: r.name });
            void refresh();
          }}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={t('delete.title', { table: deleting.name })}
          confirmLabel={t('delete.ok')}
          danger
          busy={deleteBusy}
          onConfirm={() => void confirmDelete()}
          onClose={() => setDeleting(null)}
        >
          <p>{t('delete.body', { table: deleting.name, rows: fmt.int(deleting.rows) })}</p>
        </ConfirmDialog>
      )}
      {confirmSampleReplace && (
        <ConfirmDialog title={t('sample.replaceTitle')} confirmLabel={t('sample.replaceOk')} onConfirm={() => void loadSample(true)} onClose={() => setConfirmSampleReplace(false)}>
          <p>{t('sample.replaceBody')}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
