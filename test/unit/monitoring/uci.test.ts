/**
 * The UCI credit-card data as a six-month panel. Expected values come from a plain loop over the
 * CSV (fs + split), not from SQL: tier counts under the credit-card rules, the Aug → Sep migration
 * matrix, roll rates and a migration rate.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DPD_BUCKETS } from '../../../src/api/monitoring';
import { monitoringHandlers } from '../../../src/monitoring/handlers';
import { Workspace } from '../../../src/workspace/workspace';
import { tempDir, UCI_CSV } from '../../helpers/paths';
import { testCtx } from './fixture';

// ---- the independent reading of the CSV
const lines = readFileSync(UCI_CSV, 'utf8').trim().split(/\r?\n/);
const header = lines[0].split(',');
const col = (name: string) => header.indexOf(name);
const accounts = lines.slice(1).map((l) => l.split(',').map(Number));
/** Status, bill and payment columns from April (index 0) to September (index 5). */
const MONTHS = [
  ['PAY_6', 'BILL_AMT6', 'PAY_AMT6'],
  ['PAY_5', 'BILL_AMT5', 'PAY_AMT5'],
  ['PAY_4', 'BILL_AMT4', 'PAY_AMT4'],
  ['PAY_3', 'BILL_AMT3', 'PAY_AMT3'],
  ['PAY_2', 'BILL_AMT2', 'PAY_AMT2'],
  ['PAY_0', 'BILL_AMT1', 'PAY_AMT1'],
].map(([s, b, p]) => ({ status: col(s), bill: col(b), paid: col(p) }));
const SNAPSHOTS = ['2005-04-30', '2005-05-31', '2005-06-30', '2005-07-31', '2005-08-31', '2005-09-30'];
const mpd = (row: number[], month: number) => Math.max(row[MONTHS[month].status], 0);
/** Credit-card tier index 0..4 from months past due: 1–3 months ≤ 90 d, 4 = 120 d, 5–6 ≤ 180 d, 7+ loss. */
const cardTier = (m: number) => (m === 0 ? 0 : m <= 3 ? 1 : m === 4 ? 2 : m <= 6 ? 3 : 4);
/** Bucket 0..4: current, 1–30 (1 month), 31–60, 61–90, 90+. */
const bucket = (m: number) => Math.min(m, 4);

let ws: Workspace;
let api: ReturnType<typeof monitoringHandlers>;
let cleanup: () => void;
beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  ws = await Workspace.open(join(t.dir, 'ws.duckdb'));
  await ws.run(`CREATE TABLE uci AS SELECT * FROM read_csv($1, header = true)`, [UCI_CSV]);
  api = monitoringHandlers(ws);
  await api['monitoring.panelFromUci']({ table: 'uci', target: 'uci_panel' }, testCtx());
});
afterAll(async () => {
  await ws.close();
  cleanup();
});

describe('UCI panel', () => {
  it('writes six month-ends per account in the right month order', async () => {
    const panels = await api['monitoring.panels']({}, testCtx());
    expect(panels[0]).toMatchObject({ rows: 6 * accounts.length, loans: accounts.length, snapshots: SNAPSHOTS });
    const first = accounts[0];
    const id1 = await ws.all<{ snapshot_date: string; balance: number; paid_amount: number; days_past_due: number; pay_status: number }>(
      `SELECT snapshot_date, balance, paid_amount, days_past_due, pay_status FROM uci_panel WHERE loan_id = $1 ORDER BY snapshot_date`,
      [first[col('ID')]],
    );
    expect(id1.map((r) => r.balance)).toEqual(MONTHS.map((m) => first[m.bill]));
    expect(id1.map((r) => r.paid_amount)).toEqual(MONTHS.map((m) => first[m.paid]));
    expect(id1.map((r) => r.pay_status)).toEqual(MONTHS.map((m) => first[m.status]));
    expect(id1.map((r) => r.days_past_due)).toEqual(MONTHS.map((_, i) => 30 * mpd(first, i)));
  });

  it('refuses to overwrite a table or to read a table that is not UCI', async () => {
    await expect(api['monitoring.panelFromUci']({ table: 'uci', target: 'uci_panel' }, testCtx())).rejects.toMatchObject({ kind: 'conflict' });
    await expect(api['monitoring.panelFromUci']({ table: 'uci_panel', target: 'x' }, testCtx())).rejects.toMatchObject({
      kind: 'bad_input',
      details: { table: 'uci_panel', column: 'ID' },
    });
  });

  it('classifies every month under the credit-card rules like a plain loop does', async () => {
    const res = await api['monitoring.classify']({ panel: 'uci_panel', ruleSet: 'credit_card_2011' }, testCtx());
    SNAPSHOTS.forEach((snap, month) => {
      const counts = [0, 0, 0, 0, 0];
      const balances = [0, 0, 0, 0, 0];
      for (const row of accounts) {
        const t = cardTier(mpd(row, month));
        counts[t] += 1;
        balances[t] += row[MONTHS[month].bill];
      }
      const got = res.snapshots.find((s) => s.snapshot === snap)!;
      expect(got.tiers.map((t) => t.count)).toEqual(counts);
      got.tiers.forEach((t, i) => expect(t.balance).toBeCloseTo(balances[i], 2));
    });
  });

  it('matches the Aug → Sep migration matrix counted by hand from PAY_2 and PAY_0', async () => {
    const expected = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0, 0]);
    for (const row of accounts) expected[cardTier(mpd(row, 4))][cardTier(mpd(row, 5))] += 1;
    const m = await api['monitoring.migration']({ panel: 'uci_panel', ruleSet: 'credit_card_2011', from: '2005-08-31', to: '2005-09-30' }, testCtx());
    expect(m.rows.map((r) => r.cells.map((c) => c.count))).toEqual(expected);
    expect(expected[0][0]).toBeGreaterThan(20_000); // sanity: the loop saw the data
    // The normal-loan migration rate by count, no account leaves this book
    const [, , , , aug] = await api['monitoring.migrationRates']({ panel: 'uci_panel', ruleSet: 'credit_card_2011' }, testCtx());
    const normal = expected[0];
    expect(aug.rates.find((r) => r.name === 'normal')!.byCount).toBeCloseTo((normal[1] + normal[2] + normal[3] + normal[4]) / normal.reduce((s, x) => s + x, 0), 12);
  });

  it('matches roll rates month to month', async () => {
    const res = await api['monitoring.rollRates']({ panel: 'uci_panel' }, testCtx());
    expect(res.periods).toHaveLength(5);
    res.periods.forEach((period, p) => {
      const from = [0, 0, 0, 0, 0];
      const rolled = [0, 0, 0, 0, 0];
      for (const row of accounts) {
        const a = bucket(mpd(row, p));
        const b = bucket(mpd(row, p + 1));
        from[a] += 1;
        if (a < 4 && b === a + 1) rolled[a] += 1;
      }
      period.rollForward.forEach((r, k) => {
        expect(r.from).toBe(DPD_BUCKETS[k]);
        if (from[k] === 0) expect(r.byCount).toBeNull();
        else expect(r.byCount).toBeCloseTo(rolled[k] / from[k], 12);
      });
    });
  });
});
