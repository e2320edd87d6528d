/**
 * The Models area: build a model (train panel beside the report of the latest fit), the registry of
 * saved models (open, score, export, import, delete), and the comparison of several on the same rows.
 * The build view stays mounted so a half-filled form or a running fit survives a look at the registry.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ModelDetail, ModelSummary, TrainResult } from '../../../src/api/models';
import { useApi } from '../../api/ApiProvider';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Icon } from '../../components/Icon';
import { useI18n } from '../../i18n/I18nProvider';
import { useJobs } from '../../state/jobs';
import { useNotices } from '../../state/notices';
import { useCatalog } from '../data/useCatalog';
import { CompareView } from './CompareView';
import { fixed, modelLabel } from './modelFormat';
import { ModelReport } from './ModelReport';
import { RegistryView } from './RegistryView';
import { ScoreDialog } from './ScoreDialog';
import { TrainPanel } from './TrainPanel';
import { useModelRegistry } from './useModelRegistry';

type View = { kind: 'build' } | { kind: 'registry' } | { kind: 'model'; id: string } | { kind: 'compare' };

/** A file name for an exported model: its name and version, safe on every file system. */
function exportFileName(m: ModelSummary): string {
  return `${m.name.replace(/[^\p{L}\p{N}_.-]+/gu, '_')}_v${m.version}.vigil-model.json`;
}

