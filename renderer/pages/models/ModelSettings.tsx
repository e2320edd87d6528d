/** The model and its parameters: L2 for the logistic regression; trees, depth, leaves, features per split and class weights for the forest. */
import type { ModelKind } from '../../../src/api/models';
import { useI18n } from '../../i18n/I18nProvider';
import type { MaxFeaturesChoice, TrainForm } from './trainForm';

type Patch = (p: Partial<TrainForm>) => void;

function NumberRow({ label, hint, value, testId, disabled, onChange }: { label: string; hint?: string; value: string; testId: string; disabled: boolean; onChange(v: string): void }) {
  return (
    <label className="form-row">
      <span className="form-label">{label}</span>
      <span className="field-with-hint">
        <input className="input input-num" inputMode="decimal" data-testid={testId} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)} />
        {hint && <span className="muted small">{hint}</span>}
      </span>
    </label>
  );
}

export function ModelSettings({ form, disabled, patch }: { form: TrainForm; disabled: boolean; patch: Patch }) {
  const { t } = useI18n();
  const kinds: { id: ModelKind; label: string }[] = [
    { id: 'logistic', label: t('models.kind.logistic') },
    { id: 'forest', label: t('models.kind.forest') },
  ];
  return (
    <>
      <div className="form-row">
        <span className="form-label">{t('models.train.model')}</span>
        <div className="segmented" role="radiogroup" aria-label={t('models.train.model')}>
          {kinds.map((k) => (
            <button
              key={k.id}
              type="button"
              role="radio"
              aria-checked={form.model === k.id}
              className={form.model === k.id ? 'active' : ''}
              data-testid={`train-model-${k.id}`}
              disabled={disabled}
              onClick={() => patch({ model: k.id })}
            >
              {k.label}
            </button>
          ))}
        </div>
      </div>
      {form.model === 'logistic' ? (
        <>
          <NumberRow label={t('models.param.l2')} hint={t('models.param.l2Hint')} value={form.l2} testId="param-l2" disabled={disabled} onChange={(l2) => patch({ l2 })} />
          <label className="form-row">
            <span className="form-label">{t('models.param.impute')}</span>
            <select className="input" data-testid="param-impute" value={form.impute} disabled={disabled} onChange={(e) => patch({ impute: e.target.value === 'median' ? 'median' : 'none' })}>
              <option value="none">{t('models.param.imputeNone')}</option>
              <option value="median">{t('models.param.imputeMedian')}</option>
            </select>
          </label>
        </>
      ) : (
        <>
          <NumberRow label={t('models.param.trees')} value={form.trees} testId="param-trees" disabled={disabled} onChange={(trees) => patch({ trees })} />
          <NumberRow label={t('models.param.maxDepth')} hint={t('models.param.maxDepthHint')} value={form.maxDepth} testId="param-max-depth" disabled={disabled} onChange={(maxDepth) => patch({ maxDepth })} />
          <NumberRow label={t('models.param.minSamplesLeaf')} value={form.minSamplesLeaf} testId="param-min-leaf" disabled={disabled} onChange={(minSamplesLeaf) => patch({ minSamplesLeaf })} />
          <label className="form-row">
            <span className="form-label">{t('models.param.maxFeatures')}</span>
            <span className="field-with-hint">
              <select
                className="input"
                data-testid="param-max-features"
                value={form.maxFeatures}
                disabled={disabled}
                onChange={(e) => patch({ maxFeatures: e.target.value as MaxFeaturesChoice })}
              >
                <option value="sqrt">{t('models.param.maxFeaturesSqrt')}</option>
                <option value="log2">{t('models.param.maxFeaturesLog2')}</option>
                <option value="all">{t('models.param.maxFeaturesAll')}</option>
                <option value="custom">{t('models.param.maxFeaturesCustom')}</option>
              </select>
              {form.maxFeatures === 'custom' && (
                <input
                  className="input input-num"
                  inputMode="decimal"
                  aria-label={t('models.param.maxFeaturesCustom')}
                  data-testid="param-max-features-value"
                  value={form.maxFeaturesValue}
                  disabled={disabled}
                  onChange={(e) => patch({ maxFeaturesValue: e.target.value })}
                />
              )}
            </span>
          </label>
          <label className="form-row">
            <span className="form-label">{t('models.param.classWeight')}</span>
            <select
              className="input"
              data-testid="param-class-weight"
              value={form.classWeight}
              disabled={disabled}
              onChange={(e) => patch({ classWeight: e.target.value === 'balanced' ? 'balanced' : 'none' })}
            >
              <option value="none">{t('models.param.classWeightNone')}</option>
              <option value="balanced">{t('models.param.classWeightBalanced')}</option>
            </select>
          </label>
        </>
      )}
    </>
  );
}
