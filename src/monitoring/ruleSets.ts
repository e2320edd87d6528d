/**
 * Five-tier classification rule sets (五级分类). Three are built in and read-only; the user saves
 * edited copies in `_vigil_rule_sets` (JSON), validated before they are stored.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { TIERS, type GradeBand, type Tier, type TierDpdLimits, type TierRuleSet } from '../api/monitoring';
import { badInput, conflict, notFound } from '../api/errors';
import { allRows, INTERNAL_PREFIX, q } from '../workspace/workspace';

export const RULE_SETS_TABLE = `${INTERNAL_PREFIX}rule_sets`;

/**
 * Loan-loss provisioning: 1% general reserve on normal loans, and the specific-provision rates
 * of the PBoC Guidelines on Loan Loss Provisioning (2002): 2% / 25% / 50% / 100%.
 */
export const DEFAULT_PROVISION_RATES: Record<Tier, number> = {
  normal: 0.01,
  special_mention: 0.02,
  substandard: 0.25,
  doubtful: 0.5,
  loss: 1,
};

/** 关注一/二/三: the 1–90 days special-mention band split by month of delinquency. */
const SPECIAL_MENTION_GRADES: GradeBand[] = [
  { tier: 'special_mention', grade: '关注一', basis: 'dpd', max: 30 },
  { tier: 'special_mention', grade: '关注二', basis: 'dpd', max: 60 },
  { tier: 'special_mention', grade: '关注三', basis: 'dpd', max: null },
];

const RETAIL_2023_DAYS: TierDpdLimits = { normal: 0, special_mention: 90, substandard: 270, doubtful: 360 };
const CARD_2011_DAYS: TierDpdLimits = { normal: 0, special_mention: 90, substandard: 120, doubtful: 180 };
/** Product codes a mixed book's cards commonly carry (the sample portfolio uses `credit_card`). */
const CARD_PRODUCTS = ['credit_card', 'card', '信用卡'];

export const BUILTIN_RULE_SETS: readonly TierRuleSet[] = [
  {
    // Measures for Risk Classification of Financial Assets of Commercial Banks (CBIRC/PBoC Order 2023 No. 1),
    // retail assets by days past due: current normal; 1–90 special mention; 91–270 substandard;
    // 271–360 doubtful; over 360 loss. Restructured loans are held at substandard or worse
    // (the desk's default override; edit a copy if your policy differs).
    name: 'retail_2023',
    label: '零售贷款（商业银行金融资产风险分类办法 2023）',
    builtin: true,
    maxDpd: RETAIL_2023_DAYS,
    overrides: [{ flag: 'restructured', atLeast: 'substandard' }],
    grades: SPECIAL_MENTION_GRADES,
    provisionRates: DEFAULT_PROVISION_RATES,
  },
  {
    // Measures for the Supervision and Administration of Credit Card Business of Commercial Banks (2011):
    // current normal; 1–90 special mention; 91–120 substandard; 121–180 doubtful; over 180 loss.
    name: 'credit_card_2011',
    label: '信用卡（商业银行信用卡业务监督管理办法 2011）',
    builtin: true,
    maxDpd: CARD_2011_DAYS,
    overrides: [{ flag: 'restructured', atLeast: 'substandard' }],
    grades: SPECIAL_MENTION_GRADES,
    provisionRates: DEFAULT_PROVISION_RATES,
  },
  {
    // A mixed retail book as a bank classifies it: loans under the 2023 measures, credit cards under
    // the 2011 card measures, told apart by the product column. Copy and edit the product codes if
    // your extract names cards differently.
    name: 'retail_2023_cards_2011',
    label: '零售贷款 2023 + 信用卡 2011（按产品）',
    builtin: true,
    maxDpd: RETAIL_2023_DAYS,
    byProduct: [{ products: CARD_PRODUCTS, maxDpd: CARD_2011_DAYS }],
    overrides: [{ flag: 'restructured', atLeast: 'substandard' }],
    grades: SPECIAL_MENTION_GRADES,
    provisionRates: DEFAULT_PROVISION_RATES,
  },
];

export const DEFAULT_RULE_SET = 'retail_2023';

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** Whole days, each tier's limit above the previous one's; `field` says where (maxDpd or byProduct[i].maxDpd). */
function validateDpdLimits(name: string, d: TierDpdLimits | undefined, field: string): void {
  const where = { ruleSet: name };
  const bounds = [d?.normal, d?.special_mention, d?.substandard, d?.doubtful];
  if (!bounds.every((b) => isNum(b) && Number.isInteger(b) && b >= 0)) {
    throw badInput(`Rule set "${name}": the days-past-due limits must be whole numbers of days.`, { ...where, field });
  }
  for (let i = 1; i < bounds.length; i++) {
    if ((bounds[i] as number) <= (bounds[i - 1] as number)) {
      throw badInput(`Rule set "${name}": each tier's days-past-due limit must be above the previous tier's.`, { ...where, field: `${field}.${TIERS[i]}` });
    }
  }
}

/** Per-product limits: non-empty product lists, no product listed twice (the first entry would hide the second). */
function validateProductLimits(r: TierRuleSet): void {
  if (r.byProduct === undefined) return;
  if (!Array.isArray(r.byProduct)) throw badInput(`Rule set "${r.name}": per-product limits come as a list.`, { ruleSet: r.name, field: 'byProduct' });
  const seen = new Set<string>();
  r.byProduct.forEach((x, i) => {
    const field = `byProduct[${i}]`;
    if (!Array.isArray(x?.products) || x.products.length === 0 || !x.products.every((code) => typeof code === 'string' && code.trim() !== '')) {
      throw badInput(`Rule set "${r.name}": per-product limits ${i + 1} need at least one product code.`, { ruleSet: r.name, field: `${field}.products` });
    }
    for (const code of x.products) {
      if (seen.has(code)) throw badInput(`Rule set "${r.name}": product "${code}" is listed twice.`, { ruleSet: r.name, field: `${field}.products`, product: code });
      seen.add(code);
    }
    validateDpdLimits(r.name, x.maxDpd, `${field}.maxDpd`);
  });
}