export function ModelsPage({ active, onOpenTable }: { active: boolean; onOpenTable(table: string): void }) {
  const { t, fmt } = useI18n();
  const api = useApi();
  const jobs = useJobs();
  const { reportError, reportSuccess } = useNotices();
  const catalog = useCatalog();
  const registry = useModelRegistry();
  const models = registry.models ?? [];
  const [view, setView] = useState<View>({ kind: 'build' });
  const [latest, setLatest] = useState<TrainResult | null>(null);
  const [opened, setOpened] = useState<ModelDetail | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [scoring, setScoring] = useState<{ model: ModelSummary | null } | null>(null);
  const [deleting, setDeleting] = useState<ModelSummary | null>(null);
  const [deleteBusy, setDeleteBusy] = useState(false);
  // The form can step aside so the report gets the full width; it stays mounted (and keeps its values).
  const [formHidden, setFormHidden] = useState(false);

  // Tables come and go in the Data area: look again whenever the analyst comes back here.
  const reloadTables = catalog.reload;
  const reloadModels = registry.reload;
  useEffect(() => {
    if (active) {
      void reloadTables();
      void reloadModels();
    }
  }, [active, reloadTables, reloadModels]);

  const toggle = useCallback((id: string, on: boolean) => {
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);

  function onTrained(r: TrainResult) {
    setLatest(r);
    reportSuccess('models.trained', {
      name: modelLabel(r.model, t),
      auc: fixed(r.model.testAuc ?? r.model.trainAuc, 4),
    });
    void reloadModels();
  }

  async function openModel(id: string) {
    setView({ kind: 'model', id });
    if (opened?.model.id === id) return;
    setOpened(null);
    try {
      setOpened(await api.call('models.get', { id }));
    } catch (e) {
      reportError(e);
      setView({ kind: 'registry' });
    }
  }

  async function exportModel(m: ModelSummary) {
    try {
      const path = await api.saveExportPath(exportFileName(m));
      if (path === null) return;
      const done = await jobs.start('models.export', { id: m.id, path }).result;
      api.deliverExport(done.path);
      if (api.host === 'electron') reportSuccess('models.exported', { name: modelLabel(m, t), path: done.path });
      else reportSuccess('models.exportedDownload', { name: modelLabel(m, t) });
    } catch (e) {
      reportError(e);
    }
  }

  async function importModel() {
    try {
      const file = await api.pickImportFile(undefined, 'model');
      if (file === null) return;
      const m = await jobs.start('models.import', { path: file.path }).result;
      reportSuccess('models.imported', { name: modelLabel(m, t) });
      await reloadModels();
      void openModel(m.id);
    } catch (e) {
      reportError(e);
    }
  }

  async function confirmDelete() {
    if (!deleting) return;
    const id = deleting.id;
    setDeleteBusy(true);
    try {
      await api.call('models.delete', { id });
      toggle(id, false);
      if (latest?.model.id === id) setLatest(null);
      if (opened?.model.id === id) setOpened(null);
      if (view.kind === 'model' && view.id === id) setView({ kind: 'registry' });
      await reloadModels();
    } catch (e) {
      reportError(e);
    } finally {
      setDeleteBusy(false);
      setDeleting(null);
    }
  }

  const reportActions = { onScore: (m: ModelSummary) => setScoring({ model: m }), onExport: (m: ModelSummary) => void exportModel(m) };
  const segment = view.kind === 'model' ? 'registry' : view.kind;

  return (
    <div className="models-page" data-testid="models-page">
      <div className="subnav">
        <div className="segmented" role="tablist">
          <button type="button" role="tab" aria-selected={segment === 'build'} className={segment === 'build' ? 'active' : ''} data-testid="models-build" onClick={() => setView({ kind: 'build' })}>
            {t('models.nav.build')}
          </button>
          <button type="button" role="tab" aria-selected={segment === 'registry'} className={segment === 'registry' ? 'active' : ''} data-testid="models-registry" onClick={() => setView({ kind: 'registry' })}>
            {t('models.nav.registry')}
            {registry.models !== null && <span className="count">{fmt.int(models.length)}</span>}
          </button>
          <button type="button" role="tab" aria-selected={segment === 'compare'} className={segment === 'compare' ? 'active' : ''} data-testid="models-compare" onClick={() => setView({ kind: 'compare' })}>
            {t('models.nav.compare')}
          </button>
        </div>
        {view.kind === 'build' && (
          <button type="button" className="btn btn-quiet" data-testid="models-form-toggle" aria-pressed={!formHidden} onClick={() => setFormHidden((h) => !h)}>
            {formHidden ? t('models.build.showForm') : t('models.build.hideForm')}
          </button>
        )}
        <span className="spacer" />
        <button type="button" className="btn btn-quiet" title={t('models.refresh')} aria-label={t('models.refresh')} data-testid="models-refresh" onClick={() => void Promise.all([reloadTables(), reloadModels()])}>
          <Icon name="refresh" />
        </button>
        <button type="button" className="btn" data-testid="models-import" onClick={() => void importModel()}>
          <Icon name="upload" />
          {t('models.action.import')}
        </button>
        <button type="button" className="btn btn-primary" data-testid="models-score" disabled={models.length === 0} onClick={() => setScoring({ model: null })}>
          {t('models.action.scoreTable')}
        </button>
      </div>

      <div className="models-body">
        <div className={formHidden ? 'models-build form-hidden' : 'models-build'} hidden={view.kind !== 'build'}>
          <div className="train-slot" hidden={formHidden}>
            <TrainPanel tables={catalog.tables ?? []} onTrained={onTrained} />
          </div>
          <div className="build-result">
            {latest ? (
              <ModelReport key={latest.model.id} result={latest} {...reportActions} />
            ) : (
              <div className="empty build-empty" data-testid="build-empty">
                <div className="empty-icon">
                  <Icon name="models" size={36} />
                </div>
                <h2>{t('models.build.emptyTitle')}</h2>
                <p>{t('models.build.emptyBody')}</p>
              </div>
            )}
          </div>
        </div>
        {view.kind === 'registry' &&
          (registry.models === null ? (
            <p className="muted pad">{t('common.loading')}</p>
          ) : (
            <RegistryView
              models={models}
              selected={selected}
              onToggle={toggle}
              onOpen={(id) => void openModel(id)}
              onScore={(m) => setScoring({ model: m })}
              onExport={(m) => void exportModel(m)}
              onDelete={setDeleting}
              onCompare={() => setView({ kind: 'compare' })}
            />
          ))}
        {view.kind === 'model' &&
          (opened && opened.model.id === view.id ? (
            <ModelReport key={opened.model.id} result={opened} onBack={() => setView({ kind: 'registry' })} {...reportActions} />
          ) : (
            <p className="muted pad">{t('common.loading')}</p>
          ))}
        {view.kind === 'compare' && <CompareView models={models} selected={selected} onToggle={toggle} />}
      </div>

      {scoring && (
        <ScoreDialog
          models={models}
          tables={catalog.tables ?? []}
          initialModel={scoring.model}
          onClose={() => setScoring(null)}
          onScored={() => void reloadTables()}
          onOpenTable={(table) => {
            setScoring(null);
            onOpenTable(table);
          }}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={t('models.delete.title', { name: modelLabel(deleting, t) })}
          confirmLabel={t('models.delete.ok')}
          danger
          busy={deleteBusy}
          onConfirm={() => void confirmDelete()}
          onClose={() => setDeleting(null)}
        >
          <p>{t('models.delete.body', { name: modelLabel(deleting, t) })}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
