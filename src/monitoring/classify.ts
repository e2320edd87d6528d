/**
 * Five-tier classification as SQL: the rule set becomes a CASE over days past due with bound
 * thresholds, overrides lift the tier (restructured → at least substandard), and finer grades split
 * normal / special mention.
 *
 * Nothing is materialised. A loan's tier is a cheap function of its row, so every op that needs
 * tiers reads `tiersRelation` — the panel with the CASE on top — inside its own query, and DuckDB
 * classifies only the rows that query keeps (a migration between two snapshots classifies those
 * two). The per-snapshot summary is one GROUP BY over the same CASE (`tierSummary.ts`); the
 * analyst's `<panel>_tiers` is a view over the same SQL (`tiersView.ts`).
 */
import { TIERS, type GradeBand, type PanelMapping, type Tier, type TierDpdLimits, type TierRuleSet } from '../api/monitoring';
import { hasField, panelRelation, FIELD_COLUMN, type CanonicalField } from './panel';
import type { SqlParams, ValueSink } from './sql';

/** 1 = normal ... 5 = loss: the order used everywhere a tier is compared. */
export const tierRank = (t: Tier): number => TIERS.indexOf(t) + 1;
export const tierOfRank = (rank: number): Tier => TIERS[rank - 1];

/** Overrides this panel can apply: a flag the panel does not map could never fire (see `classificationNotes`). */
function appliedOverrides(r: TierRuleSet, m: PanelMapping): TierRuleSet['overrides'] {
  return r.overrides.filter((o) => hasField(m, o.flag));
}

/** Whether the rule set's grades can be computed on this panel (PD grades need a mapped score). */
function gradesApply(r: TierRuleSet, m: PanelMapping, tier: 'normal' | 'special_mention'): boolean {
  const bands = r.grades.filter((g) => g.tier === tier);
  return bands.length > 0 && (bands[0].basis === 'dpd' || hasField(m, 'pd'));
}

/** Per-product day limits this panel can apply: without a product column every loan takes the main limits. */
function appliedProductLimits(r: TierRuleSet, m: PanelMapping): NonNullable<TierRuleSet['byProduct']> {
  return hasField(m, 'product') ? (r.byProduct ?? []).filter((x) => x.products.length > 0) : [];
}

function dpdCase(d: TierDpdLimits, v: ValueSink): string {
  return `CASE WHEN dpd <= ${v.add(d.normal)} THEN 1 WHEN dpd <= ${v.add(d.special_mention)} THEN 2
    WHEN dpd <= ${v.add(d.substandard)} THEN 3 WHEN dpd <= ${v.add(d.doubtful)} THEN 4 ELSE 5 END`;
}

/**
 * SQL for the tier rank (1..5, UTINYINT) of a relation with `dpd`, the mapped override flags and (for a
 * mixed book) `product`. A mixed book classifies each product under its own day limits: cards under the
 * card measures, everything else under the main limits.
 */
export function tierRankSql(r: TierRuleSet, m: PanelMapping, v: ValueSink): string {
  const perProduct = appliedProductLimits(r, m);
  const base =
    perProduct.length === 0
      ? dpdCase(r.maxDpd, v)
      : `CASE ${perProduct.map((x) => `WHEN ${FIELD_COLUMN.product} IN (${x.products.map((code) => v.add(code)).join(', ')}) THEN ${dpdCase(x.maxDpd, v)}`).join(' ')}
         ELSE ${dpdCase(r.maxDpd, v)} END`;
  const lifts = appliedOverrides(r, m).map((o) => `CASE WHEN ${FIELD_COLUMN[o.flag]} THEN ${v.add(tierRank(o.atLeast))} ELSE 1 END`);
  return `CAST(${lifts.length === 0 ? base : `greatest(${base}, ${lifts.join(', ')})`} AS UTINYINT)`;
}

