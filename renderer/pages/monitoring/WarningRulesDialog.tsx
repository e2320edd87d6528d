/**
 * Early-warning rules (预警规则), edited by the desk: loan-level signals (metric, comparison,
 * threshold, level 黄/橙/红) and portfolio indicators with light / moderate / severe thresholds
 * (轻度/中度/重度). Saved as one rule book; "restore defaults" goes back to the shipped rules.
 */
import { SEVERITIES, WARNING_LEVELS, type WarningRules } from '../../../src/api/monitoring';
import { useApi } from '../../api/ApiProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { LEVEL_LABEL, PORTFOLIO_INDICATOR_LABEL, SEVERITY_LABEL } from './labels';
import { Choice } from './Choice';
import { OrderedRows } from './OrderedRows';
import { RulesDialog } from './RulesDialog';
import { useRulesEditor, type RulesEditor } from './useRulesEditor';
import {
  COMPARISONS,
  LOAN_METRICS,
  METRIC_LABEL,
  METRIC_UNIT,
  newLoanRow,
  newPortfolioRow,
  placeWarningError,
  PORTFOLIO_INDICATORS,
  warningFormFrom,
  warningRulesFrom,
  type WarningList,
  type WarningRulesForm,
} from './warningRulesForm';

export function WarningRulesDialog({ onClose, onSaved }: { onClose(): void; onSaved(): void }) {
  const { t } = useI18n();
  const api = useApi();
  const editor = useRulesEditor({
    load: () => api.call('monitoring.warningRules', {}),
    toForm: warningFormFrom,
    check: warningRulesFrom,
    place: placeWarningError,
    onSaved,
  });
  return (
    <RulesDialog
      title={t('mon.wr.title')}
      testId="warning-rules"
      editor={editor}
      restoreNote={t('mon.wr.restoreNote')}
      onSave={() => editor.save((rules: WarningRules) => api.call('monitoring.saveWarningRules', { rules }))}
      onRestore={() => editor.restoreDefaults(() => api.call('monitoring.saveWarningRules', { reset: true }))}
      onClose={onClose}
    >
      {(form) => <WarningRulesSections form={form} setForm={editor.setForm} problemOf={editor.problemOf} />}
    </RulesDialog>
  );
}

function WarningRulesSections({
  form,
  setForm,
  problemOf,
}: {
  form: WarningRulesForm;
  setForm(f: WarningRulesForm): void;
  problemOf: RulesEditor<WarningRules, WarningRulesForm, WarningRules, WarningList>['problemOf'];
}) {
  const { t } = useI18n();
  const enabledCell = (checked: boolean, onChange: (on: boolean) => void) => (
    <td className="mon-edit-check">
      <input type="checkbox" checked={checked} aria-label={t('mon.wr.enabled')} onChange={(e) => onChange(e.target.checked)} data-testid="rule-enabled" />
    </td>
  );
  return (
    <>
      <section className="mon-edit-section">
        <h3>{t('mon.wr.loanTitle')}</h3>
        <p className="form-note">{t('mon.wr.loanHint')}</p>
        <OrderedRows
          testId="loan-rules"
          rows={form.loan}
          onChange={(loan) => setForm({ ...form, loan })}
          columns={6}
          head={
            <>
              <th>{t('mon.wr.enabled')}</th>
              <th>{t('mon.wr.label')}</th>
              <th>{t('mon.wr.metric')}</th>
              <th>{t('mon.wr.comparison')}</th>
              <th>{t('mon.wr.threshold')}</th>
              <th>{t('mon.wr.level')}</th>
            </>
          }
          cells={({ row, update, invalid }) => (
            <>
              {enabledCell(row.enabled, (enabled) => update({ enabled }))}
              <td className="mon-edit-wide">
                <input className="input" value={row.label} title={row.label} aria-label={t('mon.wr.label')} aria-invalid={invalid('label')} onChange={(e) => update({ label: e.target.value })} data-testid="rule-label" />
              </td>
              <td>
                <Choice value={row.metric} options={LOAN_METRICS} labelOf={(m) => t(METRIC_LABEL[m])} label={t('mon.wr.metric')} onChange={(metric) => update({ metric })} testId="rule-metric" />
              </td>
              <td>
                <Choice
                  className="mon-edit-cmp"
                  value={row.comparison}
                  options={COMPARISONS}
                  labelOf={(c) => c.replace('>=', '≥').replace('<=', '≤')}
                  label={t('mon.wr.comparison')}
                  onChange={(comparison) => update({ comparison })}
                  testId="rule-comparison"
                />
              </td>
              <td>
                <span className="mon-edit-value">
                  <input className="input mon-num-input" inputMode="decimal" value={row.threshold} aria-label={t('mon.wr.threshold')} aria-invalid={invalid('threshold')} onChange={(e) => update({ threshold: e.target.value })} data-testid="rule-threshold" />
                  <span className="mon-unit">{t(METRIC_UNIT[row.metric])}</span>
                </span>
              </td>
              <td>
                <span className="mon-edit-level">
                  <span className="mon-swatch" data-level={row.level} />
                  <Choice value={row.level} options={WARNING_LEVELS} labelOf={(l) => t(LEVEL_LABEL[l])} label={t('mon.wr.level')} onChange={(level) => update({ level })} testId="rule-level" />
                </span>
              </td>
            </>
          )}
          newRow={() => newLoanRow(form)}
          addLabel={t('mon.wr.addLoan')}
          problem={problemOf('loan')}
        />
      </section>
      <section className="mon-edit-section">
        <h3>{t('mon.wr.portfolioTitle')}</h3>
        <p className="form-note">{t('mon.wr.portfolioHint')}</p>
        <OrderedRows
          testId="portfolio-rules"
          rows={form.portfolio}
          onChange={(portfolio) => setForm({ ...form, portfolio })}
          columns={5}
          head={
            <>
              <th>{t('mon.wr.enabled')}</th>
              <th>{t('mon.pind.indicator')}</th>
              {SEVERITIES.map((s) => (
                <th key={s}>{t(SEVERITY_LABEL[s])}</th>
              ))}
            </>
          }
          cells={({ row, update, invalid }) => (
            <>
              {enabledCell(row.enabled, (enabled) => update({ enabled }))}
              <td className="mon-edit-wide">
                <Choice
                  value={row.indicator}
                  options={PORTFOLIO_INDICATORS}
                  labelOf={(i) => t(PORTFOLIO_INDICATOR_LABEL[i])}
                  label={t('mon.pind.indicator')}
                  invalid={invalid('indicator')}
                  onChange={(indicator) => update({ indicator })}
                  testId="rule-indicator"
                />
              </td>
              {SEVERITIES.map((s) => (
                <td key={s}>
                  <input className="input mon-num-input" inputMode="decimal" value={row[s]} aria-label={t(SEVERITY_LABEL[s])} aria-invalid={invalid(s)} onChange={(e) => update({ [s]: e.target.value })} data-testid={`rule-${s}`} />
                </td>
              ))}
            </>
          )}
          newRow={() => newPortfolioRow(form)}
          addLabel={t('mon.wr.addPortfolio')}
          problem={problemOf('portfolio')}
        />
      </section>
    </>
  );
}
