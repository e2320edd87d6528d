/**
 * Portfolio-level warning indicators per snapshot: NPL ratio, the regulatory migration rates (of
 * the period ending at the snapshot) and concentration of balance by region and industry (share
 * of the largest group, and the Herfindahl–Hirschman index Σ shareᵢ²), each graded light /
 * moderate / severe against the desk's thresholds.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  SEVERITIES,
  type MigrationRateName,
  type MigrationRatePoint,
  type PanelMapping,
  type PortfolioIndicatorName,
  type PortfolioIndicatorValue,
  type PortfolioWarningRule,
  type Severity,
  type TierSnapshot,
} from '../api/monitoring';
import { allRows } from '../workspace/workspace';
import { FIELD_COLUMN, hasField, panelRelation } from './panel';

const RATE_OF: Partial<Record<PortfolioIndicatorName, MigrationRateName>> = {
  normalMigrationRate: 'normal',
  specialMentionMigrationRate: 'special_mention',
  substandardMigrationRate: 'substandard',
  doubtfulMigrationRate: 'doubtful',
};

export function severityOf(value: number | null, r: PortfolioWarningRule): Severity | null {
  if (value === null) return null;
  let hit: Severity | null = null;
  for (const s of SEVERITIES) if (value >= r[s]) hit = s;
  return hit;
}

/** Largest group's share and HHI of balance per snapshot, over rows where the group is known. */
async function concentration(c: DuckDBConnection, m: PanelMapping, dim: 'region' | 'industry'): Promise<Map<string, { top: number | null; hhi: number | null }>> {
  const col = FIELD_COLUMN[dim];
  const rows = await allRows<{ snapshot_date: string; top: number | null; hhi: number | null }>(
    c,
    `SELECT snapshot_date, max(b) / NULLIF(sum(b), 0) AS top, sum(b * b) / NULLIF(sum(b) * sum(b), 0) AS hhi
       FROM (SELECT snapshot_date, ${col}, sum(balance) AS b FROM ${panelRelation(m, ['balance', dim])}
              WHERE ${col} IS NOT NULL GROUP BY ALL)
      GROUP BY snapshot_date`,
  );
  return new Map(rows.map((r) => [r.snapshot_date, { top: r.top, hhi: r.hhi }]));
}

export async function portfolioIndicators(
  c: DuckDBConnection,
  m: PanelMapping,
  rules: PortfolioWarningRule[],
  tiers: TierSnapshot[],
  rates: MigrationRatePoint[],
  notes: string[],
): Promise<PortfolioIndicatorValue[]> {
  const enabled = rules.filter((r) => r.enabled);
  const conc: Partial<Record<'region' | 'industry', Map<string, { top: number | null; hhi: number | null }>>> = {};
  for (const dim of ['region', 'industry'] as const) {
    const wanted = enabled.some((r) => r.indicator.startsWith(dim));
    if (!wanted) continue;
    if (hasField(m, dim)) conc[dim] = await concentration(c, m, dim);
    else notes.push(`${dim} concentration skipped: the panel has no ${dim} column.`);
  }
  const valueAt = (indicator: PortfolioIndicatorName, t: TierSnapshot): number | null | undefined => {
    if (indicator === 'nplRatio') return t.nplRatio;
    const rate = RATE_OF[indicator];
    if (rate) {
      const point = rates.find((p) => p.end === t.snapshot);
      return point ? (point.rates.find((x) => x.name === rate)?.byBalance ?? null) : null;
    }
    const dim = indicator.startsWith('region') ? 'region' : 'industry';
    const map = conc[dim];
    if (!map) return undefined;
    const v = map.get(t.snapshot);
    return v ? (indicator.endsWith('Hhi') ? v.hhi : v.top) : null;
  };
  const out: PortfolioIndicatorValue[] = [];
  for (const t of tiers) {
    for (const r of enabled) {
      const value = valueAt(r.indicator, t);
      if (value === undefined) continue;
      const severity = severityOf(value, r);
      out.push({ snapshot: t.snapshot, indicator: r.indicator, value, severity, breach: severity !== null });
    }
  }
  return out;
}
