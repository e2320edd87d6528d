/**
 * Edit a five-tier rule set: start from any set (the built-in ones are read-only, so edits are
 * saved as a copy under a new name), change the days-past-due limits (with other limits for some
 * products of a mixed book), the overrides and the provision rates, and save. A saved set of the
 * user's own can also be deleted here.
 */
import { useState } from 'react';
import { toErrorShape, type ErrorShape } from '../../../src/api/errors';
import { TIERS, type Tier, type TierRuleSet } from '../../../src/api/monitoring';
import { useApi } from '../../api/ApiProvider';
import { ErrorDetails } from '../../components/ErrorDetails';
import { Modal } from '../../components/Modal';
import type { MessageKey } from '../../i18n/catalog';
import { useI18n } from '../../i18n/I18nProvider';
import { ruleSetName, TIER_LABEL } from './labels';
import { ProductLimits } from './ProductLimits';
import { DPD_LIMIT_TIERS, formFrom, OVERRIDE_FLAGS, ruleSetFrom, type RuleSetForm } from './ruleSetForm';

/** What the page falls back to once the set in use is deleted. */
const DEFAULT_RULE_SET = 'retail_2023';

const FLAG_LABEL: Record<(typeof OVERRIDE_FLAGS)[number], MessageKey> = {
  restructured: 'mon.rules.restructured',
  chargedOff: 'mon.rules.chargedOff',
};

export function RuleSetDialog({
  ruleSets,
  current,
  products,
  onClose,
  onChanged,
}: {
  ruleSets: readonly TierRuleSet[];
  current: string;
  /** Product codes of the panel in use, shown where the user types product codes. */
  products: readonly string[];
  onClose(): void;
  /** Saved or deleted: the set to use from now on. */
  onChanged(name: string): void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const [base, setBase] = useState(current);
  const baseSet = ruleSets.find((r) => r.name === base) ?? ruleSets[0];
  const [form, setForm] = useState<RuleSetForm>(() => formFrom(baseSet));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorShape | null>(null);
  const checked = ruleSetFrom(form);
  const productProblem = !checked.ok && checked.productRow !== undefined ? { row: checked.productRow, message: checked.problem } : null;
  const isBuiltinName = ruleSets.some((r) => r.builtin && r.name === form.name);
  const deletable = !baseSet.builtin && form.name === baseSet.name;

  async function act(fn: () => Promise<string>) {
    setBusy(true);
    setError(null);
    try {
      onChanged(await fn());
    } catch (e) {
      setError(toErrorShape(e));
    } finally {
      setBusy(false);
    }
  }

  const numberInput = (value: string, onChange: (v: string) => void, testId: string, label: string) => (
    <input className="input mon-num-input" inputMode="decimal" value={value} aria-label={label} onChange={(e) => onChange(e.target.value)} data-testid={testId} />
  );

  return (
    <Modal
      title={t('mon.rules.title')}
      onClose={onClose}
      testId="rules-dialog"
      wide
      footer={
        <>
          {deletable && (
            <button
              type="button"
              className="btn btn-quiet danger"
              data-testid="rules-delete"
              disabled={busy}
              onClick={() =>
                void act(async () => {
                  await api.call('monitoring.deleteRuleSet', { name: baseSet.name });
                  return DEFAULT_RULE_SET;
                })
              }
            >
              {t('mon.rules.delete')}
            </button>
          )}
          <span className="spacer" />
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="btn btn-primary"
            data-testid="rules-save"
            disabled={!checked.ok || isBuiltinName || busy}
            onClick={() => checked.ok && void act(async () => (await api.call('monitoring.saveRuleSet', { ruleSet: checked.ruleSet })).name)}
          >
            {t('mon.rules.save')}
          </button>
        </>
      }
    >
      <div className="form">
        <label className="form-row">
          <span className="form-label">{t('mon.rules.base')}</span>
          <select
            className="input"
            value={base}
            onChange={(e) => {
              setBase(e.target.value);
              const next = ruleSets.find((r) => r.name === e.target.value);
              if (next) setForm(formFrom(next));
            }}
            data-testid="rules-base"
          >
            {ruleSets.map((r) => (
              <option key={r.name} value={r.name}>
                {ruleSetName(r, t)}
              </option>
            ))}
          </select>
        </label>
        {baseSet.builtin && <p className="form-note">{t('mon.rules.builtinNote')}</p>}
        <label className="form-row">
          <span className="form-label">{t('mon.rules.name')}</span>
          <input className="input" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value.trim() })} data-testid="rules-name" />
        </label>
        <label className="form-row">
          <span className="form-label">{t('mon.rules.label')}</span>
          <input className="input" value={form.label} onChange={(e) => setForm({ ...form, label: e.target.value })} data-testid="rules-label" />
        </label>
        <table className="mon-table mon-rules-table">
          <thead>
            <tr>
              <th>{t('mon.col.tier')}</th>
              <th className="num">{t('mon.rules.maxDpd')}</th>
              <th className="num">{t('mon.rules.rate')}</th>
            </tr>
          </thead>
          <tbody>
            {TIERS.map((tier: Tier) => (
              <tr key={tier}>
                <td>
                  <span className="mon-swatch" data-tier={tier} />
                  {t(TIER_LABEL[tier])}
                </td>
                <td className="num">
                  {(DPD_LIMIT_TIERS as readonly Tier[]).includes(tier) ? (
                    numberInput(form.maxDpd[tier as (typeof DPD_LIMIT_TIERS)[number]], (v) => setForm({ ...form, maxDpd: { ...form.maxDpd, [tier]: v } }), `rules-dpd-${tier}`, t('mon.rules.maxDpdOf', { tier: t(TIER_LABEL[tier]) }))
                  ) : (
                    <span className="muted">{t('mon.rules.above', { days: form.maxDpd.doubtful })}</span>
                  )}
                </td>
                <td className="num">
                  {numberInput(form.ratesPct[tier], (v) => setForm({ ...form, ratesPct: { ...form.ratesPct, [tier]: v } }), `rules-rate-${tier}`, t('mon.rules.rateOf', { tier: t(TIER_LABEL[tier]) }))}
                  <span className="mon-unit">%</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <ProductLimits rows={form.byProduct} mainLimits={form.maxDpd} products={products} problem={productProblem} onChange={(byProduct) => setForm({ ...form, byProduct })} />
        <fieldset className="form-group">
          <legend>{t('mon.rules.overrides')}</legend>
          {OVERRIDE_FLAGS.map((flag) => (
            <label key={flag} className="form-row">
              <span className="form-label">{t(FLAG_LABEL[flag])}</span>
              <select
                className="input"
                value={form.overrides[flag]}
                onChange={(e) => setForm({ ...form, overrides: { ...form.overrides, [flag]: e.target.value as Tier | '' } })}
                data-testid={`rules-override-${flag}`}
              >
                <option value="">{t('mon.rules.noOverride')}</option>
                {TIERS.map((tier) => (
                  <option key={tier} value={tier}>
                    {t('mon.rules.atLeast', { tier: t(TIER_LABEL[tier]) })}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </fieldset>
        {!checked.ok && !productProblem && <p className="form-warning mon-form-warning">{t(checked.problem)}</p>}
        {checked.ok && isBuiltinName && <p className="form-warning mon-form-warning">{t('mon.rules.builtinName')}</p>}
        {error && (
          <div className="inline-error" role="alert" data-testid="rules-error">
            <ErrorDetails error={error} />
          </div>
        )}
      </div>
    </Modal>
  );
}
