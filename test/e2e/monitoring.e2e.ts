/**
 * The Monitoring area end to end, as a post-loan desk uses it: the sample portfolio maps itself,
 * the classification tiles and tier mix appear, a tier count, a migration cell, a vintage point and
 * a warning count each drill to the loans behind them (checked against the engine's own numbers),
 * the layered report and collections render; the desk edits its warning rules, case allocation and
 * LGD and the figures follow the engine's, then restores the defaults and gets the first figures
 * back; everything (the editors too) reads in Chinese, and the UCI table becomes a panel through its
 * dialog. One browser, one workspace, in order.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { LAYER_INDICATORS, TIERS } from '../../src/api/monitoring';
import { UCI_CSV } from '../helpers/paths';
import { openHarness, type Harness } from './browser';

let h: Harness;
let page: Page;

const byTestId = (id: string) => `[data-testid="${id}"]`;
const PANEL = 'loan_performance';

/** Tall views are photographed whole: the tab body scrolls inside a 900 px window otherwise. */
async function shot(name: string, height = 900) {
  await page.setViewportSize({ width: 1440, height });
  await h.shot(name);
  await page.setViewportSize({ width: 1440, height: 900 });
}

/** A count as shown ("1,234"). */
const countOf = (text: string | null) => Number((text ?? '').replace(/,/g, ''));

/** A share as the page writes it in English: a percentage with up to two decimals (2.6%, not 2.60%). */
const pctText = (share: number) => `${new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(share * 100)}%`;

/** An amount as the page writes it in English (compact units from ten thousand up). */
function amountText(n: number): string {
  const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 2 });
  return Math.abs(n) < 10_000 ? new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(n) : compact.format(n);
}

/** The editor row (of `rows`) whose `input` holds `value`. */
async function rowWhere(rows: string, input: string, value: string): Promise<Locator> {
  const all = page.locator(byTestId(rows));
  for (let i = 0; i < (await all.count()); i++) {
    if ((await all.nth(i).locator(byTestId(input)).inputValue()) === value) return all.nth(i);
  }
  throw new Error(`No ${rows} with ${input} = ${value}`);
}

/** Dialogs close on Escape (through the page's state, like the Cancel button). */
async function closeDialog(testId: string) {
  await page.keyboard.press('Escape');
  await page.locator(byTestId(testId)).waitFor({ state: 'detached' });
}

async function openTab(id: string) {
  await page.click(byTestId(`mon-tab-${id}`));
  await page.waitForSelector(byTestId(`mon-${id}`));
}

/** Open the drill-down from `target`, read its count, close it. */
async function drillCount(target: Locator): Promise<number> {
  await target.click();
  const summary = page.locator(byTestId('drill-summary'));
  await summary.waitFor({ timeout: 60_000 });
  const n = Number(await summary.getAttribute('data-count'));
  return n;
}

async function closeDrill() {
  await page.click(byTestId('drill-close'));
  await page.locator(byTestId('drill-dialog')).waitFor({ state: 'detached' });
}

beforeAll(async () => {
  h = await openHarness();
  page = h.page;
  await h.server.engine.call('sample.generate', { loans: 5000, months: 24 });
  await page.goto(h.server.url);
  await page.waitForSelector(byTestId('nav'));
});

afterAll(async () => {
  await h?.close();
});

