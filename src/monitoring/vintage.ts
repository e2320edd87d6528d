/**
 * Vintage curves (账龄分析): for each origination cohort (month or quarter), the cumulative share of
 * loans that have EVER been 30+ / 90+ (more than 30 / 90 days past due, as in the roll buckets) by
 * months on book, by count and by balance.
 * Count: loans that hit the threshold by that month on book / loans in the cohort. Balance:
 * balance at the first hit / original amount (or the first observed balance when the panel maps
 * no original amount). Each loan's first hit is found once in SQL; the curve is a running sum.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { PanelMapping, VintageCurve } from '../api/monitoring';
import { badInput } from '../api/errors';
import { allRows } from '../workspace/workspace';
import { hasField, panelRelation } from './panel';
import { BUCKET_MAX_DPD } from './rollRates';
import { ratio, SqlParams } from './sql';

interface PointRow {
  cohort: string;
  mob: number;
  loans: number;
  amount: number;
  left_censored: boolean;
  c30: number;
  c90: number;
  b30: number;
  b90: number;
}

/**
 * One row per loan: cohort, original amount, months on book first and last seen, and the month on
 * book (and balance) of its first 30+ and 90+. Shared with the drill-down so a curve point and the
 * loans behind it come from the same SQL.
 */
export function vintageLoansSql(m: PanelMapping, cohortBy: 'month' | 'quarter', p: SqlParams): string {
  if (!hasField(m, 'originationMonth')) {
    throw badInput(`Vintage curves need an origination date; map one for panel "${m.panel}".`, { panel: m.panel, field: 'originationDate' });
  }
  if (cohortBy !== 'month' && cohortBy !== 'quarter') throw badInput('Cohorts are by month or by quarter.', { field: 'cohortBy' });
  const unit = p.add(cohortBy);
  const [, thirty, , ninety] = BUCKET_MAX_DPD;
  const over30 = `dpd > ${p.add(thirty)}`;
  const over90 = `dpd > ${p.add(ninety)}`;
  const rel = panelRelation(m, ['dpd', 'balance', 'originationMonth', 'originalAmount']);
  return `(SELECT loan_id, CAST(date_trunc(${unit}, any_value(origination_month)) AS DATE) AS cohort,
              any_value(origination_month) AS orig,
              coalesce(any_value(original_amount), arg_min(balance, mob)) AS amount,
              min(mob) AS first_mob, max(mob) AS last_mob,
              min(mob) FILTER (WHERE ${over30}) AS hit30, arg_min(balance, mob) FILTER (WHERE ${over30}) AS bal30,
              min(mob) FILTER (WHERE ${over90}) AS hit90, arg_min(balance, mob) FILTER (WHERE ${over90}) AS bal90
         FROM (SELECT *, datediff('month', origination_month, snapshot_date) AS mob FROM ${rel}
                WHERE origination_month IS NOT NULL AND snapshot_date >= origination_month)
        GROUP BY loan_id)`;
}

export async function vintageCurves(c: DuckDBConnection, m: PanelMapping, cohortBy: 'month' | 'quarter'): Promise<VintageCurve[]> {
  const p = new SqlParams();
  const loans = vintageLoansSql(m, cohortBy, p);
  const rows = await allRows<PointRow>(
    c,
    `WITH loans AS ${loans},
     first_snapshot AS (SELECT min(snapshot_date) AS d FROM ${panelRelation(m, [])}),
     cohorts AS (
       SELECT cohort, count(*) AS loans, sum(amount) AS amount, min(first_mob) AS lo, max(last_mob) AS hi,
              min(orig) < (SELECT d FROM first_snapshot) AS left_censored
         FROM loans GROUP BY cohort),
     grid AS (SELECT cohort, unnest(range(lo, hi + 1)) AS mob FROM cohorts),
     h30 AS (SELECT cohort, hit30 AS mob, count(*) AS n, sum(bal30) AS b FROM loans WHERE hit30 IS NOT NULL GROUP BY ALL),
     h90 AS (SELECT cohort, hit90 AS mob, count(*) AS n, sum(bal90) AS b FROM loans WHERE hit90 IS NOT NULL GROUP BY ALL)
     SELECT g.cohort, g.mob, k.loans, k.amount, k.left_censored,
            sum(coalesce(h30.n, 0)) OVER w AS c30, sum(coalesce(h90.n, 0)) OVER w AS c90,
            sum(coalesce(h30.b, 0)) OVER w AS b30, sum(coalesce(h90.b, 0)) OVER w AS b90
       FROM grid g JOIN cohorts k USING (cohort)
       LEFT JOIN h30 ON h30.cohort = g.cohort AND h30.mob = g.mob
       LEFT JOIN h90 ON h90.cohort = g.cohort AND h90.mob = g.mob
     WINDOW w AS (PARTITION BY g.cohort ORDER BY g.mob ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
     ORDER BY g.cohort, g.mob`,
    p.values,
  );
  const curves = new Map<string, VintageCurve>();
  for (const r of rows) {
    const curve = curves.get(r.cohort) ?? { cohort: r.cohort, loans: r.loans, leftCensored: r.left_censored, points: [] };
    curve.points.push({
      mob: r.mob,
      loans: r.loans,
      ever30ByCount: r.c30 / r.loans,
      ever90ByCount: r.c90 / r.loans,
      ever30ByBalance: ratio(r.b30, r.amount),
      ever90ByBalance: ratio(r.b90, r.amount),
    });
    curves.set(r.cohort, curve);
  }
  return [...curves.values()];
}
