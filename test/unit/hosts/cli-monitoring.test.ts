/**
 * The monitoring commands of the real `vigil` (node bin/vigil.mjs) on a small sample portfolio:
 * classify, migration, warnings and layers with --json, checked against plain loops over the
 * panel's rows (not the engine's SQL); then their human output and their input errors, through
 * the same runner in-process (CLI start-up is slow under load, so spawns are kept to five).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClassifyResult, LayerReport, MigrationMatrix, PanelInfo, Tier } from '../../../src/api/monitoring';
import { TIERS } from '../../../src/api/monitoring';
import { runCli } from '../../../src/host/cli/run';
import { Workspace } from '../../../src/workspace/workspace';
import { REPO_ROOT, tempDir, UCI_CSV } from '../../helpers/paths';

const BIN = join(REPO_ROOT, 'bin', 'vigil.mjs');
const tmp = tempDir('vigil-cli-mon-');
const ws = join(tmp.dir, 'mon.duckdb');

function vigil(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args, '--workspace', ws], { cwd: tmp.dir, encoding: 'utf8', timeout: 240_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json<T>(stdout: string): T {
  const lines = stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]) as T;
}

/** The runner in this process, as bin/vigil.mjs drives it: exit code, stdout, stderr. */
async function vigilHere(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli([...args, '--workspace', ws], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: tmp.dir,
    onInterrupt: () => () => undefined,
  });
  return { code, stdout, stderr };
}

interface PanelRow {
  loan_id: string;
  snapshot_date: string;
  days_past_due: number;
  balance: number;
  restructured: boolean;
  product: string;
}

/**
 * The sample's own rule set by hand: retail 2023 (current normal; 1–90 special mention; 91–270
 * substandard; 271–360 doubtful; else loss) with credit cards under the 2011 card measures
 * (91–120 / 121–180 / over 180); restructured at least substandard. `retailOnly` applies the
 * retail limits to every product.
 */
function tierOf(r: PanelRow, retailOnly = false): number {
  const d = r.days_past_due;
  const [ss, db] = r.product === 'credit_card' && !retailOnly ? [120, 180] : [270, 360];
  const byDays = d <= 0 ? 0 : d <= 90 ? 1 : d <= ss ? 2 : d <= db ? 3 : 4;
  return r.restructured ? Math.max(byDays, 2) : byDays;
}

let rows: PanelRow[] = [];
let snapshots: string[] = [];

beforeAll(async () => {
  const r = vigil('sample', '--loans', '2000', '--months', '12', '--json');
  expect(r.code, r.stderr).toBe(0);
  // Read the panel once, outside the CLI, for the hand counts below.
  const w = await Workspace.open(ws);
  rows = await w.all<PanelRow>('SELECT loan_id, snapshot_date, days_past_due, balance, restructured, product FROM loan_performance JOIN loans USING (loan_id)');
  await w.close();
  snapshots = [...new Set(rows.map((x) => x.snapshot_date))].sort();
}, 300_000);

afterAll(() => tmp.cleanup());

