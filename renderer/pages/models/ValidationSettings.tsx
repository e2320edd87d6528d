/**
 * How the model is judged: a stratified random holdout, an out-of-time holdout by a SQL condition
 * (the test most validators ask for), or none; the seed; and optional k-fold cross-validation.
 */
import { useI18n } from '../../i18n/I18nProvider';
import type { TrainForm, ValidationChoice } from './trainForm';

export function ValidationSettings({ form, disabled, patch }: { form: TrainForm; disabled: boolean; patch(p: Partial<TrainForm>): void }) {
  const { t } = useI18n();
  return (
    <>
      <label className="form-row">
        <span className="form-label">{t('models.validation.holdout')}</span>
        <select
          className="input"
          data-testid="train-validation"
          value={form.validation}
          disabled={disabled}
          onChange={(e) => patch({ validation: e.target.value as ValidationChoice })}
        >
          <option value="random">{t('models.validation.random')}</option>
          <option value="where">{t('models.validation.where')}</option>
          <option value="none">{t('models.validation.none')}</option>
        </select>
      </label>
      {form.validation === 'random' && (
        <label className="form-row">
          <span className="form-label">{t('models.validation.testFraction')}</span>
          <input className="input input-num" inputMode="decimal" data-testid="train-test-fraction" value={form.testFraction} disabled={disabled} onChange={(e) => patch({ testFraction: e.target.value })} />
        </label>
      )}
      {form.validation === 'where' && (
        <div className="form-row form-row-top">
          <span className="form-label">{t('models.validation.testWhere')}</span>
          <span className="field-stack">
            <input
              className="input input-code"
              data-testid="train-test-where"
              spellCheck={false}
              placeholder={t('models.validation.testWherePlaceholder')}
              value={form.testWhere}
              disabled={disabled}
              onChange={(e) => patch({ testWhere: e.target.value })}
            />
            <span className="muted small">{t('models.validation.testWhereHint')}</span>
          </span>
        </div>
      )}
      <label className="form-row">
        <span className="form-label">{t('models.validation.seed')}</span>
        <input className="input input-num" inputMode="numeric" data-testid="train-seed" value={form.seed} disabled={disabled} onChange={(e) => patch({ seed: e.target.value })} />
      </label>
      <div className="form-row">
        <span className="form-label">{t('models.validation.cv')}</span>
        <span className="field-with-hint">
          <label className="check">
            <input type="checkbox" data-testid="train-cv" checked={form.crossValidate} disabled={disabled} onChange={(e) => patch({ crossValidate: e.target.checked })} />
            <span>{t('models.validation.cvOn')}</span>
          </label>
          {form.crossValidate && (
            <input
              className="input input-num"
              inputMode="numeric"
              aria-label={t('models.validation.cvFolds')}
              data-testid="train-cv-folds"
              value={form.cvFolds}
              disabled={disabled}
              onChange={(e) => patch({ cvFolds: e.target.value })}
            />
          )}
          {form.crossValidate && <span className="muted small">{t('models.validation.cvFolds')}</span>}
        </span>
      </div>
    </>
  );
}