/**
 * SQL for the grade inside normal / special mention, NULL elsewhere (or when its basis is missing).
 * `as: 'index'` gives the band's position in `r.grades` (a small integer to group by; the caller
 * maps it back to the name), `as: 'name'` the grade itself (for the view the analyst reads).
 */
export function gradeSql(r: TierRuleSet, m: PanelMapping, rankSql: string, v: ValueSink, as: 'index' | 'name'): string {
  const arms: string[] = [];
  for (const tier of ['normal', 'special_mention'] as const) {
    if (!gradesApply(r, m, tier)) continue;
    const bands = r.grades.map((band, index) => ({ band, index })).filter((x) => x.band.tier === tier);
    arms.push(`WHEN ${rankSql} = ${v.add(tierRank(tier))} THEN ${bandCase(bands, v, as)}`);
  }
  const none = as === 'index' ? 'NULL::INTEGER' : 'NULL::VARCHAR';
  return arms.length === 0 ? none : `CASE ${arms.join(' ')} ELSE ${none} END`;
}

function bandCase(bands: { band: GradeBand; index: number }[], v: ValueSink, as: 'index' | 'name'): string {
  const col = bands[0].band.basis === 'pd' ? 'pd' : 'dpd';
  const label = (x: { band: GradeBand; index: number }) => v.add(as === 'index' ? x.index : x.band.grade);
  const whens = bands.map((x) => (x.band.max === null ? `ELSE ${label(x)}` : `WHEN ${col} <= ${v.add(x.band.max)} THEN ${label(x)}`));
  const open = bands[bands.length - 1].band.max === null;
  // A loan without a score gets no score grade (not the open-ended last band).
  return `CASE WHEN ${col} IS NULL THEN NULL ${whens.join(' ')}${open ? '' : ' ELSE NULL'} END`;
}

/** Canonical fields the rule set reads on this panel (`grades` adds the PD when grades use it). */
export function ruleSetFields(r: TierRuleSet, m: PanelMapping, grades: boolean): CanonicalField[] {
  const fields: CanonicalField[] = ['dpd', 'balance'];
  for (const o of appliedOverrides(r, m)) if (!fields.includes(o.flag)) fields.push(o.flag);
  if (appliedProductLimits(r, m).length > 0) fields.push('product');
  if (grades && r.grades.some((g) => g.basis === 'pd') && hasField(m, 'pd')) fields.push('pd');
  return fields;
}

/** What the user should know about rules that could not apply to this panel. */
export function classificationNotes(r: TierRuleSet, m: PanelMapping): string[] {
  const notes: string[] = [];
  for (const o of r.overrides) {
    if (!hasField(m, o.flag)) notes.push(`Override "${o.flag} → ${o.atLeast}" not applied: the panel has no ${o.flag} column.`);
  }
  if (r.grades.some((g) => g.basis === 'pd') && !hasField(m, 'pd')) notes.push('PD-based grades left empty: the panel has no model PD.');
  if ((r.byProduct ?? []).length > 0 && !hasField(m, 'product')) {
    notes.push('Per-product day limits not applied: the panel has no product column, so every loan is classified under the main limits.');
  }
  return notes;
}

/**
 * FROM item with one row per loan per snapshot: loan_id, snapshot_date, dpd, balance, tier_rank,
 * the override flags and any `extra` canonical fields the caller reads beside the tier (so it needs
 * no second scan of the panel to join them back). The thresholds are bound into `p`. Grades are
 * left out: no op but the summary and the view reads them, and a PD grade would drag the score
 * table into every migration.
 */
export function tiersRelation(m: PanelMapping, r: TierRuleSet, p: SqlParams, extra: readonly CanonicalField[] = []): string {
  const fields = [...new Set([...ruleSetFields(r, m, false), ...extra])];
  return `(SELECT *, ${tierRankSql(r, m, p)} AS tier_rank FROM ${panelRelation(m, fields)})`;
}