describe('vigil monitoring commands (spawned, --json)', () => {
  it('classify: loans per tier, NPL ratio and provisions per snapshot, as a plain loop counts them', () => {
    const r = vigil('classify', '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = json<ClassifyResult>(r.stdout);
    expect(out.panel).toBe('loan_performance');
    expect(out.ruleSet).toBe('retail_2023_cards_2011');
    expect(out.snapshots.map((s) => s.snapshot)).toEqual(snapshots);
    const rates = [0.01, 0.02, 0.25, 0.5, 1];
    for (const s of out.snapshots) {
      const at = rows.filter((x) => x.snapshot_date === s.snapshot);
      const counts = [0, 0, 0, 0, 0];
      const balances = [0, 0, 0, 0, 0];
      for (const x of at) {
        counts[tierOf(x)] += 1;
        balances[tierOf(x)] += x.balance;
      }
      expect(s.tiers.map((t) => t.count)).toEqual(counts);
      const total = balances.reduce((a, b) => a + b, 0);
      expect(s.nplRatio).toBeCloseTo((balances[2] + balances[3] + balances[4]) / total, 10);
      expect(s.provisions).toBeCloseTo(balances.reduce((a, b, i) => a + b * rates[i], 0), 2);
    }
    // A real book has arrears somewhere.
    expect(out.snapshots.some((s) => s.nplBalance > 0)).toBe(true);
  });

  it('migration --from --to: every cell counts the loans that went from one tier to the other (or left)', () => {
    const [from, to] = snapshots.slice(-2);
    // Named on the command line, the retail set applies to cards too (the panel's own set is the mixed one).
    const r = vigil('migration', '--from', from, '--to', to, '--by', 'balance', '--rule-set', 'retail_2023', '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = json<MigrationMatrix & { by: string; panel: string }>(r.stdout);
    expect([out.from, out.to, out.by]).toEqual([from, to, 'balance']);
    const end = new Map(rows.filter((x) => x.snapshot_date === to).map((x) => [x.loan_id, tierOf(x, true)]));
    const expected = new Map<string, number>();
    for (const x of rows.filter((y) => y.snapshot_date === from)) {
      const dest = end.get(x.loan_id);
      const key = `${TIERS[tierOf(x, true)]}>${dest === undefined ? 'exited' : TIERS[dest]}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    let cells = 0;
    for (const row of out.rows) {
      for (const c of row.cells) {
        expect(c.count, `${row.from}>${c.to}`).toBe(expected.get(`${row.from}>${c.to}`) ?? 0);
        cells += c.count;
      }
      // Balance shares of a row add up to one when the row has a balance.
      if (row.balance > 0) expect(row.cells.reduce((s, c) => s + (c.balanceShare ?? 0), 0)).toBeCloseTo(1, 10);
    }
    expect(cells).toBe(rows.filter((x) => x.snapshot_date === from).length);
  });

  it('warnings: red loans at the latest snapshot are those more than 90 days past due; the watchlist lists red first', () => {
    const latest = snapshots[snapshots.length - 1];
    const r = vigil('warnings', '--limit', '15', '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = json<{
      snapshot: string;
      byLevel: { level: string; count: number }[];
      portfolio: { snapshot: string; indicator: string; value: number | null }[];
      watchlist: { loan_id: string; highest_level: string; dpd: number }[];
      watchlistTotal: number;
    }>(r.stdout);
    expect(out.snapshot).toBe(latest);
    const over90 = rows.filter((x) => x.snapshot_date === latest && x.days_past_due > 90).length;
    expect(out.byLevel.find((b) => b.level === 'red')?.count ?? 0).toBe(over90);
    expect(out.watchlistTotal).toBe(out.byLevel.reduce((s, b) => s + b.count, 0));
    expect(out.watchlist).toHaveLength(Math.min(15, out.watchlistTotal));
    const ranks = out.watchlist.map((w) => ['yellow', 'orange', 'red'].indexOf(w.highest_level));
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(out.watchlist.filter((w) => w.highest_level === 'red').every((w) => w.dpd > 90)).toBe(true);
    // Portfolio indicators of that snapshot only; the NPL ratio is the classification's.
    expect(out.portfolio.every((p) => p.snapshot === latest)).toBe(true);
    expect(out.portfolio.find((p) => p.indicator === 'nplRatio')?.value).not.toBeNull();
  });

  it('layers: the three layers share the book; layer C holds exactly the non-performing loans', () => {
    const r = vigil('layers', '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = json<LayerReport & { period: string }>(r.stdout);
    expect(out.period).toBe('month');
    expect(out.periods).toEqual(snapshots);
    const last = out.layers.filter((l) => l.period === snapshots[snapshots.length - 1]);
    const value = (layer: string, ind: string) => last.find((l) => l.layer === layer)?.indicators.find((i) => i.indicator === ind)?.value ?? 0;
    const at = rows.filter((x) => x.snapshot_date === snapshots[snapshots.length - 1]);
    expect(value('A', 'count') + value('B', 'count') + value('C', 'count')).toBe(at.length);
    expect(value('A', 'bookShare') + value('B', 'bookShare') + value('C', 'bookShare')).toBeCloseTo(1, 12);
    // Default rules: C = substandard or worse, or a red signal (over 90 days, which is substandard already); no PD here.
    expect(value('C', 'count')).toBe(at.filter((x) => tierOf(x) >= TIERS.indexOf('substandard' as Tier)).length);
  });
});

describe('vigil monitoring commands (human output and errors, in-process)', () => {
  it('classify prints one aligned row per snapshot, with the tier counts of --json', async () => {
    const r = await vigilHere('classify');
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    const header = lines.findIndex((l) => l.startsWith('snapshot'));
    expect(lines[header]).toMatch(/^snapshot\s+loans\s+normal\s+special mention\s+substandard\s+doubtful\s+loss\s+balance\s+NPL ratio/);
    const body = lines.slice(header + 2, header + 2 + snapshots.length);
    expect(body.map((l) => l.slice(0, 10))).toEqual(snapshots);
    // Right-aligned numbers: every row ends where the header ends.
    for (const l of body) expect(l.length).toBe(lines[header].length);
    const latest = rows.filter((x) => x.snapshot_date === snapshots[snapshots.length - 1]);
    expect(body[body.length - 1].split(/\s{2,}/)[1]).toBe(latest.length.toLocaleString('en-US'));
  });

  it('migration prints the matrix with shares and counts, and says which loans entered', async () => {
    const [from, to] = snapshots.slice(-2);
    const r = await vigilHere('migration', '--from', from, '--to', to);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`${from} → ${to}, row shares by count`);
    const normal = r.stdout.split('\n').find((l) => l.startsWith('normal '));
    const stayed = rows.filter((x) => x.snapshot_date === from && tierOf(x) === 0).length;
    expect(normal).toMatch(/^normal\s+\d+\.\d\d% \([\d,]+\)/);
    expect(normal?.trimEnd().endsWith(stayed.toLocaleString('en-US'))).toBe(true);
    expect(r.stdout).toMatch(/Entered the book by \d{4}-\d{2}-\d{2}: [\d,]+ loans/);
  });

  it('warnings and layers print their tables for people', async () => {
    const w = await vigilHere('warnings', '--limit', '3');
    expect(w.code, w.stderr).toBe(0);
    expect(w.stdout).toMatch(/^level\s+loans\s+balance$/m);
    expect(w.stdout).toMatch(/^NPL ratio\s+\d+\.\d\d%/m);
    expect(w.stdout).toMatch(/Watchlist, first 3 of [\d,]+ \(red first\)/);
    const l = await vigilHere('layers');
    expect(l.code, l.stderr).toBe(0);
    const table = l.stdout.split('\n').filter((x) => /^(loans|balance|share of book|30\+ overdue rate|90\+ overdue rate|NPL ratio|migration rate|roll rate to 90\+|recovery rate|average PD|expected loss|provision coverage)(?=\s|$)/.test(x));
    expect(table).toHaveLength(12);
    expect(l.stdout).toMatch(/^indicator\s+A good\s+B watch\s+C high risk$/m);
  });

  it('says what is wrong with the input, with exit code 2', async () => {
    const noTo = await vigilHere('migration', '--from', snapshots[0], '--json');
    expect(noTo.code).toBe(2);
    expect(json<{ error: { kind: string; message: string } }>(noTo.stdout).error.message).toMatch(/--to DATE is required/);
    const badDate = await vigilHere('warnings', '--snapshot', '1999-12-31');
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain(`has no snapshot on 1999-12-31 (snapshots: ${snapshots[0]} … ${snapshots[snapshots.length - 1]})`);
    const backwards = await vigilHere('migration', '--from', snapshots[1], '--to', snapshots[0]);
    expect(backwards.code).toBe(2);
    const noPanel = await vigilHere('classify', '--panel', 'nope');
    expect(noPanel.code).toBe(2);
    expect(noPanel.stderr).toContain('There is no panel named "nope". Mapped panels: loan_performance.');
    const badPeriod = await vigilHere('layers', '--period', 'year');
    expect(badPeriod.code).toBe(2);
    expect(badPeriod.stderr).toContain('--period must be one of month, week');
  });

  it('panels lists the sample panel and builds one from the imported UCI table', async () => {
    const list = await vigilHere('panels');
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/^panel\s+table\s+loans\s+rows\s+snapshots\s+rule set/m);
    expect(list.stdout).toMatch(/^loan_performance\s+loan_performance\s+[\d,]+\s+[\d,]+\s+\S+ … \S+ \(12\)\s+retail_2023_cards_2011/m);
    expect((await vigilHere('import', UCI_CSV, '--table', 'uci', '--json')).code).toBe(0);
    const built = await vigilHere('panels', '--from-uci', 'uci', '--json');
    expect(built.code, built.stderr).toBe(0);
    const info = json<{ panel: PanelInfo }>(built.stdout).panel;
    // 30,000 accounts × six months (April … September 2005)
    expect([info.mapping.table, info.loans, info.rows]).toEqual(['uci_panel', 30_000, 180_000]);
    expect(info.snapshots).toEqual(['2005-04-30', '2005-05-31', '2005-06-30', '2005-07-31', '2005-08-31', '2005-09-30']);
    const again = await vigilHere('panels', '--from-uci', 'uci');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('"uci_panel" already exists');
    expect((await vigilHere('classify', '--panel', 'uci_panel', '--json')).code).toBe(0);
  });
});
