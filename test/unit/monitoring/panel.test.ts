import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PanelMapping } from '../../../src/api/monitoring';
import { openFixture, S1, S4, SMALL_MAPPING, testCtx, type Fixture } from './fixture';

let fx: Fixture;
beforeAll(async () => {
  fx = await openFixture(false);
});
afterAll(async () => fx.cleanup());

const save = (mapping: PanelMapping) => fx.api['monitoring.saveMapping']({ mapping }, testCtx());
const withColumns = (patch: Partial<PanelMapping['columns']>): PanelMapping => ({ ...SMALL_MAPPING, columns: { ...SMALL_MAPPING.columns, ...patch } });

describe('panel mappings', () => {
  it('saves a mapping once and describes the panel', async () => {
    const info = await save(SMALL_MAPPING);
    expect(info).toMatchObject({ rows: 36, loans: 10, snapshots: [S1, '2024-02-29', '2024-03-31', S4] });
    expect(info.fields).toEqual(expect.arrayContaining(['dpd', 'product', 'originationMonth', 'pd', 'ltv', 'utilisation', 'restructured']));
    expect(info.fields).not.toContain('chargedOff');
    const panels = await fx.api['monitoring.panels']({}, testCtx());
    expect(panels.map((p) => p.mapping.panel)).toEqual(['small']);
    expect(panels[0].mapping).toEqual(SMALL_MAPPING);
    const stored = await fx.ws.all<{ panel: string }>(`SELECT panel FROM _vigil_panel_mappings`);
    expect(stored).toEqual([{ panel: 'small' }]);
  });

  it('names the table and column of every mapping mistake', async () => {
    await expect(save(withColumns({ balance: 'bal' }))).rejects.toMatchObject({
      kind: 'bad_input',
      details: { table: 'small_panel', column: 'bal', field: 'balance' },
    });
    await expect(save(withColumns({ balance: 'loan_id' }))).rejects.toMatchObject({
      kind: 'bad_input',
      details: { column: 'loan_id', type: 'VARCHAR' },
    });
    await expect(save(withColumns({ daysPastDue: undefined }))).rejects.toMatchObject({ kind: 'bad_input', details: { field: 'daysPastDue' } });
    await expect(save({ ...SMALL_MAPPING, table: 'nowhere' })).rejects.toMatchObject({ kind: 'not_found', details: { table: 'nowhere' } });
    await expect(save({ ...SMALL_MAPPING, attributes: { ...SMALL_MAPPING.attributes!, key: 'id' } })).rejects.toMatchObject({
      kind: 'bad_input',
      details: { table: 'small_loans', column: 'id' },
    });
  });

  it('refuses panels with duplicate loan-snapshot rows or missing values', async () => {
    await fx.ws.run(`CREATE TABLE dup_panel AS SELECT * FROM small_panel UNION ALL SELECT * FROM small_panel WHERE loan_id = 'L04' AND snapshot_date = DATE '2024-01-31'`);
    await expect(save({ ...SMALL_MAPPING, panel: 'dup', table: 'dup_panel' })).rejects.toMatchObject({
      kind: 'bad_input',
      details: { table: 'dup_panel', loanId: 'L04', snapshot: S1 },
    });
    await fx.ws.run(`CREATE TABLE gap_panel AS SELECT * REPLACE (CASE WHEN loan_id = 'L02' THEN NULL ELSE dpd END AS dpd) FROM small_panel`);
    await expect(save({ ...SMALL_MAPPING, panel: 'gap', table: 'gap_panel' })).rejects.toMatchObject({
      kind: 'bad_input',
      details: { table: 'gap_panel', column: 'dpd', rows: 4 },
    });
    await fx.ws.run(`CREATE TABLE dup_loans AS SELECT * FROM small_loans UNION ALL SELECT * FROM small_loans WHERE loan_id = 'L01'`);
    await expect(save({ ...SMALL_MAPPING, panel: 'dupattr', attributes: { ...SMALL_MAPPING.attributes!, table: 'dup_loans' } })).rejects.toMatchObject({
      kind: 'bad_input',
      details: { table: 'dup_loans' },
    });
  });

  it('turns months past due into days (30 per month, negative statuses are current)', async () => {
    await fx.ws.run(`CREATE TABLE mpd_panel AS SELECT loan_id, snapshot_date, balance, CASE WHEN dpd = 0 THEN -1 ELSE ceil(dpd / 30.0) END AS mpd FROM small_panel`);
    await save({ panel: 'mpd', table: 'mpd_panel', columns: { loanId: 'loan_id', snapshotDate: 'snapshot_date', monthsPastDue: 'mpd', balance: 'balance' } });
    const res = await fx.api['monitoring.classify']({ panel: 'mpd' }, testCtx());
    // Jan: L04 100 d → 4 months → 120 d (SS), L06 280 d → 10 months → 300 d (D), L08 15 d → 1 month → 30 d (SM)
    expect(res.snapshots[0].tiers.map((t) => t.count)).toEqual([5, 2, 1, 1, 0]);
    expect(res.notes).toEqual(['Override "restructured → substandard" not applied: the panel has no restructured column.']);
    const dpd = await fx.ws.all(`SELECT loan_id, dpd FROM mpd_tiers WHERE snapshot_date = DATE '2024-01-31' AND dpd > 0 ORDER BY loan_id`);
    expect(dpd).toEqual([
      { loan_id: 'L04', dpd: 120 },
      { loan_id: 'L06', dpd: 300 },
      { loan_id: 'L08', dpd: 30 },
      { loan_id: 'L10', dpd: 60 },
    ]);
  });

  it('suggests a mapping from column names', async () => {
    await fx.ws.run(`CREATE TABLE bank_extract AS SELECT loan_id AS account_id, snapshot_date AS report_date, dpd AS overdue_days,
      balance AS outstanding, paid_amount AS repaid_amount, restructured AS is_restructured FROM small_panel`);
    const m = await fx.api['monitoring.suggestMapping']({ table: 'bank_extract' }, testCtx());
    expect(m.columns).toEqual({
      loanId: 'account_id',
      snapshotDate: 'report_date',
      daysPastDue: 'overdue_days',
      balance: 'outstanding',
      paidAmount: 'repaid_amount',
      restructured: 'is_restructured',
    });
    await expect(fx.api['monitoring.suggestMapping']({ table: 'nope' }, testCtx())).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('lists a panel whose table was dropped with the reason, and deletes mappings', async () => {
    await fx.ws.run(`CREATE TABLE doomed AS SELECT * FROM small_panel`);
    await save({ ...SMALL_MAPPING, panel: 'doomed', table: 'doomed' });
    await fx.ws.run(`DROP TABLE doomed`);
    const doomed = (await fx.api['monitoring.panels']({}, testCtx())).find((p) => p.mapping.panel === 'doomed');
    expect(doomed?.problem).toContain('doomed');
    await fx.api['monitoring.deleteMapping']({ panel: 'doomed' }, testCtx());
    expect((await fx.api['monitoring.panels']({}, testCtx())).some((p) => p.mapping.panel === 'doomed')).toBe(false);
    await expect(fx.api['monitoring.deleteMapping']({ panel: 'doomed' }, testCtx())).rejects.toMatchObject({ kind: 'not_found' });
    await expect(fx.api['monitoring.classify']({ panel: 'small_panel' }, testCtx())).rejects.toMatchObject({ kind: 'not_found' });
  });
});

describe('jobs', () => {
  it('reports progress and stops when cancelled', async () => {
    const ctx = testCtx();
    await fx.api['monitoring.classify']({ panel: 'small' }, ctx);
    expect(ctx.events.length).toBeGreaterThanOrEqual(3);
    expect(ctx.events.at(-1)).toMatchObject({ done: 1, total: 2 });
    const stopped = testCtx();
    stopped.cancel();
    await expect(fx.api['monitoring.migration']({ panel: 'small', from: S1, to: S4 }, stopped)).rejects.toMatchObject({ kind: 'cancelled' });
  });

  it('cancelling during classification leaves the previous tiers in place', async () => {
    const before = await fx.ws.all(`SELECT count(*) AS n FROM small_tiers`);
    const ctx = testCtx();
    const origProgress = ctx.progress.bind(ctx);
    // Cancel as soon as the classification step announces itself.
    ctx.progress = (done, total, message) => {
      origProgress(done, total, message);
      if (message?.startsWith('Classifying')) ctx.cancel();
    };
    await expect(fx.api['monitoring.classify']({ panel: 'small', ruleSet: 'credit_card_2011' }, ctx)).rejects.toMatchObject({ kind: 'cancelled' });
    expect(await fx.ws.all(`SELECT count(*) AS n FROM small_tiers`)).toEqual(before);
    const runs = await fx.ws.all<{ rule_set: string }>(`SELECT rule_set FROM _vigil_tier_runs WHERE tiers_table = 'small_tiers'`);
    expect(runs).toEqual([{ rule_set: 'retail_2023' }]);
  });
});
