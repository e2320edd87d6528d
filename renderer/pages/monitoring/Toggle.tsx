/** A small segmented switch for a chart's view (count / balance, 30+ / 90+, month / week). */
import type { MessageKey } from '../../i18n/catalog';
import { useI18n } from '../../i18n/I18nProvider';

export function Toggle<T extends string | number>({
  value,
  options,
  onChange,
  labelKey,
  testId,
}: {
  value: T;
  options: readonly { value: NoInfer<T>; label: MessageKey }[];
  onChange(v: NoInfer<T>): void;
  /** What the switch chooses, for screen readers. */
  labelKey: MessageKey;
  testId?: string;
}) {
  const { t } = useI18n();
  return (
    <div className="segmented segmented-small" role="group" aria-label={t(labelKey)} data-testid={testId}>
      {options.map((o) => (
        <button
          key={String(o.value)}
          type="button"
          className={o.value === value ? 'active' : ''}
          aria-pressed={o.value === value}
          data-value={o.value}
          onClick={() => onChange(o.value)}
        >
          {t(o.label)}
        </button>
      ))}
    </div>
  );
}

export const MEASURE_OPTIONS = [
  { value: 'balance', label: 'mon.by.balance' },
  { value: 'count', label: 'mon.by.count' },
] as const satisfies readonly { value: 'count' | 'balance'; label: MessageKey }[];
