/**
 * The Monitoring area end to end, as a post-loan desk uses it: the sample portfolio maps itself,
 * the classification tiles and tier mix appear, a tier count, a migration cell, a vintage point and
 * a warning count each drill to the loans behind them (checked against the engine's own numbers),
 * the layered report and collections render, everything reads in Chinese, and the UCI table becomes
 * a panel through its dialog. One browser, one workspace, in order.
 */
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
    expect(await page.textContent(byTestId('kpi-npl-value'))).toBe(`${(latest.nplRatio! * 100).toFixed(2)}%`);
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
    expect(await page.textContent(byTestId('kpi-provision-ratio-value'))).toBe(`${(latest.provisionRatio! * 100).toFixed(2)}%`);
  });

  it('ran without a single uncaught error or console error in the page', () => {
    expect(h.pageErrors).toEqual([]);
  });
});
