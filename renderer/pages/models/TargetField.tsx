/**
 * The outcome column: chosen from the table, then checked by the engine. A 0/1 flag is used as it
 * is; any other column shows its values so the analyst ticks the ones that mean bad (e.g. "M2+").
 */
import type { ErrorShape } from '../../../src/api/errors';
import type { ColumnInfo } from '../../../src/api/workspace';
import { ErrorDetails } from '../../components/ErrorDetails';
import { useI18n } from '../../i18n/I18nProvider';
import { targetMapsItself, type TargetValue } from './trainForm';

/** The engine lists at most this many values; a column with more is no outcome flag. */
const VALUE_LIMIT = 51;

export function TargetField({
  columns,
  target,
  values,
  checking,
  error,
  bad,
  disabled,
  onTarget,
  onBad,
}: {
  columns: readonly ColumnInfo[];
  target: string;
  values: readonly TargetValue[] | null;
  checking: boolean;
  error: ErrorShape | null;
  bad: readonly string[];
  disabled: boolean;
  onTarget(column: string): void;
  onBad(values: string[]): void;
}) {
  const { t, fmt } = useI18n();
  const mapsItself = values !== null && targetMapsItself(values);
  const total = values?.reduce((s, v) => s + v.rows, 0) ?? 0;
  const badRows = values?.filter((v) => (mapsItself ? v.value === '1' || v.value === 'true' : bad.includes(v.value))).reduce((s, v) => s + v.rows, 0) ?? 0;

  function toggle(value: string, on: boolean) {
    onBad(on ? [...bad, value] : bad.filter((b) => b !== value));
  }

  return (
    <div className="target-field">
      <label className="form-row">
        <span className="form-label">{t('models.train.target')}</span>
        <select className="input" data-testid="train-target" value={target} disabled={disabled} onChange={(e) => onTarget(e.target.value)}>
          <option value="">{t('models.train.chooseTarget')}</option>
          {columns.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      {checking && <p className="form-hint muted">{t('models.train.targetChecking')}</p>}
      {error && (
        <div className="inline-error" role="alert">
          <ErrorDetails error={error} />
        </div>
      )}
      {values && !checking && values.length < 2 && (
        <p className="form-hint warn" data-testid="target-problem">
          {t('models.problem.targetOneValue')}
        </p>
      )}
      {values && !checking && values.length >= VALUE_LIMIT && (
        <p className="form-hint warn" data-testid="target-problem">
          {t('models.train.targetManyValues')}
        </p>
      )}
      {values && !checking && mapsItself && (
        <p className="form-hint ok" data-testid="target-binary">
          {t('models.train.targetBinary', { bads: fmt.int(badRows), rate: fmt.pct((badRows / Math.max(1, total)) * 100, 1) })}
        </p>
      )}
      {values && !checking && !mapsItself && values.length >= 2 && (
        <div className="target-map" data-testid="target-map">
          <p className="form-hint">{t('models.train.targetMap')}</p>
          <ul className="value-checks">
            {values.map((v) => (
              <li key={v.value}>
                <label className="check">
                  <input
                    type="checkbox"
                    data-testid="target-bad-value"
                    data-value={v.value}
                    checked={bad.includes(v.value)}
                    disabled={disabled}
                    onChange={(e) => toggle(v.value, e.target.checked)}
                  />
                  <span className="value-name">{v.value}</span>
                  <span className="muted small">{fmt.int(v.rows)}</span>
                </label>
              </li>
            ))}
          </ul>
          {bad.length > 0 && (
            <p className="form-hint">{t('models.train.targetMapped', { bads: fmt.int(badRows), rate: fmt.pct((badRows / Math.max(1, total)) * 100, 1) })}</p>
          )}
        </div>
      )}
    </div>
  );
}
