/**
 * The Models area end to end, as an analyst uses it on the real UCI credit-card file: a logistic
 * model with an out-of-time style holdout (ID % 10 >= 7, the reference split), a random forest,
 * the two compared, a table scored, the registry's export / import / delete, and the whole page in
 * Chinese. One browser and one workspace, in order, like a working session.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { UCI_CSV, UCI_REFERENCE } from '../helpers/paths';
import { openHarness, type Harness } from './browser';
import { SCREENSHOTS } from './chromium';

let h: Harness;
let page: Page;

const TABLE = 'uci_credit_card';
const byTestId = (id: string) => `[data-testid="${id}"]`;
const reference = JSON.parse(readFileSync(UCI_REFERENCE, 'utf8')) as { features: string[]; logit: { names: string[] } };

async function gotoModels(view: 'build' | 'registry' | 'compare') {
  await page.click(byTestId('nav-models'));
  await page.click(byTestId(`models-${view}`));
}

/** The latest model report of one kind in the build view, once it has drawn its ROC curve. */
async function waitForReport(kind: 'logistic' | 'forest') {
  const report = page.locator(`${byTestId('model-report')}[data-kind="${kind}"]`).first();
  await report.waitFor({ timeout: 240_000 });
  await report.locator(`${byTestId('chart-roc')} svg`).waitFor();
  return report;
}

async function registryModels() {
  return h.server.engine.call('models.list', {});
}

beforeAll(async () => {
  h = await openHarness();
  page = h.page;
  // Setup through the engine, not the UI: the Data area's own e2e covers importing.
  await h.server.engine.call('workspace.import', { path: UCI_CSV, table: TABLE });
  await page.goto(h.server.url);
  await page.waitForSelector(byTestId('nav'));
});

afterAll(async () => {
  await h?.close();
});

