/**
 * The train panel: table, target (checked, or mapped to bad/good), features with their profile,
 * model and parameters, validation, name; then training as a job with its progress and Cancel here.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { toErrorShape, type ErrorShape } from '../../../src/api/errors';
import type { TrainResult } from '../../../src/api/models';
import type { TableInfo } from '../../../src/api/workspace';
import { useApi } from '../../api/ApiProvider';
import { ErrorDetails } from '../../components/ErrorDetails';
import { Icon } from '../../components/Icon';
import { ProgressBar } from '../../components/ProgressBar';
import { useI18n } from '../../i18n/I18nProvider';
import { useJobRun } from '../../state/useJobRun';
import { FeatureChecklist } from './FeatureChecklist';
import { ModelSettings } from './ModelSettings';
import { TargetField } from './TargetField';
import { DEFAULT_FORM, suggestTarget, trainArgsOf, type TargetValue, type TrainForm } from './trainForm';
import { useTableProfile } from './useTableProfile';
import { ValidationSettings } from './ValidationSettings';

interface TargetCheck {
  /** The table and target the answer is for: a late answer for an old choice is ignored. */
  key: string;
  values: TargetValue[] | null;
  defaults: string[];
  error: ErrorShape | null;
}

export function TrainPanel({ tables, onTrained }: { tables: readonly TableInfo[]; onTrained(result: TrainResult): void }) {
  const { t, fmt } = useI18n();
  const api = useApi();
  const [form, setForm] = useState<TrainForm>(DEFAULT_FORM);
  const patch = useCallback((p: Partial<TrainForm>) => setForm((f) => ({ ...f, ...p })), []);
  const [check, setCheck] = useState<TargetCheck | null>(null);
  const { job, running, error, wasCancelled, run: runJob, cancel } = useJobRun();

  const dataTables = useMemo(() => tables.filter((x) => x.kind === 'data'), [tables]);
  const table = dataTables.find((x) => x.name === form.table) ?? null;
  const profile = useTableProfile(table);
  const targetKey = `${form.table}\u0000${form.target}`;
  const checked = check && check.key === targetKey ? check : null;

  // A new table starts a new model: target and features are chosen again, and a name given for the old table is dropped.
  const chooseTable = useCallback(
    (next: TableInfo) =>
      setForm((f) => ({ ...f, table: next.name, target: suggestTarget(next.columns.map((c) => c.name)), bad: [], features: [], name: '' })),
    [],
  );

  // Start on the first table; follow a table that was renamed or dropped meanwhile.
  useEffect(() => {
    if (!running && !table && dataTables.length > 0) chooseTable(dataTables[0]);
  }, [running, table, dataTables, chooseTable]);

  // Check the target as soon as it is chosen: its values (binary or to be mapped) and the default features for it.
  const latestKey = useRef('');
  useEffect(() => {
    latestKey.current = targetKey;
    if (form.table === '' || form.target === '') return;
    const key = targetKey;
    const args = { table: form.table, target: form.target };
    void (async () => {
      let values: TargetValue[] | null = null;
      let defaults: string[] = [];
      let failure: ErrorShape | null = null;
      try {
        values = await api.call('models.targetValues', args);
      } catch (e) {
        failure = toErrorShape(e);
      }
      try {
        defaults = (await api.call('models.defaultFeatures', args)).map((f) => f.name);
      } catch {
        // No default set (e.g. no numeric column): the analyst ticks features by hand.
      }
      if (latestKey.current !== key) return;
      setCheck({ key, values, defaults, error: failure });
      setForm((f) => ({ ...f, bad: [], features: defaults }));
    })();
  }, [api, targetKey, form.table, form.target]);

  const verdict = trainArgsOf(form, checked?.values ?? null);

  async function train() {
    if (!verdict.ok || running) return;
    const trained = await runJob('models.train', verdict.args);
    if (trained) onTrained(trained);
  }

  const featureColumns = table ? table.columns.filter((c) => c.name !== form.target) : [];

  return (
    <aside className="train-panel panel" data-testid="train-panel">
      <div className="train-scroll">
        <fieldset className="form-group" disabled={running}>
          <legend>{t('models.train.data')}</legend>
          <label className="form-row">
            <span className="form-label">{t('models.train.table')}</span>
            <select
              className="input"
              data-testid="train-table"
              value={form.table}
              onChange={(e) => {
                const next = dataTables.find((x) => x.name === e.target.value);
                if (next) chooseTable(next);
              }}
            >
              {dataTables.length === 0 && <option value="">{t('models.train.noTables')}</option>}
              {dataTables.map((x) => (
                <option key={x.name} value={x.name}>
                  {`${x.name} · ${fmt.int(x.rows)}`}
                </option>
              ))}
            </select>
          </label>
          <TargetField
            columns={table?.columns ?? []}
            target={form.target}
            values={checked?.values ?? null}
            checking={form.target !== '' && checked === null}
            error={checked?.error ?? null}
            bad={form.bad}
            disabled={running}
            onTarget={(target) => patch({ target, bad: [], features: [] })}
            onBad={(bad) => patch({ bad })}
          />
        </fieldset>

        <fieldset className="form-group" disabled={running}>
          <legend>{t('models.train.features')}</legend>
          <FeatureChecklist
            columns={featureColumns}
            selected={form.features}
            defaults={checked?.defaults ?? null}
            rows={table?.rows ?? 0}
            profile={profile}
            disabled={running || form.target === ''}
            onChange={(features) => patch({ features })}
          />
        </fieldset>

        <fieldset className="form-group" disabled={running}>
          <legend>{t('models.train.modelGroup')}</legend>
          <ModelSettings form={form} disabled={running} patch={patch} />
        </fieldset>

        <fieldset className="form-group" disabled={running}>
          <legend>{t('models.train.validationGroup')}</legend>
          <ValidationSettings form={form} disabled={running} patch={patch} />
        </fieldset>

        <label className="form-row name-row">
          <span className="form-label">{t('models.train.name')}</span>
          <input
            className="input"
            data-testid="train-name"
            spellCheck={false}
            placeholder={form.table ? `${form.table}_${form.model}` : ''}
            value={form.name}
            disabled={running}
            onChange={(e) => patch({ name: e.target.value })}
          />
        </label>
      </div>

      <footer className="train-footer">
        {running ? (
          <div className="job-inline" data-testid="train-progress">
            <ProgressBar done={job?.done ?? 0} total={job?.total ?? null} />
            <span className="train-message">{job?.message ?? t('models.train.starting')}</span>
            <span className="spacer" />
            <button type="button" className="btn btn-small" data-testid="train-cancel" onClick={cancel}>
              {t('common.cancel')}
            </button>
          </div>
        ) : (
          <div className="toolbar">
            <button type="button" className="btn btn-primary" data-testid="train-run" disabled={!verdict.ok} onClick={() => void train()}>
              <Icon name="play" size={14} />
              {t('models.train.run')}
            </button>
            {!verdict.ok && (
              <span className="muted small" data-testid="train-problem">
                {t(verdict.problem)}
              </span>
            )}
          </div>
        )}
        {wasCancelled && (
          <p className="form-note" data-testid="train-cancelled">
            {t('models.train.cancelled')}
          </p>
        )}
        {error && (
          <div className="inline-error" role="alert" data-testid="train-error">
            <ErrorDetails error={error} />
          </div>
        )}
      </footer>
    </aside>
  );
}
