/** The sample portfolio maps itself (loan_performance joined with loans) and classifies. */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monitoringHandlers } from '../../../src/monitoring/handlers';
import { sampleHandlers } from '../../../src/sample/handlers';
import { Workspace } from '../../../src/workspace/workspace';
import { tempDir } from '../../helpers/paths';
import { testCtx } from './fixture';

let ws: Workspace;
let api: ReturnType<typeof monitoringHandlers>;
let cleanup: () => void;
beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  ws = await Workspace.open(join(t.dir, 'ws.duckdb'));
  await sampleHandlers(ws)['sample.generate']({ loans: 2000, months: 12, seed: 11 }, testCtx());
  api = monitoringHandlers(ws);
});
afterAll(async () => {
  await ws.close();
  cleanup();
});

describe('sample portfolio', () => {
  it('is listed as a panel without any mapping step', async () => {
    const panels = await api['monitoring.panels']({}, testCtx());
    const sample = panels.find((p) => p.mapping.panel === 'loan_performance')!;
    expect(sample.mapping.attributes?.table).toBe('loans');
    expect(sample.fields).toEqual(expect.arrayContaining(['product', 'segment', 'originationMonth', 'region', 'industry', 'ltv', 'paidAmount', 'restructured', 'utilisation']));
    expect(sample.snapshots).toHaveLength(12);
  });

  it('classifies like a plain loop over its rows: loans under the 2023 measures, cards under the 2011 card measures', async () => {
    const res = await api['monitoring.classify']({ panel: 'loan_performance' }, testCtx());
    expect(res.ruleSet).toBe('retail_2023_cards_2011');
    const rows = await ws.all<{ snapshot_date: string; days_past_due: number; restructured: boolean; product: string }>(
      `SELECT p.snapshot_date, p.days_past_due, p.restructured, l.product FROM loan_performance p JOIN loans l USING (loan_id)`,
    );
    const expected = new Map<string, number[]>();
    for (const r of rows) {
      const d = r.days_past_due;
      const [sm, ss, db] = r.product === 'credit_card' ? [90, 120, 180] : [90, 270, 360];
      let tier = d <= 0 ? 0 : d <= sm ? 1 : d <= ss ? 2 : d <= db ? 3 : 4;
      if (r.restructured) tier = Math.max(tier, 2);
      const counts = expected.get(r.snapshot_date) ?? [0, 0, 0, 0, 0];
      counts[tier] += 1;
      expected.set(r.snapshot_date, counts);
    }
    expect(res.snapshots).toHaveLength(12);
    for (const s of res.snapshots) expect(s.tiers.map((t) => t.count)).toEqual(expected.get(s.snapshot));
    // A real book has arrears somewhere
    expect(res.snapshots.some((s) => s.nplBalance > 0)).toBe(true);
  });

  it('runs vintages, warnings and the layer report on the sample', async () => {
    const vintages = await api['monitoring.vintages']({ panel: 'loan_performance' }, testCtx());
    expect(vintages.length).toBeGreaterThan(12);
    expect(vintages.some((v) => !v.leftCensored)).toBe(true);
    const warnings = await api['monitoring.warnings']({ panel: 'loan_performance' }, testCtx());
    expect(warnings.notes.some((n) => n.includes('no model PD'))).toBe(true);
    expect(warnings.portfolio.some((p) => p.indicator === 'regionTopShare' && p.value !== null)).toBe(true);
    const layers = await api['monitoring.layers']({ panel: 'loan_performance' }, testCtx());
    const firstPeriod = layers.layers.filter((l) => l.period === layers.periods[0]);
    const share = firstPeriod.reduce((s, l) => s + (l.indicators.find((i) => i.indicator === 'bookShare')!.value ?? 0), 0);
    expect(share).toBeCloseTo(1, 12);
  });
});
