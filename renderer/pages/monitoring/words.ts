/** The `Words` the chart shapers need, in the current language. */
import { useMemo } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { amountFormatter } from './amount';
import { BUCKET_LABEL, LEVEL_LABEL, MIGRATION_TO_LABEL, STAGE_LABEL } from './labels';
import type { Words } from './shape';

export function useWords(): Words {
  const { t, fmt, lang } = useI18n();
  return useMemo(() => {
    const amount = amountFormatter(lang);
    return {
      int: fmt.int,
      amount,
      share: (x) => (x === null || !Number.isFinite(x) ? t('common.none') : fmt.pct(x * 100, 2)),
      tier: (x) => t(MIGRATION_TO_LABEL[x]),
      level: (x) => t(LEVEL_LABEL[x]),
      stage: (x) => t(STAGE_LABEL[x]),
      bucket: (x) => t(BUCKET_LABEL[x]),
      mob: (n) => t('mon.vintage.mobN', { n }),
    };
  }, [t, fmt, lang]);
}
