/**
 * The desk's own settings for the layered-risk report and case allocation (分层规则, 违约损失率,
 * 异常阈值, 案件分配规则): saved once per workspace as one JSON row in `_vigil_desk_rules` and used
 * by `monitoring.layers` / `monitoring.collections` whenever a call does not pass its own. Until
 * the desk saves, the built-in defaults apply; saving validates everything first, so a bad edit
 * never replaces a good rule book.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { LAYER_INDICATORS, type DeskRules, type LayerIndicator } from '../api/monitoring';
import { badInput } from '../api/errors';
import { allRows, INTERNAL_PREFIX, q } from '../workspace/workspace';
import { DEFAULT_ALLOCATION, validateAllocation } from './collections';
import { DEFAULT_LAYER_RULES, validateLayerRules } from './layerAssignment';

export const DESK_RULES_TABLE = `${INTERNAL_PREFIX}desk_rules`;

/** Loss given default when a product has none of its own (the Basel foundation-IRB senior unsecured figure). */
export const DEFAULT_LGD = 0.45;

export const DEFAULT_DESK_RULES: DeskRules = {
  layerRules: DEFAULT_LAYER_RULES,
  lgd: { default: DEFAULT_LGD },
  thresholds: {},
  allocation: DEFAULT_ALLOCATION,
  savedAt: null,
};

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

export function validateLgd(lgd: Record<string, number>): Record<string, number> {
  if (!lgd || typeof lgd !== 'object' || Array.isArray(lgd)) throw badInput('LGD comes as { product: rate }.', { field: 'lgd' });
  for (const [product, v] of Object.entries(lgd)) {
    if (product.trim() === '') throw badInput('An LGD row has no product code.', { field: 'lgd' });
    if (!isNum(v) || v < 0 || v > 1) throw badInput(`LGD of "${product}" must be between 0 and 1.`, { field: `lgd.${product}`, product });
  }
  return lgd;
}

export function validateThresholds(thresholds: DeskRules['thresholds']): DeskRules['thresholds'] {
  if (!thresholds || typeof thresholds !== 'object' || Array.isArray(thresholds)) {
    throw badInput('Anomaly thresholds come as { indicator: { min, max } }.', { field: 'thresholds' });
  }
  for (const [indicator, limit] of Object.entries(thresholds)) {
    const field = `thresholds.${indicator}`;
    if (!LAYER_INDICATORS.includes(indicator as LayerIndicator)) throw badInput(`Unknown layer indicator "${indicator}".`, { field });
    const { min, max } = limit ?? {};
    if ((min !== undefined && !isNum(min)) || (max !== undefined && !isNum(max))) {
      throw badInput(`The anomaly bounds of ${indicator} must be numbers.`, { field });
    }
    if (min !== undefined && max !== undefined && min > max) throw badInput(`The lower anomaly bound of ${indicator} is above the upper one.`, { field });
  }
  return thresholds;
}

export function validateDeskRules(rules: Omit<DeskRules, 'savedAt'>): Omit<DeskRules, 'savedAt'> {
  if (!rules || typeof rules !== 'object') throw badInput('Desk rules come as { layerRules, lgd, thresholds, allocation }.', { field: 'rules' });
  return {
    layerRules: validateLayerRules(rules.layerRules),
    lgd: validateLgd(rules.lgd),
    thresholds: validateThresholds(rules.thresholds ?? {}),
    allocation: validateAllocation(rules.allocation),
  };
}

async function ensureTable(c: DuckDBConnection): Promise<void> {
  await c.run(`CREATE TABLE IF NOT EXISTS ${q(DESK_RULES_TABLE)} (id INTEGER PRIMARY KEY, rules VARCHAR NOT NULL, saved_at TIMESTAMP NOT NULL)`);
}

export async function loadDeskRules(c: DuckDBConnection): Promise<DeskRules> {
  await ensureTable(c);
  const rows = await allRows<{ rules: string; saved_at: string }>(c, `SELECT rules, saved_at FROM ${q(DESK_RULES_TABLE)} WHERE id = 1`);
  if (rows.length === 0) return DEFAULT_DESK_RULES;
  return { ...(JSON.parse(rows[0].rules) as Omit<DeskRules, 'savedAt'>), savedAt: rows[0].saved_at };
}

export async function saveDeskRules(c: DuckDBConnection, input: Omit<DeskRules, 'savedAt'>): Promise<DeskRules> {
  const rules = validateDeskRules(input);
  await ensureTable(c);
  await c.run(`INSERT OR REPLACE INTO ${q(DESK_RULES_TABLE)} VALUES (1, $1, current_timestamp::TIMESTAMP)`, [JSON.stringify(rules)]);
  return loadDeskRules(c);
}

/** Back to the built-in defaults: the saved row goes. */
export async function resetDeskRules(c: DuckDBConnection): Promise<DeskRules> {
  await ensureTable(c);
  await c.run(`DELETE FROM ${q(DESK_RULES_TABLE)}`);
  return DEFAULT_DESK_RULES;
}
