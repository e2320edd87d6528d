/**
 * Map a table as a performance panel, once: pick the table, check the engine's guess of which
 * column is the loan id, the snapshot date, the arrears and the balance (and the optional ones),
 * optionally point at a table of model PDs, and save. The engine validates against the data
 * (types, one row per loan per snapshot) and its message stays in the dialog.
 */
import { useEffect, useState } from 'react';
import { toErrorShape, type ErrorShape } from '../../../src/api/errors';
import type { PanelInfo, PanelMapping } from '../../../src/api/monitoring';
import type { TableInfo } from '../../../src/api/workspace';
import { useApi } from '../../api/ApiProvider';
import { ErrorDetails } from '../../components/ErrorDetails';
import { Modal } from '../../components/Modal';
import { useI18n } from '../../i18n/I18nProvider';
import { FIELD_LABEL } from './labels';
import { ARREARS_FIELDS, cleanMapping, mappingProblem, OPTIONAL_FIELDS, REQUIRED_FIELDS, type PanelField } from './mappingFields';

function ColumnSelect({ value, columns, onChange, testId, required }: { value: string; columns: readonly string[]; onChange(v: string): void; testId: string; required?: boolean }) {
  const { t } = useI18n();
  return (
    <select className="input" value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId} aria-required={required}>
      <option value="">{t('mon.map.notMapped')}</option>
      {columns.map((c) => (
        <option key={c} value={c}>
          {c}
        </option>
      ))}
    </select>
  );
}

export function MappingDialog({ onClose, onSaved }: { onClose(): void; onSaved(info: PanelInfo): void }) {
  const { t } = useI18n();
  const api = useApi();
  const [tables, setTables] = useState<TableInfo[] | null>(null);
  const [mapping, setMapping] = useState<PanelMapping | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorShape | null>(null);

  useEffect(() => {
    api.call('workspace.tables', {}).then(
      (list) => setTables(list.filter((x) => x.kind === 'data')),
      (e: unknown) => setError(toErrorShape(e)),
    );
  }, [api]);

  async function pickTable(name: string) {
    setError(null);
    setMapping(null);
    if (!name) return;
    try {
      setMapping(await api.call('monitoring.suggestMapping', { table: name }));
    } catch (e) {
      setError(toErrorShape(e));
    }
  }

  async function save() {
    if (!mapping) return;
    setBusy(true);
    setError(null);
    try {
      onSaved(await api.call('monitoring.saveMapping', { mapping: cleanMapping(mapping) }));
    } catch (e) {
      setError(toErrorShape(e));
    } finally {
      setBusy(false);
    }
  }

  const columns = tables?.find((x) => x.name === mapping?.table)?.columns.map((c) => c.name) ?? [];
  const scoreColumns = tables?.find((x) => x.name === mapping?.scores?.table)?.columns.map((c) => c.name) ?? [];
  const problem = mapping ? mappingProblem(mapping) : null;
  const setColumn = (field: PanelField, v: string) => setMapping((m) => (m ? { ...m, columns: { ...m.columns, [field]: v } } : m));
  const setScores = (patch: Partial<NonNullable<PanelMapping['scores']>>) =>
    setMapping((m) => (m ? { ...m, scores: { table: '', key: '', pd: '', ...m.scores, ...patch } } : m));
  const fieldRow = (field: PanelField, required = false) => (
    <label key={field} className="form-row">
      <span className="form-label">
        {t(FIELD_LABEL[field])}
        {required && <span className="mon-required">*</span>}
      </span>
      <ColumnSelect value={mapping?.columns[field] ?? ''} columns={columns} onChange={(v) => setColumn(field, v)} testId={`map-${field}`} required={required} />
    </label>
  );

  return (
    <Modal
      title={t('mon.map.title')}
      onClose={onClose}
      testId="mapping-dialog"
      wide
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </button>
          <button type="button" className="btn btn-primary" data-testid="map-save" disabled={!mapping || problem !== null || busy} onClick={() => void save()}>
            {t('mon.map.save')}
          </button>
        </>
      }
    >
      <div className="form">
        <p>{t('mon.map.intro')}</p>
        <label className="form-row">
          <span className="form-label">{t('mon.map.table')}</span>
          <select className="input" value={mapping?.table ?? ''} onChange={(e) => void pickTable(e.target.value)} data-testid="map-table">
            <option value="">{tables === null ? t('common.loading') : t('mon.map.chooseTable')}</option>
            {tables?.map((x) => (
              <option key={x.name} value={x.name}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
        {mapping && (
          <>
            <label className="form-row">
              <span className="form-label">{t('mon.map.panelName')}</span>
              <input className="input" value={mapping.panel} onChange={(e) => setMapping({ ...mapping, panel: e.target.value.trim() })} data-testid="map-panel" />
            </label>
            <fieldset className="form-group">
              <legend>{t('mon.map.required')}</legend>
              <div className="mon-form-grid">
                {REQUIRED_FIELDS.map((f) => fieldRow(f, true))}
                {ARREARS_FIELDS.map((f) => fieldRow(f))}
              </div>
              <p className="form-note small">{t('mon.map.arrearsNote')}</p>
            </fieldset>
            <fieldset className="form-group">
              <legend>{t('mon.map.optional')}</legend>
              <div className="mon-form-grid">{OPTIONAL_FIELDS.map((f) => fieldRow(f))}</div>
              {mapping.attributes && <p className="form-note small">{t('mon.map.attributes', { table: mapping.attributes.table })}</p>}
            </fieldset>
            <fieldset className="form-group">
              <legend>{t('mon.map.scores')}</legend>
              <div className="mon-form-grid">
                <label className="form-row">
                  <span className="form-label">{t('mon.map.scoresTable')}</span>
                  <select className="input" value={mapping.scores?.table ?? ''} onChange={(e) => (e.target.value ? setScores({ table: e.target.value }) : setMapping({ ...mapping, scores: undefined }))} data-testid="map-scores-table">
                    <option value="">{t('mon.map.noScores')}</option>
                    {tables?.map((x) => (
                      <option key={x.name} value={x.name}>
                        {x.name}
                      </option>
                    ))}
                  </select>
                </label>
                {mapping.scores?.table && (
                  <>
                    <label className="form-row">
                      <span className="form-label">{t('mon.map.scoresKey')}</span>
                      <ColumnSelect value={mapping.scores.key} columns={scoreColumns} onChange={(v) => setScores({ key: v })} testId="map-scores-key" required />
                    </label>
                    <label className="form-row">
                      <span className="form-label">{t('mon.map.scoresPd')}</span>
                      <ColumnSelect value={mapping.scores.pd} columns={scoreColumns} onChange={(v) => setScores({ pd: v })} testId="map-scores-pd" required />
                    </label>
                    <label className="form-row">
                      <span className="form-label">{t('mon.map.scoresSnapshot')}</span>
                      <ColumnSelect value={mapping.scores.snapshotDate ?? ''} columns={scoreColumns} onChange={(v) => setScores({ snapshotDate: v })} testId="map-scores-snapshot" />
                    </label>
                  </>
                )}
              </div>
            </fieldset>
            {problem && <p className="form-warning mon-form-warning">{t(problem)}</p>}
          </>
        )}
        {error && (
          <div className="inline-error" role="alert" data-testid="map-error">
            <ErrorDetails error={error} />
          </div>
        )}
      </div>
    </Modal>
  );
}
