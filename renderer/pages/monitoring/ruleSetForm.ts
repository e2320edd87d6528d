/**
 * The rule-set editor's form: day limits and provision rates as the user types them (text, rates
 * in percent), with other day limits for some products of a mixed book (credit cards under the card
 * measures), turned into a TierRuleSet, or into the first thing wrong with it.
 */
import { TIERS, type ProductDpdLimits, type Tier, type TierDpdLimits, type TierOverride, type TierRuleSet } from '../../../src/api/monitoring';
import type { MessageKey } from '../../i18n/catalog';
import { rowKey, type Keyed } from './orderedRows';

export const DPD_LIMIT_TIERS = ['normal', 'special_mention', 'substandard', 'doubtful'] as const;
export type DpdLimitTier = (typeof DPD_LIMIT_TIERS)[number];
export const OVERRIDE_FLAGS: readonly TierOverride['flag'][] = ['restructured', 'chargedOff'];

export type DpdLimitsForm = Record<DpdLimitTier, string>;

/** Products as typed, comma-separated ("card, card_gold"), with their own day limits. */
export interface ProductLimitsRow extends Keyed {
  products: string;
  maxDpd: DpdLimitsForm;
}

export interface RuleSetForm {
  name: string;
  label: string;
  maxDpd: DpdLimitsForm;
  /** First row listing a loan's product wins; every other product takes `maxDpd`. */
  byProduct: ProductLimitsRow[];
  /** Percent, as typed. */
  ratesPct: Record<Tier, string>;
  /** '' = no override for that flag. */
  overrides: Record<TierOverride['flag'], Tier | ''>;
  /** Kept as they are: the finer grades are not edited here. */
  grades: TierRuleSet['grades'];
}

function limitsForm(d: TierDpdLimits): DpdLimitsForm {
  return {
    normal: String(d.normal),
    special_mention: String(d.special_mention),
    substandard: String(d.substandard),
    doubtful: String(d.doubtful),
  };
}

/** Products split on commas (Western or Chinese) and 、, blanks dropped, each once. */
export function productList(text: string): string[] {
  return [...new Set(text.split(/[,，、]/).map((p) => p.trim()).filter((p) => p !== ''))];
}

export function newProductLimitsRow(from: DpdLimitsForm): ProductLimitsRow {
  return { key: rowKey(), products: '', maxDpd: { ...from } };
}

/** A name for a copy: builtin "retail_2023" becomes "retail_2023_desk"; a saved set keeps its own. */
export function formFrom(r: TierRuleSet): RuleSetForm {
  const override = (flag: TierOverride['flag']) => r.overrides.find((o) => o.flag === flag)?.atLeast ?? '';
  return {
    name: r.builtin ? `${r.name}_desk` : r.name,
    label: r.builtin ? '' : r.label,
    maxDpd: limitsForm(r.maxDpd),
    byProduct: (r.byProduct ?? []).map((p) => ({ key: rowKey(), products: p.products.join(', '), maxDpd: limitsForm(p.maxDpd) })),
    ratesPct: Object.fromEntries(TIERS.map((t) => [t, String(Number((r.provisionRates[t] * 100).toFixed(4)))])) as Record<Tier, string>,
    overrides: { restructured: override('restructured'), chargedOff: override('chargedOff') },
    grades: r.grades,
  };
}

/** `productRow` says which per-product row is wrong; absent, the problem is in the main form. */
export type FormResult = { ok: true; ruleSet: TierRuleSet } | { ok: false; problem: MessageKey; productRow?: number };

/** Day limits as typed, or what is wrong with them (the same checks for the main and per-product limits). */
function dpdLimits(f: DpdLimitsForm): TierDpdLimits | MessageKey {
  const days = DPD_LIMIT_TIERS.map((t) => Number(f[t]));
  if (days.some((d, i) => f[DPD_LIMIT_TIERS[i]].trim() === '' || !Number.isInteger(d) || d < 0)) return 'mon.rules.badDays';
  if (days.some((d, i) => i > 0 && d <= days[i - 1])) return 'mon.rules.daysOrder';
  const [normal, special_mention, substandard, doubtful] = days;
  return { normal, special_mention, substandard, doubtful };
}

function productLimits(rows: readonly ProductLimitsRow[]): ProductDpdLimits[] | { problem: MessageKey; productRow: number } {
  const out: ProductDpdLimits[] = [];
  const seen = new Set<string>();
  for (const [productRow, row] of rows.entries()) {
    const products = productList(row.products);
    if (products.length === 0) return { problem: 'mon.rules.noProducts', productRow };
    // The first row listing a product wins, so a repeat further down could never apply.
    if (products.some((p) => seen.has(p))) return { problem: 'mon.rules.productRepeated', productRow };
    for (const p of products) seen.add(p);
    const maxDpd = dpdLimits(row.maxDpd);
    if (typeof maxDpd === 'string') return { problem: maxDpd, productRow };
    out.push({ products, maxDpd });
  }
  return out;
}

export function ruleSetFrom(f: RuleSetForm): FormResult {
  if (!/^[\w.-]{1,64}$/.test(f.name)) return { ok: false, problem: 'mon.rules.badName' };
  const maxDpd = dpdLimits(f.maxDpd);
  if (typeof maxDpd === 'string') return { ok: false, problem: maxDpd };
  const byProduct = productLimits(f.byProduct);
  if (!Array.isArray(byProduct)) return { ok: false, ...byProduct };
  const rates = TIERS.map((t) => Number(f.ratesPct[t]));
  if (rates.some((r, i) => f.ratesPct[TIERS[i]].trim() === '' || !Number.isFinite(r) || r < 0 || r > 100)) return { ok: false, problem: 'mon.rules.badRate' };
  return {
    ok: true,
    ruleSet: {
      name: f.name,
      label: f.label.trim() || f.name,
      maxDpd,
      ...(byProduct.length > 0 && { byProduct }),
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
