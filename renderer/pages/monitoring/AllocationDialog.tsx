/**
 * Case-allocation rules (案件分配规则): ordered rows routing each delinquent loan to a collection team
 * (催收团队) by collection stage (催收阶段 早期/中期/后期), risk layer and balance; the first row a case
 * matches decides. Saved in the desk rules with everything else in them sent back as it was.
 */
import { COLLECTION_STAGES, LAYERS, type CaseAllocationRule, type DeskRules } from '../../../src/api/monitoring';
import { useApi } from '../../api/ApiProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { allocationFormFrom, allocationFrom, newAllocationRow, placeAllocationError, toggleIn, type AllocationRow } from './allocationForm';
import { builtinKey, LAYER_LABEL, STAGE_SHORT_LABEL, TEAM_LABEL } from './labels';
import { OrderedRows } from './OrderedRows';
import { RulesDialog } from './RulesDialog';
import { useRulesEditor } from './useRulesEditor';

export function AllocationDialog({ onClose, onSaved }: { onClose(): void; onSaved(): void }) {
  const { t } = useI18n();
  const api = useApi();
  const editor = useRulesEditor({
    load: () => api.call('monitoring.deskRules', {}),
    toForm: (d: DeskRules) => allocationFormFrom(d.allocation),
    check: allocationFrom,
    place: placeAllocationError,
    onSaved,
  });
  const save = (allocation: CaseAllocationRule[], saved: DeskRules) =>
    api.call('monitoring.saveDeskRules', {
      rules: { layerRules: saved.layerRules, lgd: saved.lgd, thresholds: saved.thresholds, allocation },
    });
  return (
    <RulesDialog
      title={t('mon.alloc.title')}
      testId="allocation-rules"
      editor={editor}
      restoreNote={t('mon.desk.restoreNote')}
      onSave={() => editor.save(save)}
      onRestore={() => editor.restoreDefaults(() => api.call('monitoring.saveDeskRules', { reset: true }))}
      onClose={onClose}
    >
      {(rows) => (
        <section className="mon-edit-section">
          <p className="form-note">{t('mon.alloc.hint')}</p>
          <OrderedRows
            testId="allocation-rows"
            ordered
            rows={rows}
            onChange={editor.setForm}
            columns={5}
            head={
              <>
                <th>{t('mon.collections.team')}</th>
                <th>{t('mon.collections.stage')}</th>
                <th>{t('mon.desk.layer')}</th>
                <th>{t('mon.alloc.minBalance')}</th>
                <th>{t('mon.alloc.maxBalance')}</th>
              </>
            }
            cells={(c) => <AllocationCells {...c} />}
            newRow={newAllocationRow}
            addLabel={t('mon.alloc.add')}
            problem={editor.problemOf('allocation')}
          />
        </section>
      )}
    </RulesDialog>
  );
}

function AllocationCells({ row, update, invalid }: { row: AllocationRow; update(patch: Partial<AllocationRow>): void; invalid(field: string): boolean }) {
  const { t } = useI18n();
  const teamKey = builtinKey(TEAM_LABEL, row.team.trim());
  const balance = (field: 'minBalance' | 'maxBalance') => (
    <td>
      <input className="input mon-num-input mon-amount-input" inputMode="decimal" value={row[field]} placeholder={t('mon.alloc.noLimit')} aria-label={t(field === 'minBalance' ? 'mon.alloc.minBalance' : 'mon.alloc.maxBalance')} aria-invalid={invalid(field)} onChange={(e) => update({ [field]: e.target.value })} data-testid={`allocation-${field}`} />
    </td>
  );
  return (
    <>
      <td className="mon-edit-wide">
        <input className="input" value={row.team} aria-label={t('mon.collections.team')} aria-invalid={invalid('team')} onChange={(e) => update({ team: e.target.value })} data-testid="allocation-team" />
        {teamKey && <span className="mon-edit-caption">{t(teamKey)}</span>}
      </td>
      <td>
        <span className="mon-edit-checks" data-testid="allocation-stages">
          {COLLECTION_STAGES.map((s) => (
            <label key={s} className="mon-edit-checkbox">
              <input type="checkbox" checked={row.stages.includes(s)} onChange={(e) => update({ stages: toggleIn(COLLECTION_STAGES, row.stages, s, e.target.checked) })} data-stage={s} />
              {t(STAGE_SHORT_LABEL[s])}
            </label>
          ))}
        </span>
      </td>
      <td>
        <span className="mon-edit-checks" data-testid="allocation-layers">
          {LAYERS.map((l) => (
            <label key={l} className="mon-edit-checkbox" title={t(LAYER_LABEL[l])}>
              <input type="checkbox" checked={row.layers.includes(l)} onChange={(e) => update({ layers: toggleIn(LAYERS, row.layers, l, e.target.checked) })} data-layer={l} />
              {l}
            </label>
          ))}
        </span>
      </td>
      {balance('minBalance')}
      {balance('maxBalance')}
    </>
  );
}