describe('Monitoring in the browser', () => {
  it('opens on the sample panel with KPI tiles and the tier mix', async () => {
    await page.click(byTestId('nav-monitoring'));
    await page.waitForSelector(byTestId('monitoring-page'));
    await page.waitForSelector(`${byTestId('tier-mix-chart')} svg`, { timeout: 120_000 });
    expect(await page.inputValue(byTestId('mon-panel'))).toBe(PANEL);
    const expected = await h.server.engine.call('monitoring.classify', { panel: PANEL });
    const latest = expected.snapshots[expected.snapshots.length - 1];
    // The NPL tile shows the engine's ratio, as a percentage with two decimals.
    expect(await page.textContent(byTestId('kpi-npl-value'))).toBe(pctText(latest.nplRatio!));
    // One bar segment per tier outside normal per snapshot, all clickable; normal joins when asked for.
    expect(await page.locator(`${byTestId('tier-mix-chart')} g.drill rect`).count()).toBe(expected.snapshots.length * 4);
    await page.check(byTestId('tier-mix-normal'));
    await expect.poll(() => page.locator(`${byTestId('tier-mix-chart')} g.drill rect`).count()).toBe(expected.snapshots.length * 5);
    await page.uncheck(byTestId('tier-mix-normal'));
    const counts = await page.locator(`${byTestId('tier-table')} ${byTestId('tier-count')}`).allTextContents();
    expect(counts.map((c) => Number(c.replace(/,/g, '')))).toEqual(TIERS.map((t) => latest.tiers.find((x) => x.tier === t)?.count ?? 0));
    await shot('monitoring-overview-en', 1000);
  });

  it('drills from a tier count to exactly the loans behind it', async () => {
    const classify = await h.server.engine.call('monitoring.classify', { panel: PANEL });
    const latest = classify.snapshots[classify.snapshots.length - 1];
    const special = latest.tiers.find((x) => x.tier === 'special_mention')!;
    const n = await drillCount(page.locator(`${byTestId('tier-table')} tr[data-tier="special_mention"] ${byTestId('tier-count')}`));
    expect(n).toBe(special.count);
    expect(await page.locator(`${byTestId('drill-grid')} [data-row="0"]`).count()).toBe(1);
    await shot('monitoring-drill-en');
    await closeDrill();
    // The same number from the chart: the latest bar's lowest segment (special mention, normal being off).
    const bar = page.locator(`${byTestId('tier-mix-chart')} g.drill rect`).nth((classify.snapshots.length - 1) * 4);
    expect(await drillCount(bar)).toBe(special.count);
    expect(await page.textContent(byTestId('drill-dialog'))).toContain(`Special mention · ${latest.snapshot.slice(0, 7)}`);
    await closeDrill();
  });

  it('shows the migration heatmap between two snapshots and drills into a cell', async () => {
    await openTab('migration');
    await page.waitForSelector(`${byTestId('migration-heatmap')} svg`, { timeout: 60_000 });
    // Five tiers down, five tiers and "exited" across.
    expect(await page.locator(`${byTestId('migration-heatmap')} g.drill rect`).count()).toBe(30);
    const from = await page.inputValue(byTestId('migration-from'));
    const to = await page.inputValue(byTestId('migration-to'));
    const m = await h.server.engine.call('monitoring.migration', { panel: PANEL, from, to });
    const cell = m.rows.find((r) => r.from === 'normal')!.cells.find((c) => c.to === 'special_mention')!;
    // Row "normal" is the first row, column "special mention" the second: cell index 1.
    const n = await drillCount(page.locator(`${byTestId('migration-heatmap')} g.drill rect`).nth(1));
    expect(n).toBe(cell.count);
    await closeDrill();
    await page.waitForSelector(`${byTestId('rates-chart')} svg`, { timeout: 60_000 });
    expect(await page.locator(`${byTestId('rates-table')} tbody tr`).count()).toBe(5);
    await shot('monitoring-migration-en', 1000);
  });

  it('draws roll rates, the flow-rate waterfall and vintage curves, and drills into a vintage point', async () => {
    await openTab('roll');
    await page.waitForSelector(`${byTestId('roll-chart')} svg`, { timeout: 60_000 });
    await page.waitForSelector(`${byTestId('waterfall-chart')} svg`);
    expect(await page.locator(`${byTestId('waterfall-chart')} svg rect`).count()).toBeGreaterThanOrEqual(4);
    await page.waitForSelector(`${byTestId('vintage-chart')} svg`, { timeout: 60_000 });
    const dots = page.locator(`${byTestId('vintage-chart')} g.drill circle`);
    expect(await dots.count()).toBeGreaterThan(20);
    // The last point drawn is the newest cohort's latest month on book.
    const n = await drillCount(dots.last());
    expect(n).toBeGreaterThanOrEqual(0);
    expect(await page.textContent(byTestId('drill-dialog'))).toMatch(/Cohort \d{4}-\d{2}/);
    await closeDrill();
    await shot('monitoring-roll-en', 1100);
  });

  it('counts warnings by level, flags portfolio breaches in red and lists the watchlist', async () => {
    await openTab('warnings');
    await page.waitForSelector(`${byTestId('warning-chart')} svg`, { timeout: 120_000 });
    // The page's own work first (the watchlist is read after the warnings), then the engine's answer to compare with.
    await page.waitForSelector(`${byTestId('watchlist-grid')} [data-row="0"]`, { timeout: 60_000 });
    const w = await h.server.engine.call('monitoring.warnings', { panel: PANEL });
    const snapshot = await page.inputValue(byTestId('warning-snapshot'));
    const red = w.byLevel.find((b) => b.snapshot === snapshot && b.level === 'red');
    const shown = await page.locator(`li[data-level="red"] ${byTestId('warning-count')}`).textContent();
    expect(Number(shown?.replace(/,/g, ''))).toBe(red?.count ?? 0);
    if (red) expect(await drillCount(page.locator(`li[data-level="red"] ${byTestId('warning-count')}`))).toBe(red.count);
    if (red) await closeDrill();
    // The red highlight follows the engine's breach flags at that snapshot.
    const breaches = w.portfolio.filter((p) => p.snapshot === snapshot && p.breach).map((p) => p.indicator).sort();
    const flagged = await page.locator(`${byTestId('pind-row')}[data-breach="true"]`).evaluateAll((rows) => rows.map((r) => (r as unknown as { dataset: { indicator: string } }).dataset.indicator));
    expect(flagged.sort()).toEqual(breaches);
    expect(await page.textContent(byTestId('watchlist-count'))).toContain(snapshot);
    await shot('monitoring-warnings-en', 1300);
  });

  it('shows the layered-risk report: three layers × twelve indicators with trend sparklines', async () => {
    await openTab('layers');
    await page.waitForSelector(byTestId('layer-table'), { timeout: 120_000 });
    expect(await page.locator(`${byTestId('layer-table')} tbody tr`).count()).toBe(LAYER_INDICATORS.length);
    expect(await page.locator(`${byTestId('layer-spark')} svg`).count()).toBe(LAYER_INDICATORS.length * 3);
    const report = await h.server.engine.call('monitoring.layers', { panel: PANEL });
    const last = report.periods[report.periods.length - 1];
    const anomalies = report.layers.filter((l) => l.period === last).flatMap((l) => l.indicators.filter((i) => i.anomaly)).length;
    expect(await page.locator(byTestId('layer-anomaly')).count()).toBe(anomalies);
    await shot('monitoring-layers-en', 1000);
  });

  it('allocates collection cases to teams and lists them for export', async () => {
    await openTab('collections');
    await page.waitForSelector(`${byTestId('stages-chart')} svg`, { timeout: 120_000 });
    await page.waitForSelector(`${byTestId('collection-cases')} ${byTestId('preview-grid')} [data-row="0"]`, { timeout: 60_000 });
    const teams = await page.locator(`${byTestId('collection-teams')} tr[data-team]`).count();
    expect(teams).toBeGreaterThan(0);
    await shot('monitoring-collections-en', 1100);
  });

  // ---------------------------------------------------------------- the desk's rule editors

  /** The figures before any rule is edited, to come back to after "restore defaults". */
  const first = { orange: 0, snapshot: '', teams: [] as [string, number][], expectedLoss: [] as string[] };

  const orangeShown = async () => countOf(await page.locator(`li[data-level="orange"] ${byTestId('warning-count')}`).textContent({ timeout: 120_000 }));
  const teamsShown = () =>
    page.locator(`${byTestId('collection-teams')} tr[data-team]`).evaluateAll((rows) =>
      rows.map((r) => {
        const el = r as unknown as { dataset: { team: string }; children: ArrayLike<{ textContent: string | null }> };
        return [el.dataset.team, Number((el.children[1].textContent ?? '').replace(/,/g, ''))] as [string, number];
      }),
    );
  const expectedLossShown = () => page.locator(`${byTestId('layer-table')} tr[data-indicator="expectedLoss"] td.num:not(.muted)`).allTextContents();

  it('maps model scores on the sample panel (expected loss needs a PD) and starts at its own rule set', async () => {
    // A plain PD per loan from its id, written and read back through the engine's own import.
    const csv = join(h.tempDir, 'loan_scores.csv');
    await h.server.engine.call('workspace.exportCsv', { sql: 'SELECT loan_id, round(0.01 + (hash(loan_id) % 300) / 1000.0, 4) AS pd FROM loans', path: csv });
    await h.server.engine.call('workspace.import', { path: csv, table: 'loan_scores' });
    const info = (await h.server.engine.call('monitoring.panels', {})).find((p) => p.mapping.panel === PANEL)!;
    expect(info.mapping.ruleSet).toBe('retail_2023_cards_2011');
    await h.server.engine.call('monitoring.saveMapping', { mapping: { ...info.mapping, scores: { table: 'loan_scores', key: 'loan_id', pd: 'pd' } } });
    await page.click(byTestId('mon-refresh'));
    await openTab('layers');
    await page.waitForSelector(byTestId('layer-table'), { timeout: 120_000 });
    // The sample panel names its rule set (cards under the card measures); the picker starts there.
    expect(await page.inputValue(byTestId('mon-ruleset'))).toBe('retail_2023_cards_2011');
    expect(await page.locator(byTestId('mon-layers')).textContent()).not.toContain('No model PD is mapped');
  });

  it('edits an early-warning rule: the orange count changes to what the engine counts', async () => {
    await openTab('warnings');
    await page.waitForSelector(`${byTestId('warning-chart')} svg`, { timeout: 120_000 });
    first.snapshot = await page.inputValue(byTestId('warning-snapshot'));
    first.orange = await orangeShown();
    const before = await h.server.engine.call('monitoring.warnings', { panel: PANEL });
    expect(first.orange).toBe(before.byLevel.find((b) => b.snapshot === first.snapshot && b.level === 'orange')?.count ?? 0);

    await page.click(byTestId('warning-rules-open'));
    await page.waitForSelector(byTestId('loan-rules-row'));
    const dpd30 = await rowWhere('loan-rules-row', 'rule-label', 'More than 30 days past due · 逾期30天以上');
    // What is wrong is said on its row, and nothing is saved until it is right.
    await dpd30.locator(byTestId('rule-threshold')).fill('sixty');
    await expect.poll(() => page.locator(byTestId('loan-rules-problem')).allTextContents()).toEqual(['Enter a number here.']);
    const npl = await rowWhere('portfolio-rules-row', 'rule-indicator', 'nplRatio');
    await npl.locator(byTestId('rule-light')).fill('0.04');
    expect(await page.locator(byTestId('portfolio-rules-problem')).allTextContents()).toEqual(['Thresholds must rise: light ≤ moderate ≤ severe.']);
    expect(await npl.locator(byTestId('rule-moderate')).getAttribute('aria-invalid')).toBe('true');
    expect(await page.isDisabled(byTestId('warning-rules-save'))).toBe(true);
    await shot('monitoring-editor-warnings-invalid-en', 1400);
    await npl.locator(byTestId('rule-light')).fill('0.02');
    await dpd30.locator(byTestId('rule-threshold')).fill('60');
    expect(await page.locator(byTestId('loan-rules-problem')).count()).toBe(0);
    await shot('monitoring-editor-warnings-en', 1400);
    await page.click(byTestId('warning-rules-save'));
    await page.locator(byTestId('warning-rules')).waitFor({ state: 'detached', timeout: 60_000 });

    // The warnings run again by themselves; the count shown is then the engine's under the saved rule.
    await expect.poll(orangeShown, { timeout: 120_000 }).not.toBe(first.orange);
    const after = await h.server.engine.call('monitoring.warnings', { panel: PANEL });
    const orange = after.byLevel.find((b) => b.snapshot === first.snapshot && b.level === 'orange')?.count ?? 0;
    expect(await orangeShown()).toBe(orange);
    expect(orange).toBeLessThan(first.orange);
    expect((await h.server.engine.call('monitoring.warningRules', {})).loan.find((r) => r.id === 'dpd_30')?.threshold).toBe(60);
  });

  it('routes every early case to one team through the allocation rules', async () => {
    await openTab('collections');
    await page.waitForSelector(`${byTestId('collection-teams')} tr[data-team]`, { timeout: 120_000 });
    first.teams = await teamsShown();
    const snapshot = await page.inputValue(byTestId('collections-snapshot'));
    await page.click(byTestId('allocation-rules-open'));
    await page.waitForSelector(byTestId('allocation-rows-row'));
    const defaults = await page.locator(byTestId('allocation-rows-row')).count();
    await page.click(byTestId('allocation-rows-add'));
    await page.locator(byTestId('allocation-rows-row')).last().locator(byTestId('allocation-team')).fill('early_desk');
    // A row without a team says so on its own line.
    await page.click(byTestId('allocation-rows-add'));
    expect(await page.locator(byTestId('allocation-rows-problem')).allTextContents()).toEqual(['Enter the team the cases go to.']);
    await page.locator(byTestId('allocation-rows-remove')).last().click();
    await page.locator(byTestId('allocation-rows-row')).last().locator('input[data-stage="early"]').check();
    // First match wins: up to the top, past the two early-stage default rules.
    for (let row = defaults; row > 0; row--) await page.locator(`${byTestId('allocation-rows-row')}[data-row="${row}"] ${byTestId('allocation-rows-up')}`).click();
    expect(await page.locator(byTestId('allocation-team')).first().inputValue()).toBe('early_desk');
    await shot('monitoring-editor-allocation-en', 1100);
    await page.click(byTestId('allocation-rules-save'));
    await page.locator(byTestId('allocation-rules')).waitFor({ state: 'detached', timeout: 60_000 });

    await page.waitForSelector(`${byTestId('collection-teams')} tr[data-team="early_desk"]`, { timeout: 120_000 });
    const shown = await teamsShown();
    const engine = await h.server.engine.call('monitoring.collections', { panel: PANEL, snapshot });
    expect(shown).toEqual(engine.teams.map((x) => [x.team, x.cases]));
    const early = engine.stages.find((x) => x.snapshot === snapshot && x.stage === 'early')?.count ?? 0;
    expect(early).toBeGreaterThan(0);
    expect(shown.find(([team]) => team === 'early_desk')?.[1]).toBe(early);
    expect(shown.map(([team]) => team)).not.toContain('early_sms');
    // The layer rules, LGD and thresholds went back as they were.
    const desk = await h.server.engine.call('monitoring.deskRules', {});
    expect(desk.allocation[0]).toEqual({ team: 'early_desk', stages: ['early'] });
    expect(desk.lgd).toEqual({ default: 0.45 });
  });

  it('sets the default LGD to 1: expected loss rises by 1 / 0.45 in every layer', async () => {
    await openTab('layers');
    await page.waitForSelector(byTestId('layer-table'), { timeout: 120_000 });
    const layersEl = async () => {
      const r = await h.server.engine.call('monitoring.layers', { panel: PANEL });
      const last = r.periods[r.periods.length - 1];
      return ['A', 'B', 'C'].map((layer) => r.layers.find((l) => l.layer === layer && l.period === last)?.indicators.find((i) => i.indicator === 'expectedLoss')?.value ?? null);
    };
    const before = await layersEl();
    expect(before.every((v) => v !== null && v > 0)).toBe(true);
    first.expectedLoss = await expectedLossShown();
    expect(first.expectedLoss).toEqual(before.map((v) => amountText(v!)));

    await page.click(byTestId('desk-rules-open'));
    await page.waitForSelector(byTestId('lgd-default'));
    expect(await page.inputValue(byTestId('lgd-default'))).toBe('0.45');
    // The panel's products are offered: the sample book's four.
    await expect.poll(() => page.locator('#mon-panel-products option').count()).toBe(4);
    await page.fill(byTestId('lgd-default'), '1');
    await page.click(byTestId('lgd-rows-add'));
    await page.locator(byTestId('lgd-product')).last().fill('credit_card');
    await page.locator(byTestId('lgd-value')).last().fill('1');
    // The default row stays: it cannot be removed.
    expect(await page.isDisabled(`${byTestId('lgd-rows-row')}[data-row="0"] ${byTestId('lgd-rows-remove')}`)).toBe(true);
    await shot('monitoring-editor-desk-en', 1500);
    await page.click(byTestId('desk-rules-save'));
    await page.locator(byTestId('desk-rules')).waitFor({ state: 'detached', timeout: 60_000 });

    await expect.poll(expectedLossShown, { timeout: 120_000 }).not.toEqual(first.expectedLoss);
    const after = await layersEl();
    after.forEach((v, i) => expect(v! / before[i]!).toBeCloseTo(1 / 0.45, 9));
    await expect.poll(expectedLossShown, { timeout: 120_000 }).toEqual(after.map((v) => amountText(v!)));
  });

  it('restores the default rules and the first figures come back', async () => {
    await page.click(byTestId('desk-rules-open'));
    await page.waitForSelector(byTestId('lgd-default'));
    await page.click(byTestId('desk-rules-restore'));
    await page.waitForSelector(byTestId('confirm-dialog'));
    await page.click(byTestId('confirm-ok'));
    await page.locator(byTestId('desk-rules')).waitFor({ state: 'detached', timeout: 60_000 });
    await expect.poll(expectedLossShown, { timeout: 120_000 }).toEqual(first.expectedLoss);
    expect((await h.server.engine.call('monitoring.deskRules', {})).savedAt).toBeNull();

    await openTab('warnings');
    await page.click(byTestId('warning-rules-open'));
    await page.waitForSelector(byTestId('loan-rules-row'));
    await page.click(byTestId('warning-rules-restore'));
    await page.click(byTestId('confirm-ok'));
    await page.locator(byTestId('warning-rules')).waitFor({ state: 'detached', timeout: 60_000 });
    await expect.poll(orangeShown, { timeout: 120_000 }).toBe(first.orange);

    await openTab('collections');
    await expect.poll(teamsShown, { timeout: 120_000 }).toEqual(first.teams);
  });

  it('edits per-product day limits in a copy of the mixed-book rule set (built-ins stay read-only)', async () => {
    await page.click(byTestId('mon-rules-edit'));
    await page.waitForSelector(byTestId('rules-dialog'));
    expect(await page.inputValue(byTestId('rules-base'))).toBe('retail_2023_cards_2011');
    expect(await page.inputValue(byTestId('rules-name'))).toBe('retail_2023_cards_2011_desk');
    expect(await page.inputValue(byTestId('product-limits-products'))).toBe('credit_card, card, 信用卡');
    expect(await page.inputValue(byTestId('product-limits-substandard'))).toBe('120');
    await page.fill(byTestId('product-limits-substandard'), '80');
    expect(await page.locator(byTestId('product-limits-problem')).textContent()).toBe("Each tier's day limit must be above the previous tier's.");
    expect(await page.isDisabled(byTestId('rules-save'))).toBe(true);
    await page.fill(byTestId('product-limits-substandard'), '120');
    // Saving under the built-in's own name is refused.
    await page.fill(byTestId('rules-name'), 'retail_2023_cards_2011');
    expect(await page.isDisabled(byTestId('rules-save'))).toBe(true);
    await page.fill(byTestId('rules-name'), 'retail_2023_cards_2011_desk');
    await shot('monitoring-editor-tier-rules-en', 1300);
    await closeDialog('rules-dialog');
  });

  it('reads in Chinese, with the regulatory terms', async () => {
    await page.click(byTestId('lang-zh'));
    await openTab('overview');
    await page.waitForSelector(`${byTestId('tier-mix-chart')} svg`);
    expect(await page.textContent(byTestId('mon-tab-overview'))).toBe('五级分类');
    const tiers = await page.locator(`${byTestId('tier-table')} tbody tr[data-tier] td:first-child`).allTextContents();
    expect(tiers).toEqual(['正常', '关注', '次级', '可疑', '损失']);
    expect(await page.textContent(byTestId('kpi-npl'))).toContain('不良贷款率');
    expect(await page.textContent(byTestId('kpi-coverage'))).toContain('拨备覆盖率');
    expect(await page.textContent(byTestId('kpi-provision-ratio'))).toContain('贷款拨备率');
    // The chart legend follows the language too.
    expect(await page.textContent(byTestId('tier-mix'))).toContain('次级');
    await shot('monitoring-overview-zh', 1000);
    await openTab('migration');
    await page.waitForSelector(`${byTestId('migration-heatmap')} svg`);
    expect(await page.textContent(byTestId('migration-rates'))).toContain('迁徙率');
    await shot('monitoring-migration-zh', 1000);
    await openTab('roll');
    await page.waitForSelector(`${byTestId('vintage-chart')} svg`);
    expect(await page.textContent(byTestId('mon-roll'))).toContain('滚动率');
    await shot('monitoring-roll-zh', 1100);
    await openTab('warnings');
    await page.waitForSelector(`${byTestId('watchlist-grid')} [data-row="0"]`);
    for (const level of ['黄色预警', '橙色预警', '红色预警']) expect(await page.textContent(byTestId('warning-levels'))).toContain(level);
    await shot('monitoring-warnings-zh', 1300);
    await openTab('layers');
    await page.waitForSelector(byTestId('layer-table'));
    for (const layer of ['A 优质', 'B 关注', 'C 高风险']) expect(await page.textContent(byTestId('layer-table'))).toContain(layer);
    await shot('monitoring-layers-zh', 1000);
    await openTab('collections');
    await page.waitForSelector(`${byTestId('stages-chart')} svg`);
    for (const stage of ['早期', '中期', '后期']) expect(await page.textContent(byTestId('collection-teams'))).toContain(stage);
    expect(await page.textContent(byTestId('collection-cases'))).toContain('案件分配');
    await shot('monitoring-collections-zh', 1100);
    await page.click(byTestId('lang-en'));
  });

  it('shows the rule editors in Chinese', async () => {
    await page.click(byTestId('lang-zh'));
    await openTab('warnings');
    await page.click(byTestId('warning-rules-open'));
    await page.waitForSelector(byTestId('loan-rules-row'));
    const warnings = await page.textContent(byTestId('warning-rules'));
    for (const term of ['预警规则', '黄色预警', '橙色预警', '红色预警', '轻度', '中度', '重度']) expect(warnings).toContain(term);
    await shot('monitoring-editor-warnings-zh', 1400);
    await closeDialog('warning-rules');

    await openTab('layers');
    await page.click(byTestId('desk-rules-open'));
    await page.waitForSelector(byTestId('lgd-default'));
    const desk = await page.textContent(byTestId('desk-rules'));
    for (const term of ['分层规则', '违约损失率', '异常阈值']) expect(desk).toContain(term);
    await shot('monitoring-editor-desk-zh', 1500);
    await closeDialog('desk-rules');

    await openTab('collections');
    await page.click(byTestId('allocation-rules-open'));
    await page.waitForSelector(byTestId('allocation-rows-row'));
    const allocation = await page.textContent(byTestId('allocation-rules'));
    for (const term of ['案件分配规则', '催收团队', '催收阶段', '早期', '中期', '后期']) expect(allocation).toContain(term);
    await shot('monitoring-editor-allocation-zh', 1100);
    await closeDialog('allocation-rules');

    await page.click(byTestId('mon-rules-edit'));
    await page.waitForSelector(byTestId('rules-dialog'));
    expect(await page.textContent(byTestId('rules-dialog'))).toContain('按产品的逾期天数上限');
    await shot('monitoring-editor-tier-rules-zh', 1300);
    await closeDialog('rules-dialog');
    await page.click(byTestId('lang-en'));
  });

  it('builds a panel from the UCI table through its dialog', async () => {
    await h.server.engine.call('workspace.import', { path: UCI_CSV, table: 'uci_credit_card' });
    await page.click(byTestId('mon-uci-open'));
    await page.waitForSelector(byTestId('uci-dialog'));
    await expect.poll(() => page.inputValue(byTestId('uci-source'))).toBe('uci_credit_card');
    expect(await page.inputValue(byTestId('uci-target'))).toBe('uci_credit_card_panel');
    await shot('monitoring-uci-dialog-en');
    await page.click(byTestId('uci-run'));
    await page.locator(byTestId('uci-dialog')).waitFor({ state: 'detached', timeout: 120_000 });
    await expect.poll(() => page.inputValue(byTestId('mon-panel'))).toBe('uci_credit_card_panel');
    expect(await page.textContent(byTestId('mon-panel-info'))).toContain('30,000 loans · 6 snapshots');
    // A panel that names no rule set of its own starts at the retail 2023 measures.
    expect(await page.inputValue(byTestId('mon-ruleset'))).toBe('retail_2023');
    await openTab('overview');
    await page.waitForSelector(`${byTestId('tier-mix-chart')} svg`, { timeout: 120_000 });
    // Six month-end snapshots, April to September 2005.
    expect(await page.locator(`${byTestId('tier-table-snapshot')} option`).allTextContents()).toEqual([
      '2005-09-30', '2005-08-31', '2005-07-31', '2005-06-30', '2005-05-31', '2005-04-30',
    ]);
    await shot('monitoring-uci-en', 1000);
  });

  it('maps a table by hand: the dialog pre-fills its guess from the column names and saves the panel', async () => {
    await page.click(byTestId('mon-map-open'));
    await page.waitForSelector(byTestId('mapping-dialog'));
    await page.locator(`${byTestId('map-table')} option[value="uci_credit_card_panel"]`).waitFor({ state: 'attached' });
    await page.selectOption(byTestId('map-table'), 'uci_credit_card_panel');
    await page.waitForSelector(byTestId('map-panel'));
    // The guess from the names: the long UCI panel has loan_id, snapshot_date, days_past_due and balance.
    expect(await page.inputValue(byTestId('map-loanId'))).toBe('loan_id');
    expect(await page.inputValue(byTestId('map-snapshotDate'))).toBe('snapshot_date');
    expect(await page.inputValue(byTestId('map-daysPastDue'))).toBe('days_past_due');
    expect(await page.inputValue(byTestId('map-balance'))).toBe('balance');
    await page.fill(byTestId('map-panel'), 'uci_by_hand');
    await shot('monitoring-mapping-en');
    await page.click(byTestId('map-save'));
    await page.locator(byTestId('mapping-dialog')).waitFor({ state: 'detached', timeout: 60_000 });
    await expect.poll(() => page.inputValue(byTestId('mon-panel'))).toBe('uci_by_hand');
    const panels = await h.server.engine.call('monitoring.panels', {});
    expect(panels.find((p) => p.mapping.panel === 'uci_by_hand')?.loans).toBe(30_000);
  });

  it('saves an edited copy of a built-in rule set and classifies with it', async () => {
    await page.click(byTestId('mon-rules-edit'));
    await page.waitForSelector(byTestId('rules-dialog'));
    expect(await page.inputValue(byTestId('rules-name'))).toBe('retail_2023_desk');
    await page.fill(byTestId('rules-rate-special_mention'), '3');
    await shot('monitoring-rules-en');
    await page.click(byTestId('rules-save'));
    await page.locator(byTestId('rules-dialog')).waitFor({ state: 'detached', timeout: 60_000 });
    await expect.poll(() => page.inputValue(byTestId('mon-ruleset'))).toBe('retail_2023_desk');
    const saved = (await h.server.engine.call('monitoring.ruleSets', {})).find((r) => r.name === 'retail_2023_desk');
    expect(saved?.provisionRates.special_mention).toBe(0.03);
    await openTab('overview');
    await page.waitForSelector(`${byTestId('tier-mix-chart')} svg`, { timeout: 120_000 });
    const panel = await page.inputValue(byTestId('mon-panel'));
    const r = await h.server.engine.call('monitoring.classify', { panel, ruleSet: 'retail_2023_desk' });
    const latest = r.snapshots[r.snapshots.length - 1];
    expect(await page.textContent(byTestId('kpi-provision-ratio-value'))).toBe(pctText(latest.provisionRatio!));
  });

  it('lists the panel’s five-tier view in the Data catalog, marked as a view, with the engine’s row count', async () => {
    await page.click(byTestId('nav-data'));
    await page.click(byTestId('data-tables'));
    const row = `${byTestId('catalog-row')}[data-table="${PANEL}_tiers"]`;
    await page.waitForSelector(`${row} ${byTestId('view-badge')}`);
    const tables = await h.server.engine.call('workspace.tables', {});
    const view = tables.find((x) => x.name === `${PANEL}_tiers`);
    expect(view?.kind).toBe('view');
    expect(countOf(await page.textContent(`${row} ${byTestId('catalog-rows')}`))).toBe(view?.rows);
    expect(await page.textContent(`${row} ${byTestId('view-badge')}`)).toBe('view');
    await h.shot('catalog-view-en');
    await page.click(byTestId('lang-zh'));
    expect(await page.textContent(`${row} ${byTestId('view-badge')}`)).toBe('视图');
    await h.shot('catalog-view-zh');
    await page.click(byTestId('lang-en'));
  });

  it('ran without a single uncaught error or console error in the page', () => {
    expect(h.pageErrors).toEqual([]);
  });
});
