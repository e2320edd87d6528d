/**
 * Customer layers (风险分层): A 优质 good, B 关注 watch, C 高风险 high risk, assigned per loan per
 * snapshot by the desk's ordered rules on tier, warning level and model PD (first rule that
 * matches wins; no match is A). Shared by the layered-risk report and case allocation.
 */
import { LAYERS, TIERS, WARNING_LEVELS, type LayerRule, type LoanWarningRule, type PanelMapping, type TierRuleSet } from '../api/monitoring';
import { badInput } from '../api/errors';
import { tierRank, tiersRelation } from './classify';
import { applicableRules, levelRank, loanSignalsSql } from './loanSignals';
import { hasField } from './panel';
import type { SqlParams } from './sql';

export const DEFAULT_LAYER_RULES: LayerRule[] = [
  { layer: 'C', tierAtLeast: 'substandard', warningAtLeast: 'red', pdAtLeast: 0.2 },
  { layer: 'B', tierAtLeast: 'special_mention', warningAtLeast: 'yellow', pdAtLeast: 0.05 },
];

export function validateLayerRules(rules: LayerRule[]): LayerRule[] {
  if (!Array.isArray(rules)) throw badInput('Layer rules come as a list.', { field: 'rules' });
  rules.forEach((r, i) => {
    const field = `rules[${i}]`;
    if (!LAYERS.includes(r?.layer)) throw badInput(`Layer rule ${i + 1}: the layer must be A, B or C.`, { field });
    if (r.tierAtLeast !== undefined && !TIERS.includes(r.tierAtLeast)) throw badInput(`Layer rule ${i + 1}: unknown tier "${r.tierAtLeast}".`, { field });
    if (r.warningAtLeast !== undefined && !WARNING_LEVELS.includes(r.warningAtLeast)) {
      throw badInput(`Layer rule ${i + 1}: unknown warning level "${r.warningAtLeast}".`, { field });
    }
    if (r.pdAtLeast !== undefined && !(typeof r.pdAtLeast === 'number' && r.pdAtLeast >= 0 && r.pdAtLeast <= 1)) {
      throw badInput(`Layer rule ${i + 1}: the PD cut-off must be between 0 and 1.`, { field });
    }
    if (r.tierAtLeast === undefined && r.warningAtLeast === undefined && r.pdAtLeast === undefined) {
      throw badInput(`Layer rule ${i + 1} has no condition.`, { field });
    }
  });
  return rules;
}

export interface LayeredQuery {
  mapping: PanelMapping;
  ruleSet: TierRuleSet;
  layerRules: LayerRule[];
  warningRules: LoanWarningRule[];
  params: SqlParams;
}

/**
 * Relation: loan_id, snapshot_date, dpd, balance, tier_rank, product, paid_amount, pd,
 * warn_rank (0..3) and layer. Warning levels are computed inline only when a rule reads them.
 */
export function layeredSql(lq: LayeredQuery): string {
  const { mapping: m, params: p } = lq;
  const rules = validateLayerRules(lq.layerRules);
  const usesWarnings = rules.some((r) => r.warningAtLeast !== undefined);
  const signals = usesWarnings ? loanSignalsSql(m, applicableRules(m, lq.warningRules).rules, p) : null;
  const pdKnown = hasField(m, 'pd');
  const arms = rules.map((r) => {
    const any: string[] = [];
    if (r.tierAtLeast) any.push(`t.tier_rank >= ${p.add(tierRank(r.tierAtLeast))}`);
    if (r.warningAtLeast) any.push(`coalesce(s.level_rank, 0) >= ${p.add(levelRank(r.warningAtLeast))}`);
    if (r.pdAtLeast !== undefined && pdKnown) any.push(`t.pd >= ${p.add(r.pdAtLeast)}`);
    return any.length ? `WHEN ${any.join(' OR ')} THEN ${p.add(r.layer)}` : null;
  });
  const live = arms.filter((a): a is string => a !== null);
  const layer = live.length ? `CASE ${live.join(' ')} ELSE ${p.add('A')} END` : p.add('A');
  return `(SELECT t.loan_id, t.snapshot_date, t.dpd, t.balance, t.tier_rank, t.product, t.paid_amount, t.pd,
                  ${signals ? 'coalesce(s.level_rank, 0)' : '0'} AS warn_rank, ${layer} AS layer
             FROM ${tiersRelation(m, lq.ruleSet, p, ['product', 'paidAmount', 'pd'])} t
             ${signals ? `LEFT JOIN ${signals} s ON s.loan_id = t.loan_id AND s.snapshot_date = t.snapshot_date` : ''})`;
}
