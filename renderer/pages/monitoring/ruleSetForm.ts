/**
 * The rule-set editor's form: day limits and provision rates as the user types them (text, rates
 * in percent), turned into a TierRuleSet, or into the first thing wrong with it.
 */
import { TIERS, type Tier, type TierOverride, type TierRuleSet } from '../../../src/api/monitoring';
import type { MessageKey } from '../../i18n/catalog';

export const DPD_LIMIT_TIERS = ['normal', 'special_mention', 'substandard', 'doubtful'] as const;
export type DpdLimitTier = (typeof DPD_LIMIT_TIERS)[number];
export const OVERRIDE_FLAGS: readonly TierOverride['flag'][] = ['restructured', 'chargedOff'];

export interface RuleSetForm {
  name: string;
  label: string;
  maxDpd: Record<DpdLimitTier, string>;
  /** Percent, as typed. */
  ratesPct: Record<Tier, string>;
  /** '' = no override for that flag. */
  overrides: Record<TierOverride['flag'], Tier | ''>;
  /** Kept as they are: the finer grades are not edited here. */
  grades: TierRuleSet['grades'];
}

/** A name for a copy: builtin "retail_2023" becomes "retail_2023_desk"; a saved set keeps its own. */
export function formFrom(r: TierRuleSet): RuleSetForm {
  const override = (flag: TierOverride['flag']) => r.overrides.find((o) => o.flag === flag)?.atLeast ?? '';
  return {
    name: r.builtin ? `${r.name}_desk` : r.name,
    label: r.builtin ? '' : r.label,
    maxDpd: {
      normal: String(r.maxDpd.normal),
      special_mention: String(r.maxDpd.special_mention),
      substandard: String(r.maxDpd.substandard),
      doubtful: String(r.maxDpd.doubtful),
    },
    ratesPct: Object.fromEntries(TIERS.map((t) => [t, String(Number((r.provisionRates[t] * 100).toFixed(4)))])) as Record<Tier, string>,
    overrides: { restructured: override('restructured'), chargedOff: override('chargedOff') },
    grades: r.grades,
  };
}

export type FormResult = { ok: true; ruleSet: TierRuleSet } | { ok: false; problem: MessageKey };

export function ruleSetFrom(f: RuleSetForm): FormResult {
  if (!/^[\w.-]{1,64}$/.test(f.name)) return { ok: false, problem: 'mon.rules.badName' };
  const days = DPD_LIMIT_TIERS.map((t) => Number(f.maxDpd[t]));
  if (days.some((d, i) => f.maxDpd[DPD_LIMIT_TIERS[i]].trim() === '' || !Number.isInteger(d) || d < 0)) return { ok: false, problem: 'mon.rules.badDays' };
  if (days.some((d, i) => i > 0 && d <= days[i - 1])) return { ok: false, problem: 'mon.rules.daysOrder' };
  const rates = TIERS.map((t) => Number(f.ratesPct[t]));
  if (rates.some((r, i) => f.ratesPct[TIERS[i]].trim() === '' || !Number.isFinite(r) || r < 0 || r > 100)) return { ok: false, problem: 'mon.rules.badRate' };
  const [normal, special_mention, substandard, doubtful] = days;
  return {
    ok: true,
    ruleSet: {
      name: f.name,
      label: f.label.trim() || f.name,
      maxDpd: { normal, special_mention, substandard, doubtful },
      overrides: OVERRIDE_FLAGS.flatMap((flag) => {
        const atLeast = f.overrides[flag];
        return atLeast === '' ? [] : [{ flag, atLeast }];
      }),
      grades: f.grades,
      // Percent back to a fraction, without float dust (2 -> 0.02, not 0.020000000000000004).
      provisionRates: Object.fromEntries(TIERS.map((t, i) => [t, Number((rates[i] / 100).toFixed(8))])) as Record<Tier, number>,
    },
  };
}