export function validateRuleSet(r: TierRuleSet): TierRuleSet {
  const where = { ruleSet: r?.name };
  if (typeof r?.name !== 'string' || !/^[\w.-]{1,64}$/.test(r.name)) {
    throw badInput('A rule set needs a short name made of letters, digits, "_", "-" or ".".', where);
  }
  validateDpdLimits(r.name, r.maxDpd, 'maxDpd');
  validateProductLimits(r);
  for (const t of TIERS) {
    const rate = r.provisionRates?.[t];
    if (!isNum(rate) || rate < 0 || rate > 1) {
      throw badInput(`Rule set "${r.name}": the provision rate of ${t} must be between 0 and 1.`, { ...where, field: `provisionRates.${t}` });
    }
  }
  for (const [i, o] of (r.overrides ?? []).entries()) {
    if (!['restructured', 'chargedOff'].includes(o?.flag) || !TIERS.includes(o?.atLeast)) {
      throw badInput(`Rule set "${r.name}": override ${i + 1} needs a flag (restructured, chargedOff) and a tier.`, { ...where, field: `overrides[${i}]` });
    }
  }
  validateGrades(r);
  return { ...r, overrides: r.overrides ?? [], grades: r.grades ?? [], builtin: undefined };
}

function validateGrades(r: TierRuleSet): void {
  for (const tier of ['normal', 'special_mention'] as const) {
    const bands = (r.grades ?? []).filter((g) => g.tier === tier);
    bands.forEach((g, i) => {
      const field = `grades.${tier}[${i}]`;
      if (typeof g.grade !== 'string' || g.grade === '' || !['dpd', 'pd'].includes(g.basis)) {
        throw badInput(`Rule set "${r.name}": each grade needs a name and a basis (dpd or pd).`, { ruleSet: r.name, field });
      }
      if (g.basis !== bands[0].basis) {
        throw badInput(`Rule set "${r.name}": grades inside ${tier} must all use the same basis.`, { ruleSet: r.name, field });
      }
      const last = i === bands.length - 1;
      if (g.max === null ? !last : !isNum(g.max) || (i > 0 && g.max <= (bands[i - 1].max as number))) {
        throw badInput(`Rule set "${r.name}": grade bounds inside ${tier} must rise, with only the last one open.`, { ruleSet: r.name, field });
      }
    });
  }
  for (const [i, g] of (r.grades ?? []).entries()) {
    if (g.tier !== 'normal' && g.tier !== 'special_mention') {
      throw badInput(`Rule set "${r.name}": grades apply inside normal or special mention only.`, { ruleSet: r.name, field: `grades[${i}]` });
    }
  }
}

async function ensureTable(c: DuckDBConnection): Promise<void> {
  await c.run(`CREATE TABLE IF NOT EXISTS ${q(RULE_SETS_TABLE)} (name VARCHAR PRIMARY KEY, rule_set VARCHAR NOT NULL, saved_at TIMESTAMP NOT NULL)`);
}

export async function listRuleSets(c: DuckDBConnection): Promise<TierRuleSet[]> {
  await ensureTable(c);
  const rows = await allRows<{ rule_set: string }>(c, `SELECT rule_set FROM ${q(RULE_SETS_TABLE)} ORDER BY name`);
  return [...BUILTIN_RULE_SETS, ...rows.map((r) => JSON.parse(r.rule_set) as TierRuleSet)];
}

export async function loadRuleSet(c: DuckDBConnection, name: string = DEFAULT_RULE_SET): Promise<TierRuleSet> {
  const builtin = BUILTIN_RULE_SETS.find((r) => r.name === name);
  if (builtin) return builtin;
  await ensureTable(c);
  const rows = await allRows<{ rule_set: string }>(c, `SELECT rule_set FROM ${q(RULE_SETS_TABLE)} WHERE name = $1`, [name]);
  if (rows.length === 0) throw notFound(`There is no rule set named "${name}".`, { ruleSet: name });
  return JSON.parse(rows[0].rule_set) as TierRuleSet;
}

export async function saveRuleSet(c: DuckDBConnection, input: TierRuleSet): Promise<TierRuleSet> {
  const r = validateRuleSet(input);
  if (BUILTIN_RULE_SETS.some((b) => b.name === r.name)) {
    throw conflict(`"${r.name}" is a built-in rule set; save your edits under another name.`, { ruleSet: r.name });
  }
  await ensureTable(c);
  await c.run(`INSERT OR REPLACE INTO ${q(RULE_SETS_TABLE)} VALUES ($1, $2, current_timestamp::TIMESTAMP)`, [r.name, JSON.stringify(r)]);
  return r;
}

export async function deleteRuleSet(c: DuckDBConnection, name: string): Promise<void> {
  if (BUILTIN_RULE_SETS.some((b) => b.name === name)) throw conflict(`"${name}" is built in and cannot be deleted.`, { ruleSet: name });
  await loadRuleSet(c, name);
  await c.run(`DELETE FROM ${q(RULE_SETS_TABLE)} WHERE name = $1`, [name]);
}
