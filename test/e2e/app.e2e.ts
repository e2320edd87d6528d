/**
 * The Data area end to end, as an analyst uses it: an empty workspace, the sample portfolio,
 * a profile with histograms, the UCI file imported through the file picker, Chinese, and the
 * read-only SQL console. One browser and one workspace, in order: each scenario starts from
 * what the previous one left, like a working session.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { UCI_CSV } from '../helpers/paths';
import { openHarness, type Harness } from './browser';

let h: Harness;
let page: Page;

const byTestId = (id: string) => `[data-testid="${id}"]`;
const catalogRow = (table: string) => `${byTestId('catalog-row')}[data-table="${table}"]`;

async function gotoData() {
  await page.click(byTestId('nav-data'));
  await page.click(byTestId('data-tables'));
}

async function openTable(table: string) {
  await gotoData();
  await page.click(`${catalogRow(table)} ${byTestId('catalog-open')}`);
  await page.waitForSelector(`${byTestId('table-view')}[data-table="${table}"]`);
}

beforeAll(async () => {
  h = await openHarness();
  page = h.page;
  await page.goto(h.server.url);
  await page.waitForSelector(byTestId('nav'));
});

afterAll(async () => {
  await h?.close();
});

describe('Vigil in the browser', () => {
  it('starts on an empty workspace and loads the sample portfolio as a job', async () => {
    await page.waitForSelector(byTestId('empty-workspace'));
    expect(await page.textContent(byTestId('workspace-path'))).toBe(h.workspacePath);
    // An empty workspace is a normal state, not an error.
    expect(await page.locator(byTestId('error-banner')).count()).toBe(0);
    await h.shot('data-empty-en');
    await page.click(byTestId('lang-zh'));
    expect(await page.textContent(byTestId('load-sample'))).toContain('加载示例资产组合');
    await h.shot('data-empty-zh');
    await page.click(byTestId('lang-en'));

    await page.click(byTestId('load-sample'));
    await page.waitForSelector(byTestId('sample-progress'));
    // The job shows in the job bar with its op name, a progress bar and a Cancel button.
    const job = page.locator(`${byTestId('job')}[data-op="sample.generate"]`);
    await job.waitFor({ state: 'visible', timeout: 30_000 });
    await expect(job.locator(byTestId('progress')).count()).resolves.toBe(1);
    await h.shot('sample-running-en');

    await page.waitForSelector(catalogRow('loan_performance'), { timeout: 240_000 });
    for (const table of ['loans', 'loan_performance', 'macro', 'collection_actions', 'loan_outcomes']) {
      await expect(page.locator(catalogRow(table)).count()).resolves.toBe(1);
    }
    expect(await page.textContent(byTestId('success-banner'))).toMatch(/Sample portfolio loaded/);
    await h.shot('catalog-en');
  });

  it('cancels a running job from the job bar and leaves the workspace as it was', async () => {
    const shape = async () => (await h.server.engine.call('workspace.tables', {})).map((t) => [t.name, t.rows, t.importedAt]);
    const before = await shape();
    await page.click(byTestId('toolbar-sample'));
    await page.click(byTestId('confirm-ok')); // replace the sample portfolio...
    const job = page.locator(`${byTestId('job')}[data-op="sample.generate"][data-state="running"]`);
    await job.waitFor({ state: 'visible', timeout: 30_000 });
    await job.locator(byTestId('job-cancel')).click(); // ...then think better of it
    await page.locator(`${byTestId('job')}[data-op="sample.generate"][data-state="cancelled"]`).waitFor({ timeout: 30_000 });
    expect(await page.locator(byTestId('error-banner')).count()).toBe(0);
    expect(await shape()).toEqual(before);
  });

  it("profiles a table and draws each numeric column's histogram", async () => {
    await openTable('loans');
    await page.waitForSelector(`${byTestId('preview-grid')} [data-row="0"]`);
    await h.shot('preview-loans-en');

    await page.click(byTestId('tab-profile'));
    await page.waitForSelector(byTestId('profile-card'), { timeout: 120_000 });
    const cards = await page.locator(byTestId('profile-card')).count();
    const loans = await h.server.engine.call('workspace.tables', {});
    expect(cards).toBe(loans.find((t) => t.name === 'loans')?.columns.length);
    // Plot drew real bars: every histogram is an SVG with at least a few rects.
    const histograms = page.locator(`${byTestId('histogram')} svg`);
    expect(await histograms.count()).toBeGreaterThan(2);
    expect(await histograms.first().locator('rect').count()).toBeGreaterThan(3);
    await h.shot('profile-loans-en');
  });

  it('imports the UCI credit-card file through the file picker and pages through its 30,000 rows', async () => {
    await gotoData();
    await page.click(byTestId('open-import'));
    await page.waitForSelector(byTestId('import-dialog'));
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click(byTestId('import-pick'))]);
    await chooser.setFiles(UCI_CSV);
    await page.waitForSelector(byTestId('import-file-name'));
    expect(await page.inputValue(byTestId('import-table'))).toBe('uci_credit_card');
    await h.shot('import-dialog-en');

    await page.click(byTestId('import-run'));
    await page.waitForSelector(`${byTestId('table-view')}[data-table="uci_credit_card"]`, { timeout: 120_000 });
    expect(await page.locator(byTestId('success-banner')).last().textContent()).toContain('Imported 30,000 rows into uci_credit_card');
    await page.waitForSelector(`${byTestId('preview-grid')} [data-row="0"]`);
    expect(await page.textContent(byTestId('preview-count'))).toContain('30,000 rows');
    // First data row of the file: ID 1, LIMIT_BAL 20000.
    const firstRow = page.locator(`${byTestId('preview-grid')} [data-row="0"] [role="gridcell"]`);
    expect(await firstRow.nth(0).textContent()).toBe('1');
    expect(await firstRow.nth(1).textContent()).toBe('20000');
    await h.shot('preview-uci-en');

    // Scroll to the end: the last page is fetched on demand and row 30,000 holds ID 30000.
    // (The test's TypeScript has no DOM types: the element is described by what is used.)
    await page.locator(byTestId('preview-grid')).evaluate((el) => {
      const grid = el as unknown as { scrollTo(x: number, y: number): void; scrollHeight: number };
      grid.scrollTo(0, grid.scrollHeight);
    });
    const lastId = page.locator(`${byTestId('preview-grid')} [data-row="29999"] [role="gridcell"]`).first();
    await expect.poll(() => lastId.textContent(), { timeout: 30_000 }).toBe('30000');
    await h.shot('preview-uci-end-en');

    await gotoData();
    expect(await page.textContent(`${catalogRow('uci_credit_card')} ${byTestId('catalog-rows')}`)).toBe('30,000');
  });

  it('scrolls smoothly through a million rows: only visible rows in the DOM, pages fetched where the user is', async () => {
    await h.server.engine.workspace.run(
      'CREATE TABLE portfolio_1m AS SELECT range AS account_no, range % 120 AS days_past_due, (range * 7919) % 100000 / 100.0 AS balance FROM range(1000000)',
    );
    await gotoData();
    await page.click(byTestId('catalog-refresh'));
    await openTable('portfolio_1m');
    await page.waitForSelector(`${byTestId('preview-grid')} [data-row="0"]`);
    expect(await page.textContent(byTestId('preview-count'))).toContain('1,000,000 rows');
    const grid = page.locator(byTestId('preview-grid'));
    const scrollTo = (fraction: number) =>
      grid.evaluate((el, f) => {
        const g = el as unknown as { scrollTo(x: number, y: number): void; scrollHeight: number; clientHeight: number };
        g.scrollTo(0, (g.scrollHeight - g.clientHeight) * f);
      }, fraction);
    const idOfRow = (row: number) => grid.locator(`[data-row="${row}"] [role="gridcell"]`).first().textContent();

    await scrollTo(0.5);
    const firstDrawn = async () => Number(await grid.locator('[data-row]').first().getAttribute('data-row'));
    await expect.poll(async () => Math.abs((await firstDrawn()) - 500_000) < 500, { timeout: 10_000 }).toBe(true);
    // The page under the viewport is fetched on demand; each row shows its own account (account_no = row index).
    const middle = (await firstDrawn()) + 15;
    await expect.poll(() => idOfRow(middle), { timeout: 30_000 }).toBe(String(middle));

    await scrollTo(1);
    await expect.poll(() => idOfRow(999_999), { timeout: 30_000 }).toBe('999999');
    expect(await grid.locator('[data-row]').count()).toBeLessThan(80);
    await h.shot('preview-1m-end-en');

    // Rename, then delete with a confirmation.
    await gotoData();
    await page.click(`${catalogRow('portfolio_1m')} ${byTestId('catalog-rename')}`);
    await page.fill(byTestId('rename-input'), 'portfolio_million');
    await page.click(byTestId('rename-ok'));
    await page.waitForSelector(catalogRow('portfolio_million'));
    expect(await page.locator(catalogRow('portfolio_1m')).count()).toBe(0);
    await page.click(`${catalogRow('portfolio_million')} ${byTestId('catalog-delete')}`);
    await page.waitForSelector(byTestId('confirm-dialog'));
    await h.shot('delete-confirm-en');
    await page.click(byTestId('confirm-ok'));
    await page.waitForSelector(catalogRow('portfolio_million'), { state: 'detached' });
    expect((await h.server.engine.call('workspace.tables', {})).some((t) => t.name === 'portfolio_million')).toBe(false);
  });

  it('shows where an import failed, and with "skip bad rows" keeps the bad line in a rejects table', async () => {
    // 30,000 lines, so the bad value sits beyond what DuckDB samples to guess column types.
    const lines = ['loan_id,balance,dpd'];
    for (let i = 1; i <= 30_000; i++) lines.push(`${i},${(i * 13) % 9000}.5,${i % 90}`);
    lines[25_001] = '25001,not-a-number,3';
    const badCsv = join(h.tempDir, 'arrears_extract.csv');
    writeFileSync(badCsv, lines.join('\n') + '\n');

    await gotoData();
    await page.click(byTestId('open-import'));
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click(byTestId('import-pick'))]);
    await chooser.setFiles(badCsv);
    await page.waitForSelector(byTestId('import-file-name'));
    expect(await page.inputValue(byTestId('import-table'))).toBe('arrears_extract');
    await page.click(byTestId('import-run'));
    await page.waitForSelector(byTestId('import-error'), { timeout: 60_000 });
    const where = page.locator(`${byTestId('import-error')} ${byTestId('error-where')}`);
    expect(await where.locator('[data-detail="file"] dd').textContent()).toBe('arrears_extract.csv');
    expect(await where.locator('[data-detail="line"] dd').textContent()).toBe('25002');
    expect(await where.locator('[data-detail="column"] dd').textContent()).toBe('balance');
    expect(await where.locator('[data-detail="reason"] dd').textContent()).toContain('not-a-number');
    await h.shot('import-error-en');

    await page.check(byTestId('import-skip-bad'));
    await page.click(byTestId('import-run'));
    await page.waitForSelector(`${byTestId('table-view')}[data-table="arrears_extract"]`, { timeout: 60_000 });
    expect(await page.locator(byTestId('success-banner')).last().textContent()).toContain('1 row was rejected');
    await page.click(byTestId('open-rejects'));
    await page.waitForSelector(`${byTestId('table-view')}[data-table="arrears_extract_rejects"]`);
    await page.waitForSelector(`${byTestId('preview-grid')} [data-row="0"]`);
    expect(await page.locator(byTestId('tab-profile')).count()).toBe(0);
    await h.shot('rejects-preview-en');

    await gotoData();
    expect(await page.locator(`${catalogRow('arrears_extract_rejects')} ${byTestId('rejects-badge')}`).count()).toBe(1);
    expect(await page.textContent(`${catalogRow('arrears_extract')} ${byTestId('catalog-rows')}`)).toBe('29,999');
  });

  it('imports the chosen sheet of an Excel workbook', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Summary').addRow(['Prepared for the June risk committee']);
    const loans = wb.addWorksheet('Loans');
    loans.addRow(['loan_id', 'branch', 'balance']);
    for (let i = 1; i <= 120; i++) loans.addRow([`L${String(i).padStart(4, '0')}`, i % 2 ? '上海分行' : '北京分行', i * 1000.5]);
    const xlsx = join(h.tempDir, '贷款台账 June.xlsx');
    await wb.xlsx.writeFile(xlsx);

    await gotoData();
    await page.click(byTestId('open-import'));
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click(byTestId('import-pick'))]);
    await chooser.setFiles(xlsx);
    await page.waitForSelector(byTestId('import-sheet'));
    expect(await page.locator(`${byTestId('import-sheet')} option`).allTextContents()).toEqual(['Summary', 'Loans']);
    expect(await page.inputValue(byTestId('import-table'))).toBe('贷款台账_june');
    await page.selectOption(byTestId('import-sheet'), 'Loans');
    await h.shot('import-xlsx-en');
    await page.click(byTestId('import-run'));
    await page.waitForSelector(`${byTestId('table-view')}[data-table="贷款台账_june"]`, { timeout: 60_000 });
    await page.waitForSelector(`${byTestId('preview-grid')} [data-row="0"]`);
    expect(await page.textContent(byTestId('preview-count'))).toContain('120 rows · 3 columns');
    const first = await page.locator(`${byTestId('preview-grid')} [data-row="0"] [role="gridcell"]`).allTextContents();
    expect(first).toEqual(['L0001', '上海分行', '1000.5']);
  });

  it('switches to Chinese, shows the navigation in Chinese and remembers the choice', async () => {
    await gotoData();
    await page.click(byTestId('lang-zh'));
    const expected = { data: '数据', models: '模型', monitoring: '贷后监测', stress: '压力测试', experiments: '实验', reports: '报告' };
    for (const [area, label] of Object.entries(expected)) {
      expect((await page.textContent(byTestId(`nav-${area}`)))?.trim()).toBe(label);
    }
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await h.shot('catalog-zh');

    await page.reload();
    await page.waitForSelector(byTestId('catalog'));
    expect((await page.textContent(byTestId('nav-data')))?.trim()).toBe('数据');

    await openTable('uci_credit_card');
    await page.waitForSelector(`${byTestId('preview-grid')} [data-row="0"]`);
    expect(await page.textContent(byTestId('preview-count'))).toContain('30,000 行');
    await h.shot('preview-uci-zh');
    await page.click(byTestId('tab-profile'));
    await page.waitForSelector(byTestId('histogram'), { timeout: 120_000 });
    await h.shot('profile-uci-zh');

    await page.click(byTestId('open-import'));
    await page.waitForSelector(byTestId('import-dialog'));
    await h.shot('import-dialog-zh');
    await page.click(byTestId('import-close'));

    // Models and Monitoring have their own pages and e2e (models.e2e.ts, monitoring.e2e.ts); these areas still show their plan.
    for (const area of ['stress', 'experiments', 'reports']) {
      await page.click(byTestId(`nav-${area}`));
      await page.waitForSelector(byTestId(`coming-soon-${area}`));
      await h.shot(`${area}-zh`);
    }
    await page.click(byTestId('lang-en'));
    for (const area of ['stress', 'experiments', 'reports']) {
      await page.click(byTestId(`nav-${area}`));
      expect(await page.textContent(byTestId(`coming-soon-${area}`))).toContain('Coming in a later release');
      await h.shot(`${area}-en`);
    }
  });

  it('runs a query in the SQL console, exports it, and refuses a write', async () => {
    await gotoData();
    await page.click(byTestId('data-sql'));
    await page.fill(byTestId('sql-input'), 'SELECT SEX, COUNT(*) AS accounts\nFROM uci_credit_card\nGROUP BY SEX\nORDER BY SEX');
    await page.press(byTestId('sql-input'), 'Control+Enter');
    await page.waitForSelector(`${byTestId('sql-grid')} [data-row="1"]`);
    expect(await page.textContent(byTestId('sql-count'))).toContain('2 rows');
    const cells = await page.locator(`${byTestId('sql-grid')} [role="gridcell"]`).allTextContents();
    // The UCI file: 11,888 men (SEX 1) and 18,112 women (SEX 2).
    expect(cells).toEqual(['1', '11888', '2', '18112']);
    await h.shot('sql-result-en');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click(byTestId('sql-export'))]);
    const bytes = readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs to read UTF-8
    const csv = bytes.subarray(3).toString('utf8').trim().split(/\r?\n/);
    expect(csv).toHaveLength(3);
    expect(csv[0]).toBe('SEX,accounts');

    await page.click(byTestId('lang-zh'));
    await h.shot('sql-result-zh');
    await page.click(byTestId('lang-en'));

    await page.fill(byTestId('sql-input'), 'DELETE FROM uci_credit_card');
    await page.click(byTestId('sql-run'));
    await page.waitForSelector(byTestId('sql-error'));
    expect(await page.textContent(byTestId('sql-error'))).toMatch(/read-only/i);
    await h.shot('sql-readonly-error-en');
    const tables = await h.server.engine.call('workspace.tables', {});
    expect(tables.find((t) => t.name === 'uci_credit_card')?.rows).toBe(30_000);
  });

  it('ran without a single uncaught error or console error in the page', () => {
    expect(h.pageErrors).toEqual([]);
  });
});
