/**
 * The desk rules behind the layered-risk report (分层规则与违约损失率): the ordered layer rules
 * (first rule any of whose conditions holds decides the layer, otherwise A), the loss given default
 * per product for expected loss, and the fixed anomaly thresholds (异常阈值) of the twelve indicators.
 * Case allocation lives in the same saved desk rules and is passed back untouched.
 */
import { LAYERS, TIERS, WARNING_LEVELS, type DeskRules, type PanelInfo } from '../../../src/api/monitoring';
import { useApi } from '../../api/ApiProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { AnomalyThresholds } from './AnomalyThresholds';
import { deskFormFrom, deskRulesFrom, isDefaultLgd, newLayerRow, newLgdRow, placeDeskError, type DeskList, type DeskRulesForm } from './deskRulesForm';
import { LAYER_LABEL, LEVEL_LABEL, TIER_LABEL } from './labels';
import { Choice } from './Choice';
import { OrderedRows } from './OrderedRows';
import { usePanelProducts } from './panelProducts';
import { RulesDialog } from './RulesDialog';
import { useRulesEditor, type RulesEditor } from './useRulesEditor';

type DeskEditor = RulesEditor<DeskRules, DeskRulesForm, Omit<DeskRules, 'savedAt'>, DeskList>;

export function DeskRulesDialog({ info, onClose, onSaved }: { info: PanelInfo; onClose(): void; onSaved(): void }) {
  const { t } = useI18n();
  const api = useApi();
  const editor: DeskEditor = useRulesEditor({
    load: () => api.call('monitoring.deskRules', {}),
    toForm: deskFormFrom,
    // Checked against an empty allocation; the saved one is put back at save time.
    check: (form: DeskRulesForm) => deskRulesFrom(form, []),
    place: placeDeskError,
    onSaved,
  });
  return (
    <RulesDialog
      title={t('mon.desk.title')}
      testId="desk-rules"
      editor={editor}
      restoreNote={t('mon.desk.restoreNote')}
      onSave={() => editor.save((rules, saved) => api.call('monitoring.saveDeskRules', { rules: { ...rules, allocation: saved.allocation } }))}
      onRestore={() => editor.restoreDefaults(() => api.call('monitoring.saveDeskRules', { reset: true }))}
      onClose={onClose}
    >
      {(form) => <DeskSections form={form} editor={editor} info={info} />}
    </RulesDialog>
  );
}

function DeskSections({ form, editor, info }: { form: DeskRulesForm; editor: DeskEditor; info: PanelInfo }) {
  const { t } = useI18n();
  const products = usePanelProducts(info.mapping);
  const set = (patch: Partial<DeskRulesForm>) => editor.setForm({ ...form, ...patch });
  const listed = new Set(form.lgd.map((r) => r.product.trim()));
  return (
    <>
      <section className="mon-edit-section">
        <h3>{t('mon.desk.layerTitle')}</h3>
        <p className="form-note">{t('mon.desk.layerHint')}</p>
        <OrderedRows
          testId="layer-rules"
          ordered
          compact
          rows={form.layerRules}
          onChange={(layerRules) => set({ layerRules })}
          columns={4}
          head={
            <>
              <th>{t('mon.desk.layer')}</th>
              <th>{t('mon.desk.tierAtLeast')}</th>
              <th>{t('mon.desk.warningAtLeast')}</th>
              <th>{t('mon.desk.pdAtLeast')}</th>
            </>
          }
          cells={({ row, update, invalid }) => (
            <>
              <td>
                <Choice value={row.layer} options={LAYERS} labelOf={(l) => t(LAYER_LABEL[l])} label={t('mon.desk.layer')} onChange={(layer) => update({ layer })} testId="layer-rule-layer" />
              </td>
              <td>
                <Choice
                  value={row.tierAtLeast}
                  options={TIERS}
                  labelOf={(tier) => t(TIER_LABEL[tier])}
                  label={t('mon.desk.tierAtLeast')}
                  onChange={(tierAtLeast) => update({ tierAtLeast })}
                  testId="layer-rule-tier"
                  notUsed={t('mon.desk.notUsed')}
                />
              </td>
              <td>
                <Choice
                  value={row.warningAtLeast}
                  options={WARNING_LEVELS}
                  labelOf={(l) => t(LEVEL_LABEL[l])}
                  label={t('mon.desk.warningAtLeast')}
                  onChange={(warningAtLeast) => update({ warningAtLeast })}
                  testId="layer-rule-warning"
                  notUsed={t('mon.desk.notUsed')}
                />
              </td>
              <td>
                <span className="mon-edit-value">
                  <input className="input mon-num-input" inputMode="decimal" value={row.pdAtLeast} placeholder={t('mon.desk.notUsed')} aria-label={t('mon.desk.pdAtLeast')} aria-invalid={invalid('pdAtLeast')} onChange={(e) => update({ pdAtLeast: e.target.value })} data-testid="layer-rule-pd" />
                  <span className="mon-unit">{t('mon.wr.unit.pd')}</span>
                </span>
              </td>
            </>
          )}
          newRow={newLayerRow}
          addLabel={t('mon.desk.addLayerRule')}
          problem={editor.problemOf('layerRules')}
        />
      </section>

      <section className="mon-edit-section">
        <h3>{t('mon.desk.lgdTitle')}</h3>
        <p className="form-note">{products.length > 0 ? t('mon.desk.lgdHint', { products: products.join(', ') }) : t('mon.desk.lgdHintNoProducts')}</p>
        <datalist id="mon-panel-products">
          {products
            .filter((p) => !listed.has(p))
            .map((p) => (
              <option key={p} value={p} />
            ))}
        </datalist>
        <OrderedRows
          testId="lgd-rows"
          compact
          rows={form.lgd}
          onChange={(lgd) => set({ lgd })}
          locked={isDefaultLgd}
          columns={2}
          head={
            <>
              <th>{t('mon.field.product')}</th>
              <th>{t('mon.desk.lgd')}</th>
            </>
          }
          cells={({ row, update, invalid }) => (
            <>
              <td className="mon-edit-wide">
                {isDefaultLgd(row) ? (
                  <span className="mon-edit-fixed" data-product="default">
                    {t('mon.desk.lgdDefault')}
                  </span>
                ) : (
                  <input className="input" list="mon-panel-products" value={row.product} aria-label={t('mon.field.product')} aria-invalid={invalid('product')} onChange={(e) => update({ product: e.target.value })} data-testid="lgd-product" />
                )}
              </td>
              <td>
                <span className="mon-edit-value">
                  <input className="input mon-num-input" inputMode="decimal" value={row.lgd} aria-label={t('mon.desk.lgd')} aria-invalid={invalid('lgd')} onChange={(e) => update({ lgd: e.target.value })} data-testid={isDefaultLgd(row) ? 'lgd-default' : 'lgd-value'} />
                  <span className="mon-unit">{t('mon.desk.unit.share')}</span>
                </span>
              </td>
            </>
          )}
          newRow={newLgdRow}
          addLabel={t('mon.desk.addLgd')}
          problem={editor.problemOf('lgd')}
        />
      </section>

      <section className="mon-edit-section">
        <h3>{t('mon.desk.thresholdsTitle')}</h3>
        <p className="form-note">{t('mon.desk.thresholdsHint')}</p>
        <AnomalyThresholds thresholds={form.thresholds} onChange={(thresholds) => set({ thresholds })} problem={editor.problemOf('thresholds')} />
      </section>
    </>
  );
}
