/**
 * Layered-risk report (风险分层报告): for each layer and period the twelve core indicators, their
 * change on the previous period, and anomalies: a move unusual against the layer's own earlier
 * moves (|z| > 2, see `unusualMoves`), or a value outside a bound the desk set. Flow indicators follow the loans that were in the layer at the
 * previous period's snapshot:
 *   migration rate   = balance downgraded by ≥ 1 tier / (balance at start − balance that left the book)
 *   roll rate to 90+ = balance 61–90 days past due at start that is 90+ now / balance 61–90 at start
 *   recovery rate    = paid this period by loans past due at start / their balance at start
 *                      (loans still on book: a payoff that takes a loan off the panel is not observed)
 * Expected loss = Σ PD × LGD(product) × EAD, EAD = current balance. Provision coverage =
 * provisions (rule-set rates) / NPL balance.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  LAYER_INDICATORS,
  LAYERS,
  TIERS,
  type Layer,
  type LayerIndicator,
  type LayerReport,
  type LayerReportArgs,
  type LoanWarningRule,
  type PanelMapping,
  type TierRuleSet,
} from '../api/monitoring';
import { badInput } from '../api/errors';
import { allRows } from '../workspace/workspace';
import { DEFAULT_LGD, validateLgd, validateThresholds } from './deskRules';
import { DEFAULT_LAYER_RULES, layeredSql } from './layerAssignment';
import { hasField } from './panel';
import { BUCKET_MAX_DPD } from './rollRates';
import { ratio, SqlParams } from './sql';
import { unusualMoves } from './stats';

interface LayerRow {
  snapshot: string;
  layer: Layer;
  n: number;
  bal: number;
  book: number;
  b30: number;
  b90: number;
  npl: number;
  prov: number;
  pd_avg: number | null;
  el: number | null;
  mig_base: number | null;
  migrated: number | null;
  roll_base: number | null;
  rolled: number | null;
  rec_base: number | null;
  recovered: number | null;
}

function lgdSql(lgd: Record<string, number>, p: SqlParams): string {
  const arms = Object.entries(validateLgd(lgd))
    .filter(([k]) => k !== 'default')
    .map(([k, v]) => `WHEN ${p.add(k)} THEN ${p.add(v)}`);
  const fallback = p.add(lgd.default ?? DEFAULT_LGD);
  return arms.length ? `CASE product ${arms.join(' ')} ELSE ${fallback} END` : fallback;
}

export async function layerReport(
  c: DuckDBConnection,
  m: PanelMapping,
  r: TierRuleSet,
  warningRules: LoanWarningRule[],
  args: LayerReportArgs,
): Promise<LayerReport> {
  const period = args.period ?? 'month';
  validateThresholds(args.thresholds ?? {});
  if (period !== 'month' && period !== 'week') throw badInput('The report period is a month or a week.', { field: 'period' });
  const p = new SqlParams();
  const layered = layeredSql({ mapping: m, ruleSet: r, layerRules: args.rules ?? DEFAULT_LAYER_RULES, warningRules, params: p });
  const lgd = lgdSql(args.lgd ?? {}, p);
  const provRate = `CASE tier_rank ${TIERS.map((t, i) => `WHEN ${i + 1} THEN ${p.add(r.provisionRates[t])}`).join(' ')} END`;
  const [, thirty, sixty, ninety] = BUCKET_MAX_DPD;
  const layerList = LAYERS.map((x) => `(${p.add(x)})`).join(', ');
  const rows = await allRows<LayerRow>(
    c,
    `WITH lay AS ${layered},
     used AS (SELECT max(snapshot_date) AS snapshot_date FROM (SELECT DISTINCT snapshot_date FROM lay) GROUP BY date_trunc(${p.add(period)}, snapshot_date)),
     idx AS (SELECT snapshot_date, row_number() OVER (ORDER BY snapshot_date) AS idx FROM used),
     l AS (SELECT x.*, i.idx FROM lay x JOIN idx i USING (snapshot_date)),
     grid AS (SELECT idx, snapshot_date, layer FROM idx CROSS JOIN (VALUES ${layerList}) v(layer)),
     cur AS (
       SELECT idx, layer, count(*) AS n, sum(balance) AS bal,
              sum(balance) FILTER (WHERE dpd > ${p.add(thirty)}) AS b30, sum(balance) FILTER (WHERE dpd > ${p.add(ninety)}) AS b90,
              sum(balance) FILTER (WHERE tier_rank >= 3) AS npl, sum(balance * ${provRate}) AS prov,
              avg(pd) AS pd_avg, sum(pd * ${lgd} * balance) AS el
         FROM l GROUP BY ALL),
     flow AS (
       SELECT a.idx + 1 AS idx, a.layer,
              sum(a.balance) FILTER (WHERE b.loan_id IS NOT NULL) AS mig_base,
              sum(a.balance) FILTER (WHERE b.tier_rank > a.tier_rank) AS migrated,
              sum(a.balance) FILTER (WHERE a.dpd > ${p.add(sixty)} AND a.dpd <= ${p.add(ninety)}) AS roll_base,
              sum(a.balance) FILTER (WHERE a.dpd > ${p.add(sixty)} AND a.dpd <= ${p.add(ninety)} AND b.dpd > ${p.add(ninety)}) AS rolled,
              sum(a.balance) FILTER (WHERE a.dpd > 0 AND b.loan_id IS NOT NULL) AS rec_base,
              sum(b.paid_amount) FILTER (WHERE a.dpd > 0 AND b.loan_id IS NOT NULL) AS recovered
         FROM l a LEFT JOIN l b ON b.loan_id = a.loan_id AND b.idx = a.idx + 1 GROUP BY ALL)
     SELECT g.snapshot_date AS snapshot, g.layer, coalesce(n, 0) AS n, coalesce(bal, 0) AS bal,
            sum(coalesce(bal, 0)) OVER (PARTITION BY g.idx) AS book, coalesce(b30, 0) AS b30, coalesce(b90, 0) AS b90,
            coalesce(npl, 0) AS npl, coalesce(prov, 0) AS prov, pd_avg, el,
            mig_base, migrated, roll_base, rolled, rec_base, recovered
       FROM grid g LEFT JOIN cur USING (idx, layer) LEFT JOIN flow f ON f.idx = g.idx AND f.layer = g.layer AND g.idx > 1
      ORDER BY g.idx, g.layer`,
    p.values,
  );
  return assemble(m, rows, args);
}

type IndicatorValues = Record<LayerIndicator, number | null>;

function indicatorValues(x: LayerRow, first: boolean, pdKnown: boolean, paidKnown: boolean): IndicatorValues {
  const flow = (num: number | null, den: number | null) => (first || den === null ? null : ratio(num ?? 0, den));
  return {
    count: x.n,
    balance: x.bal,
    bookShare: ratio(x.bal, x.book),
    overdue30Rate: ratio(x.b30, x.bal),
    overdue90Rate: ratio(x.b90, x.bal),
    nplRatio: ratio(x.npl, x.bal),
    migrationRate: flow(x.migrated, x.mig_base),
    rollTo90Rate: flow(x.rolled, x.roll_base),
    recoveryRate: paidKnown ? flow(x.recovered, x.rec_base) : null,
    averagePd: pdKnown ? x.pd_avg : null,
    expectedLoss: pdKnown ? x.el : null,
    provisionCoverage: ratio(x.prov, x.npl),
  };
}

function assemble(m: PanelMapping, rows: LayerRow[], args: LayerReportArgs): LayerReport {
  const pdKnown = hasField(m, 'pd');
  const paidKnown = hasField(m, 'paidAmount');
  const notes: string[] = [];
  if (!pdKnown) notes.push('No model PD for this panel: average PD and expected loss are empty. Map a scores table to fill them.');
  if (!paidKnown) notes.push('No paid amount for this panel: the recovery rate is empty.');
  const periods = [...new Set(rows.map((x) => x.snapshot))];
  const values = rows.map((x) => indicatorValues(x, x.snapshot === periods[0], pdKnown, paidKnown));
  // Each layer's series per indicator, in period order (rows come ordered by period, then layer).
  const moves = new Map<string, { z: number | null; unusual: boolean }[]>();
  for (const layer of LAYERS) {
    const mine = rows.map((x, i) => ({ x, v: values[i] })).filter((r) => r.x.layer === layer);
    for (const indicator of LAYER_INDICATORS) moves.set(`${layer}|${indicator}`, unusualMoves(mine.map((r) => r.v[indicator])));
  }
  // Per layer: how many of its periods came before, and its values in the last of them.
  const before = new Map<Layer, { position: number; values: IndicatorValues }>();
  const layers = rows.map((x, i) => {
    const earlier = before.get(x.layer);
    const position = earlier ? earlier.position + 1 : 0;
    before.set(x.layer, { position, values: values[i] });
    return {
      layer: x.layer,
      period: x.snapshot,
      indicators: LAYER_INDICATORS.map((indicator) => {
        const value = values[i][indicator];
        const prev = earlier ? earlier.values[indicator] : null;
        const move = moves.get(`${x.layer}|${indicator}`)?.[position] ?? { z: null, unusual: false };
        const limit = args.thresholds?.[indicator];
        const outside = value !== null && limit !== undefined && ((limit.max !== undefined && value > limit.max) || (limit.min !== undefined && value < limit.min));
        return { indicator, value, change: value === null || prev === null ? null : value - prev, z: move.z, anomaly: outside || move.unusual };
      }),
    };
  });
  return { panel: m.panel, periods, layers, notes };
}