describe('Models in the browser', () => {
  it('fills the train panel from the table: target checked as a 0/1 flag, default features with their profile', async () => {
    await gotoModels('build');
    await page.waitForSelector(byTestId('train-panel'));
    expect(await page.inputValue(byTestId('train-table'))).toBe(TABLE);
    // The outcome column is recognised by its name and checked by the engine: 6,636 bads of 30,000.
    expect(await page.inputValue(byTestId('train-target'))).toBe('default_next_month');
    expect(await page.textContent(byTestId('target-binary'))).toContain('6,636');
    // Default features: every numeric column but the target and the ID, i.e. the reference's 23.
    await expect.poll(() => page.textContent(byTestId('features-count'))).toBe(`${reference.features.length} of 24 selected`);
    const checked = await page.locator(`${byTestId('feature-row')}:has(${byTestId('feature-check')}:checked)`).evaluateAll((rows) =>
      rows.map((r) => (r as unknown as { dataset: { column: string } }).dataset.column),
    );
    expect(checked).toEqual(reference.features);
    // The profile beside each feature: LIMIT_BAL has no missing values and 81 distinct limits.
    const limit = page.locator(`${byTestId('feature-row')}[data-column="LIMIT_BAL"]`);
    await expect.poll(() => limit.locator(byTestId('feature-missing')).textContent(), { timeout: 60_000 }).toBe('0%');
    expect(await limit.locator('.num').nth(1).textContent()).toBe('81');
    expect(await page.locator(byTestId('build-empty')).count()).toBe(1);
  });

  it('asks which values mean bad when the target is not a 0/1 flag', async () => {
    await page.selectOption(byTestId('train-target'), 'EDUCATION');
    await page.waitForSelector(byTestId('target-map'));
    expect(await page.locator(byTestId('target-bad-value')).count()).toBe(7); // EDUCATION codes 0..6
    await expect.poll(() => page.textContent(byTestId('train-problem'))).toBe('Tick at least one value that means bad.');
    expect(await page.isDisabled(byTestId('train-run'))).toBe(true);
    await page.check(`${byTestId('target-bad-value')}[data-value="1"]`);
    expect(await page.locator(byTestId('train-problem')).count()).toBe(0);
    await page.selectOption(byTestId('train-target'), 'default_next_month');
    await page.waitForSelector(byTestId('target-binary'));
    await expect.poll(() => page.textContent(byTestId('features-count'))).toBe('23 of 24 selected');
  });

  it('trains a logistic regression on the reference holdout and shows the statsmodels-grade results', async () => {
    await page.selectOption(byTestId('train-validation'), 'where');
    await page.fill(byTestId('train-test-where'), 'ID % 10 >= 7');
    await page.click(byTestId('train-run'));
    const report = await waitForReport('logistic');
    expect(await report.locator(byTestId('metric-test-auc')).textContent()).toContain('0.7239');
    expect(await report.locator(byTestId('metric-test-rows')).textContent()).toBe('9,000');
    expect(await report.locator(byTestId('metric-train-rows')).textContent()).toBe('21,000');
    expect(await report.locator(byTestId('report-meta')).textContent()).toContain('test where ID % 10 >= 7');
    expect(await page.locator(byTestId('success-banner')).last().textContent()).toContain('AUC 0.7239');
    // Discrimination: ROC of train and test, the KS curve with its peak, scores by outcome, the confusion matrix.
    expect(await report.locator(`${byTestId('chart-roc')} svg path`).count()).toBeGreaterThan(2);
    expect(await report.locator(`${byTestId('chart-ks')} svg`).textContent()).toMatch(/KS \d+(\.\d)?%/);
    expect(await report.locator(`${byTestId('chart-scores')} svg rect`).count()).toBeGreaterThan(10);
    const tp = Number((await report.locator(byTestId('confusion-tp')).textContent())?.replace(/\D+/g, ''));
    expect(tp).toBeGreaterThan(0);
    await h.shot('models-train-en');
    // The charts sit below the fold of the report: a picture of the tab itself.
    await report.locator(byTestId('performance-tab')).screenshot({ path: join(SCREENSHOTS, 'models-charts-en.png') });

    await report.locator(byTestId('report-tab-coefficients')).click();
    const rows = report.locator(byTestId('coef-row'));
    expect(await rows.count()).toBe(24);
    expect(await rows.evaluateAll((rs) => rs.map((r) => (r as unknown as { dataset: { term: string } }).dataset.term))).toEqual(reference.logit.names);
    // PAY_0 (months overdue last month) is the strongest term: positive and significant at 0.1%.
    const pay0 = report.locator(`${byTestId('coef-row')}[data-term="PAY_0"] td`);
    expect(await pay0.nth(0).textContent()).toBe('0.5822');
    expect(await pay0.nth(4).textContent()).toBe('***');
    expect(await report.locator(byTestId('fit-summary')).textContent()).toContain('McFadden');
    expect(await report.locator(`${byTestId('chart-coefficients')} svg rect`).count()).toBe(23);
    await h.shot('models-coefficients-en');
    // The form steps aside for a full-width report, and comes back with its values.
    const narrow = (await report.boundingBox())?.width ?? 0;
    await page.click(byTestId('models-form-toggle'));
    expect(await page.isVisible(byTestId('train-panel'))).toBe(false);
    expect((await report.boundingBox())?.width ?? 0).toBeGreaterThan(narrow + 300);
    await h.shot('models-coefficients-wide-en');
    await page.click(byTestId('models-form-toggle'));
    expect(await page.inputValue(byTestId('train-test-where'))).toBe('ID % 10 >= 7');

    await report.locator(byTestId('report-tab-gains')).click();
    expect(await report.locator(byTestId('gains-row')).count()).toBe(10);
    expect(await report.locator(`${byTestId('chart-lift')} svg rect`).count()).toBe(10);
    await h.shot('models-gains-en');
    await report.locator(byTestId('report-tab-calibration')).click();
    expect(await report.locator(byTestId('hosmer-lemeshow')).textContent()).toMatch(/Hosmer–Lemeshow χ² = [\d,.]+ on \d+ df/);
    expect(await report.locator(`${byTestId('chart-calibration')} svg circle`).count()).toBeGreaterThan(2);
    await h.shot('models-calibration-en');
  });

  it('trains a random forest of 20 trees with progress, then shows its importance', async () => {
    await page.click(byTestId('train-model-forest'));
    await page.fill(byTestId('param-trees'), '20');
    await page.fill(byTestId('train-name'), 'uci_forest_20');
    await page.click(byTestId('train-run'));
    await page.waitForSelector(byTestId('train-progress'));
    const report = await waitForReport('forest');
    expect(await report.locator(byTestId('report-title')).textContent()).toContain('uci_forest_20');
    const testAuc = Number(await report.locator(`${byTestId('metric-test-auc')} strong`).textContent());
    expect(testAuc).toBeGreaterThan(0.72);
    expect(Number(await report.locator(byTestId('fact-oob-auc')).textContent())).toBeGreaterThan(0.65);
    expect(await report.locator(byTestId('report-tab-coefficients')).count()).toBe(0);
    await h.shot('models-forest-en');

    await report.locator(byTestId('report-tab-importance')).click();
    expect(await report.locator(byTestId('importance-row')).count()).toBe(23);
    expect(await report.locator(`${byTestId('chart-importance-impurity')} svg rect`).count()).toBe(15);
    expect(await report.locator(`${byTestId('chart-importance-permutation')} svg rect`).count()).toBe(15);
    // The most important feature by permutation is a repayment-status one (PAY_*), as every UCI model finds.
    expect(await report.locator(`${byTestId('importance-row')} th`).first().textContent()).toMatch(/^PAY_/);
    await h.shot('models-importance-en');
  });

  it('cancels a training run and saves nothing', async () => {
    const before = (await registryModels()).length;
    await page.fill(byTestId('param-trees'), '400');
    await page.click(byTestId('train-run'));
    await page.waitForSelector(byTestId('train-progress'));
    await page.click(byTestId('train-cancel'));
    await page.waitForSelector(byTestId('train-cancelled'), { timeout: 60_000 });
    expect(await page.locator(byTestId('error-banner')).count()).toBe(0);
    expect((await registryModels()).length).toBe(before);
    await page.fill(byTestId('param-trees'), '20');
  });

  it('lists both models in the registry and compares them with a DeLong test', async () => {
    await gotoModels('registry');
    await page.waitForSelector(byTestId('registry'));
    expect(await page.locator(byTestId('registry-row')).count()).toBe(2);
    expect(await page.locator(`${byTestId('registry-row')}[data-kind="logistic"] ${byTestId('registry-test-auc')}`).textContent()).toBe('0.7239');
    await page.check(`${byTestId('registry-row')}[data-kind="logistic"] ${byTestId('registry-pick')}`);
    await page.check(`${byTestId('registry-row')}[data-kind="forest"] ${byTestId('registry-pick')}`);
    await h.shot('models-registry-en');

    await page.click(byTestId('registry-compare'));
    await page.click(byTestId('compare-run'));
    await page.waitForSelector(byTestId('compare-table'), { timeout: 120_000 });
    const aucs = await page.locator(byTestId('compare-auc')).allTextContents();
    expect(aucs).toHaveLength(2);
    // Both scored on the same 9,000 holdout rows; the logistic model's AUC there is the reference figure.
    expect(await page.textContent(byTestId('compare-rows'))).toContain('9,000 rows');
    expect(aucs).toContain('0.7239');
    expect(await page.locator(byTestId('compare-pair')).count()).toBe(1);
    const pair = await page.locator(`${byTestId('compare-pair')} td`).allTextContents();
    expect(Number(pair[0])).toBeGreaterThan(0); // the better model is listed first
    // Two ROC curves and the chance diagonal.
    await page.waitForSelector(`${byTestId('chart-compare-roc')} svg`);
    const curves = await page.locator(`${byTestId('chart-compare-roc')} svg g[aria-label="line"] path`).count();
    expect(curves).toBe(3);
    await h.shot('models-compare-en');
  });

  it('scores the table as a job and opens the scores in the Data area', async () => {
    await page.click(byTestId('models-score'));
    await page.waitForSelector(byTestId('score-dialog'));
    const logistic = (await registryModels()).find((m) => m.kind === 'logistic');
    await page.selectOption(byTestId('score-model'), logistic?.id ?? '');
    expect(await page.inputValue(byTestId('score-table'))).toBe(TABLE);
    await page.fill(byTestId('score-output'), 'uci_scores_oct');
    await page.click(byTestId('score-run'));
    await page.waitForSelector(byTestId('score-result'), { timeout: 120_000 });
    expect(await page.textContent(byTestId('score-rows'))).toBe('30,000');
    const gradeRows = await page.locator(`${byTestId('score-grade')} td:first-of-type`).allTextContents();
    expect(gradeRows.map((x) => Number(x.replace(/,/g, ''))).reduce((s, x) => s + x, 0)).toBe(30_000);
    // Scoring the training population itself: no drift.
    expect(await page.textContent(byTestId('score-psi'))).toContain('stable');
    await h.shot('models-score-en');

    await page.click(byTestId('score-open-table'));
    await page.waitForSelector(`${byTestId('table-view')}[data-table="uci_scores_oct"]`);
    await page.waitForSelector(`${byTestId('preview-grid')} [data-row="0"]`);
    expect(await page.textContent(byTestId('preview-count'))).toContain('30,000 rows');
  });

  it('exports a model, imports it back as a new registry entry, and deletes that one', async () => {
    await gotoModels('registry');
    const logisticRow = `${byTestId('registry-row')}[data-kind="logistic"]`;
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`${logisticRow} ${byTestId('registry-export')}`)]);
    const file = await download.path();
    const exported = JSON.parse(readFileSync(file, 'utf8')) as { format: string; summary: { name: string } };
    expect(exported.format).toBe('vigil.model');

    const before = new Set((await registryModels()).map((m) => m.id));
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click(byTestId('models-import'))]);
    await chooser.setFiles(file);
    // The imported model opens at once; the registry now holds three.
    await page.waitForSelector(`${byTestId('model-report')} ${byTestId('report-back')}`, { timeout: 60_000 });
    expect(await page.locator(byTestId('success-banner')).last().textContent()).toContain('Imported');
    await page.click(byTestId('report-back'));
    await expect.poll(() => page.locator(byTestId('registry-row')).count()).toBe(3);

    // An import keeps the model's training time and audit record; it is told apart by its new id.
    const imported = (await registryModels()).find((m) => !before.has(m.id));
    expect(imported?.name).toBe(exported.summary.name);
    await page.click(`${byTestId('registry-row')}[data-model="${imported?.id}"] ${byTestId('registry-delete')}`);
    await page.waitForSelector(byTestId('confirm-dialog'));
    await page.click(byTestId('confirm-ok'));
    await expect.poll(() => page.locator(byTestId('registry-row')).count()).toBe(2);
    expect([...(await registryModels()).map((m) => m.id)].sort()).toEqual([...before].sort());
  });

  it('shows the whole area in Chinese', async () => {
    await page.click(byTestId('lang-zh'));
    await gotoModels('build');
    const report = page.locator(`${byTestId('model-report')}[data-kind="forest"]`);
    await report.locator(byTestId('report-tab-performance')).click();
    expect(await page.textContent(byTestId('models-build'))).toBe('训练');
    expect(await report.locator(byTestId('report-tab-importance')).textContent()).toBe('变量重要性');
    expect(await page.textContent(`${byTestId('train-panel')} legend`)).toBe('数据');
    await h.shot('models-forest-zh');
    await report.locator(byTestId('performance-tab')).screenshot({ path: join(SCREENSHOTS, 'models-charts-zh.png') });
    await report.locator(byTestId('report-tab-importance')).click();
    await h.shot('models-importance-zh');

    await gotoModels('registry');
    await page.click(`${byTestId('registry-row')}[data-kind="logistic"] ${byTestId('registry-open')}`);
    const logistic = page.locator(`${byTestId('model-report')}[data-kind="logistic"]`);
    await logistic.locator(`${byTestId('chart-roc')} svg`).waitFor();
    expect(await logistic.locator(byTestId('metric-test-auc')).textContent()).toContain('0.7239');
    await h.shot('models-train-zh');
    await logistic.locator(byTestId('report-tab-coefficients')).click();
    expect(await logistic.locator('.coef-table thead').textContent()).toContain('标准误');
    await h.shot('models-coefficients-zh');
    await logistic.locator(byTestId('report-tab-gains')).click();
    await h.shot('models-gains-zh');
    await logistic.locator(byTestId('report-tab-calibration')).click();
    await h.shot('models-calibration-zh');

    await gotoModels('registry');
    await h.shot('models-registry-zh');
    await gotoModels('compare');
    await page.click(byTestId('compare-run'));
    await page.waitForSelector(byTestId('compare-table'), { timeout: 120_000 });
    expect(await page.textContent(byTestId('compare-pairs'))).toContain('显著');
    await h.shot('models-compare-zh');

    await page.click(byTestId('models-score'));
    await page.waitForSelector(byTestId('score-dialog'));
    await page.fill(byTestId('score-output'), 'uci_scores_nov');
    await page.click(byTestId('score-run'));
    await page.waitForSelector(byTestId('score-result'), { timeout: 120_000 });
    expect(await page.textContent(byTestId('score-dialog'))).toContain('风险等级');
    await h.shot('models-score-zh');
    await page.click(byTestId('score-close'));
    await page.click(byTestId('lang-en'));
  });

  it('one-hot encodes a categorical feature and names its reference level', async () => {
    await h.server.engine.workspace.run(
      `CREATE TABLE uci_education AS SELECT *, CASE EDUCATION WHEN 1 THEN 'graduate school' WHEN 2 THEN 'university'
         WHEN 3 THEN 'high school' ELSE 'other' END AS education_level FROM uci_credit_card`,
    );
    await gotoModels('build');
    await page.click(byTestId('models-refresh'));
    await page.locator(`${byTestId('train-table')} option[value="uci_education"]`).waitFor({ state: 'attached' });
    await page.selectOption(byTestId('train-table'), 'uci_education');
    await page.waitForSelector(byTestId('target-binary'));
    await page.click(byTestId('train-model-logistic'));
    await page.click(byTestId('features-none'));
    for (const column of ['LIMIT_BAL', 'PAY_0', 'education_level']) {
      await page.check(`${byTestId('feature-row')}[data-column="${column}"] ${byTestId('feature-check')}`);
    }
    expect(await page.textContent(byTestId('features-count'))).toBe('3 of 25 selected');
    await page.click(byTestId('train-run'));
    const report = page.locator(`${byTestId('model-report')}[data-kind="logistic"]`);
    await report.locator(`${byTestId('chart-roc')} svg`).waitFor({ timeout: 120_000 });
    // A new table dropped the name typed for the forest: the default name is the table's.
    expect(await report.locator(byTestId('report-title')).textContent()).toContain('uci_education_logistic');
    await report.locator(byTestId('report-tab-coefficients')).click();
    // const, two numeric terms, and one dummy per level but the reference (university, the most frequent).
    expect(await report.locator(byTestId('coef-row')).count()).toBe(6);
    expect(await report.locator(byTestId('reference-levels')).textContent()).toContain('education_level = university');
    await h.shot('models-categorical-en');
  });

  it('ran without a page error', () => {
    expect(h.pageErrors).toEqual([]);
  });
});
