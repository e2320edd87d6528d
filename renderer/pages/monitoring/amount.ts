/**
 * Amounts and shares as the desk reads them: balances in the language's compact units (1.16B in
 * English, 11.56亿 in Chinese, from Intl rather than hand-made suffixes), shares as percentages.
 */
import { useMemo } from 'react';
import { LOCALE, type Lang } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';

export function amountFormatter(lang: Lang): (n: number) => string {
  const compact = new Intl.NumberFormat(LOCALE[lang], { notation: 'compact', maximumFractionDigits: 2 });
  const plain = new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 0 });
  // Below ten thousand a compact unit says nothing a plain number does not.
  return (n) => (Math.abs(n) < 10_000 ? plain.format(n) : compact.format(n));
}

export function useAmount(): (n: number) => string {
  const { lang } = useI18n();
  return useMemo(() => amountFormatter(lang), [lang]);
}

/** A share (0..1) as a percentage with `digits` decimals; null as a dash. */
export function useShare(): (x: number | null, digits?: number) => string {
  const { t, fmt } = useI18n();
  return (x, digits = 2) => (x === null || !Number.isFinite(x) ? t('common.none') : fmt.pct(x * 100, digits));
}
