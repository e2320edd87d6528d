/**
 * The Models page's charts. Like charts.test.ts: the pure parts in Node (peaks, shares, rankings,
 * domains), then the SVG Plot draws in Chromium, checked for what must be true (one bar per decile,
 * bars proportional to lift, the KS rule where the gap is widest...) and snapshotted.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  calibrationChart,
  calibrationDomain,
  coefficientBars,
  coefficientChart,
  flaggedShare,
  importanceChart,
  ksPeak,
  liftChart,
  percentTick,
  rankImportance,
  rocChart,
  scoreShares,
  Z_CRITICAL,
} from '../../../renderer/charts/index';
import { SCREENSHOTS } from '../../e2e/chromium';
import { openChartRenderer, type ChartCall, type ChartRenderer } from './plotInChromium';

// Fixed data shaped like the engine's validation of a PD model on the UCI holdout (rounded).
const ROC_TEST = [
  { fpr: 0, tpr: 0 },
  { fpr: 0.6, tpr: 0.86 },
  { fpr: 0.04, tpr: 0.31 },
  { fpr: 0.12, tpr: 0.49 },
  { fpr: 0.3, tpr: 0.67 },
  { fpr: 1, tpr: 1 },
];
const ROC_TRAIN = [
  { fpr: 0, tpr: 0 },
  { fpr: 0.05, tpr: 0.33 },
  { fpr: 0.15, tpr: 0.52 },
  { fpr: 0.35, tpr: 0.7 },
  { fpr: 1, tpr: 1 },
];
const ROC_CURVES = [
  { label: 'Train · AUC 0.724', color: '#97a9bf', points: ROC_TRAIN },
  { label: 'Test · AUC 0.724', color: '#3b6ea8', points: ROC_TEST },
];
const ROC_OPTS = { xLabel: 'False positive rate', yLabel: 'True positive rate' };

// 20 bads and 80 goods; the widest gap (0.65 - 0.20 = 0.45) is at the third point.
const KS_CURVE = [
  { pd: 0.8, cumBad: 0.3, cumGood: 0.05 },
  { pd: 0.5, cumBad: 0.5, cumGood: 0.12 },
  { pd: 0.3, cumBad: 0.65, cumGood: 0.2 },
  { pd: 0.2, cumBad: 0.8, cumGood: 0.5 },
  { pd: 0.05, cumBad: 1, cumGood: 1 },
];
const KS_OPTS = {
  bads: 20,
  goods: 80,
  xLabel: 'Accounts flagged, riskiest first',
  yLabel: 'Cumulative share',
  badLabel: 'Bads',
  goodLabel: 'Goods',
  peakLabel: 'KS 45.0%',
};

const LIFT = [3.1, 2.0, 1.3, 1.0, 0.8, 0.6, 0.5, 0.3, 0.25, 0.15].map((lift, i, all) => {
  const cum = all.slice(0, i + 1);
  return { decile: i + 1, lift, cumLift: cum.reduce((s, x) => s + x, 0) / cum.length };
});
const LIFT_OPTS = { xLabel: 'Decile (1 = riskiest)', yLabel: 'Lift', liftLabel: 'Lift', cumLiftLabel: 'Cumulative lift' };

const CALIBRATION = [
  { group: 1, count: 900, meanPd: 0.58, observedRate: 0.68 },
  { group: 2, count: 900, meanPd: 0.33, observedRate: 0.34 },
  { group: 3, count: 900, meanPd: 0.25, observedRate: 0.21 },
  { group: 4, count: 900, meanPd: 0.2, observedRate: 0.17 },
  { group: 5, count: 900, meanPd: 0.12, observedRate: 0.1 },
];
const CALIBRATION_OPTS = { xLabel: 'Mean predicted PD', yLabel: 'Observed bad rate' };

const SCORE_BINS = [
  { x0: 400, x1: 450, goods: 10, bads: 30 },
  { x0: 450, x1: 500, goods: 40, bads: 50 },
  { x0: 500, x1: 550, goods: 150, bads: 15 },
  { x0: 550, x1: 600, goods: 200, bads: 5 },
];
const SCORE_OPTS = {
  xLabel: 'Score',
  yLabel: 'Share of group',
  goodLabel: 'Goods',
  badLabel: 'Bads',
  marker: { score: 500, label: 'KS cut-off 500' },
};

const IMPORTANCE = [
  { name: 'LIMIT_BAL', impurity: 0.063, permutation: 0.0195, permutationSd: 0.0031 },
  { name: 'SEX', impurity: 0.013, permutation: -0.0007, permutationSd: 0.0013 },
  { name: 'PAY_0', impurity: 0.21, permutation: 0.061, permutationSd: 0.004 },
  { name: 'AGE', impurity: 0.07, permutation: 0.0021, permutationSd: 0.0017 },
  { name: 'BILL_AMT1', impurity: 0.081, permutation: null, permutationSd: null },
];

const COEFFICIENTS = [
  { name: 'const', feature: null, z: -5.44 },
  { name: 'LIMIT_BAL', feature: 'LIMIT_BAL', z: -3.7 },
  { name: 'SEX', feature: 'SEX', z: -3.06 },
  { name: 'PAY_0', feature: 'PAY_0', z: 22.1 },
  { name: 'PAY_4', feature: 'PAY_4', z: -0.12 },
  { name: 'product=consumer (ref: mortgage)', feature: 'product', z: 1.2 },
];

/** Attribute values of every element of one tag, in document order. */
function attrs(svg: string, tag: string, attr: string): number[] {
  return [...svg.matchAll(new RegExp(`<${tag}\\b[^>]*>`, 'g'))].flatMap((m) => {
    const v = new RegExp(`\\s${attr}="([^"]+)"`).exec(m[0]);
    return v ? [Number(v[1])] : [];
  });
}

/** String attribute values of every element of one tag. */
function attrText(svg: string, tag: string, attr: string): string[] {
  return [...svg.matchAll(new RegExp(`<${tag}\\b[^>]*>`, 'g'))].flatMap((m) => {
    const v = new RegExp(`\\s${attr}="([^"]+)"`).exec(m[0]);
    return v ? [v[1]] : [];
  });
}

/** The vertices of an SVG path drawn with straight segments ("M1,2L3,4..."). */
function vertices(d: string): [number, number][] {
  return [...d.matchAll(/[ML]\s*(-?[\d.]+)[ ,](-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

/** The <line> elements of the rule marks drawn with one dash pattern (Plot puts the style on the mark's group). */
function dashedLines(svg: string, dash: string): string[] {
  return [...svg.matchAll(new RegExp(`<g aria-label="rule"[^>]*stroke-dasharray="${dash}"[^>]*>(.*?)</g>`, 'g'))].flatMap((g) =>
    [...g[1].matchAll(/<line\b[^>]*>/g)].map((m) => m[0]),
  );
}

/** Text content of every <text> element, tags stripped. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)].map((m) => m[1].replace(/<[^>]+>/g, ''));
}

describe('model chart options and helpers', () => {
  it('rocChart draws the chance diagonal and one series per curve, coloured as given', () => {
    const o = rocChart(ROC_CURVES, { ...ROC_OPTS, width: 320, height: 280 });
    expect([o.width, o.height]).toEqual([320, 280]);
    const color = o.color as { domain: string[]; range: string[] };
    expect(color.domain).toEqual(ROC_CURVES.map((c) => c.label));
    expect(color.range).toEqual(ROC_CURVES.map((c) => c.color));
    expect((o.x as { domain: number[] }).domain).toEqual([0, 1]);
  });

  it('ksPeak finds the widest gap and flaggedShare turns shares of bads and goods into a share of accounts', () => {
    expect(flaggedShare({ pd: 0.3, cumBad: 0.65, cumGood: 0.2 }, 20, 80)).toBeCloseTo((0.65 * 20 + 0.2 * 80) / 100, 12);
    expect(flaggedShare({ pd: 0.3, cumBad: 0.5, cumGood: 0.5 }, 0, 0)).toBe(0);
    const peak = ksPeak(KS_CURVE, 20, 80);
    expect(peak?.gap).toBeCloseTo(0.45, 12);
    expect(peak?.flagged).toBeCloseTo(0.29, 12);
    expect(ksPeak([], 20, 80)).toBeNull();
  });

  it('calibrationDomain is square from 0 and holds the largest PD or bad rate', () => {
    const [lo, hi] = calibrationDomain(CALIBRATION);
    expect(lo).toBe(0);
    expect(hi).toBeGreaterThan(0.68);
    expect(hi).toBeLessThan(0.8);
    expect(calibrationDomain([{ group: 1, count: 1, meanPd: 0.99, observedRate: 1 }])[1]).toBe(1);
    const o = calibrationChart(CALIBRATION, CALIBRATION_OPTS);
    expect((o.x as { domain: number[] }).domain).toEqual((o.y as { domain: number[] }).domain);
  });

  it('scoreShares turns counts into shares of each outcome (each sums to 1)', () => {
    const shares = scoreShares(SCORE_BINS);
    expect(shares).toHaveLength(SCORE_BINS.length * 2);
    const sum = (o: 'good' | 'bad') => shares.filter((s) => s.outcome === o).reduce((s, x) => s + x.share, 0);
    expect(sum('good')).toBeCloseTo(1, 12);
    expect(sum('bad')).toBeCloseTo(1, 12);
    expect(shares[1]).toEqual({ x0: 400, x1: 450, outcome: 'bad', share: 0.3 });
    expect(scoreShares([{ x0: 0, x1: 1, goods: 0, bads: 0 }]).map((s) => s.share)).toEqual([0, 0]);
  });

  it('rankImportance sorts by the chosen measure, drops missing values and keeps the top', () => {
    expect(rankImportance(IMPORTANCE, 'impurity', 3).map((b) => b.name)).toEqual(['PAY_0', 'BILL_AMT1', 'AGE']);
    const perm = rankImportance(IMPORTANCE, 'permutation', 10);
    expect(perm.map((b) => b.name)).toEqual(['PAY_0', 'LIMIT_BAL', 'AGE', 'SEX']);
    expect(perm[0].sd).toBe(0.004);
    expect(rankImportance(IMPORTANCE, 'impurity', 10).every((b) => b.sd === null)).toBe(true);
  });

  it('coefficientBars leaves out the intercept and keeps the table order', () => {
    expect(coefficientBars(COEFFICIENTS).map((b) => b.name)).toEqual(['LIMIT_BAL', 'SEX', 'PAY_0', 'PAY_4', 'product=consumer (ref: mortgage)']);
    const o = coefficientChart(COEFFICIENTS, { xLabel: 'z', rowHeight: 20 });
    expect(o.height).toBe(5 * 20 + 44);
    // Symmetric around zero, so a sign reads at a glance, and wide enough for the largest |z|.
    expect((o.x as { domain: number[] }).domain).toEqual([-22.1, 22.1]);
    expect(Z_CRITICAL).toBeCloseTo(1.96, 2);
  });

  it('percentTick prints shares as percentages without float noise', () => {
    expect([0, 0.25, 0.125, 1, 0.07].map(percentTick)).toEqual(['0%', '25%', '12.5%', '100%', '7%']);
  });

  it('liftChart keeps deciles in order, riskiest first', () => {
    const o = liftChart(LIFT, LIFT_OPTS);
    expect((o.x as { domain: number[] }).domain).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect((o.y as { domain: number[] }).domain[1]).toBeGreaterThan(3.1);
  });

  it('importanceChart grows with the features shown', () => {
    expect(importanceChart(IMPORTANCE, { measure: 'impurity', xLabel: 'x', rowHeight: 10, top: 2 }).height).toBe(2 * 10 + 44);
    expect(importanceChart(IMPORTANCE, { measure: 'permutation', xLabel: 'x', rowHeight: 10 }).height).toBe(4 * 10 + 44);
  });
});

describe('model chart SVG drawn by Plot in Chromium', () => {
  let r: ChartRenderer;
  beforeAll(async () => {
    r = await openChartRenderer();
  });
  afterAll(async () => {
    await r?.close();
  });

  const calls: Record<string, ChartCall> = {
    roc: { fn: 'rocChart', data: ROC_CURVES, opts: ROC_OPTS },
    ks: { fn: 'ksChart', data: KS_CURVE, opts: KS_OPTS },
    lift: { fn: 'liftChart', data: LIFT, opts: LIFT_OPTS },
    calibration: { fn: 'calibrationChart', data: CALIBRATION, opts: CALIBRATION_OPTS },
    scores: { fn: 'scoreDistributionChart', data: SCORE_BINS, opts: SCORE_OPTS },
    importance: { fn: 'importanceChart', data: IMPORTANCE, opts: { measure: 'permutation', xLabel: 'Test AUC drop when shuffled' } },
    coefficients: { fn: 'coefficientChart', data: COEFFICIENTS, opts: { xLabel: 'z = coefficient / std err' } },
  };

  it('ROC: the diagonal plus one line per curve, each drawn left to right, with its legend', async () => {
    const [svg] = await r.render([calls.roc]);
    // Axis ticks are two-point paths too: the curves are the longer ones, the train curve (5 points) and the test curve (6).
    const paths = attrText(svg, 'path', 'd').map(vertices).filter((v) => v.length > 2);
    expect(paths.map((p) => p.length).sort((a, b) => a - b)).toEqual([5, 6]);
    expect(svg).toContain('stroke-dasharray="4,3"'); // the chance diagonal
    for (const p of paths) for (let i = 1; i < p.length; i++) expect(p[i][0]).toBeGreaterThanOrEqual(p[i - 1][0]);
    // The test curve: its vertices are its points on linear 0..1 axes (the input was out of order).
    const test = paths.find((p) => p.length === 6) ?? [];
    const [x0, y0] = test[0];
    const [x1, y1] = test[5];
    const sorted = [...ROC_TEST].sort((a, b) => a.fpr - b.fpr);
    test.forEach(([x, y], i) => {
      expect((x - x0) / (x1 - x0)).toBeCloseTo(sorted[i].fpr, 2);
      expect((y0 - y) / (y0 - y1)).toBeCloseTo(sorted[i].tpr, 2);
    });
    expect(texts(svg)).toEqual(expect.arrayContaining(['— Train · AUC 0.724', '— Test · AUC 0.724']));
    await expect(svg).toMatchFileSnapshot('__snapshots__/model-roc.svg');
  });

  it('KS: both cumulative curves and a rule spanning the widest gap, at the share of accounts flagged there', async () => {
    const [svg] = await r.render([calls.ks]);
    const curves = attrText(svg, 'path', 'd').map(vertices).filter((v) => v.length === KS_CURVE.length + 1);
    expect(curves).toHaveLength(2);
    const [bad, good] = curves;
    // Both start at the origin; x of each vertex is the share of accounts flagged (same for both curves).
    expect(bad.map((p) => p[0])).toEqual(good.map((p) => p[0]));
    const xAt = (share: number) => bad[0][0] + share * (bad[bad.length - 1][0] - bad[0][0]);
    const rule = dashedLines(svg, '3,2');
    expect(rule).toHaveLength(1);
    const x = Number(/\sx1="([^"]+)"/.exec(rule[0])?.[1]);
    expect(x).toBeCloseTo(xAt(0.29), 0);
    expect(texts(svg)).toContain('KS 45.0%');
    await expect(svg).toMatchFileSnapshot('__snapshots__/model-ks.svg');
  });

  it('lift: one bar per decile, heights proportional to lift, and the cumulative lift line through every decile', async () => {
    const [svg] = await r.render([calls.lift]);
    const heights = attrs(svg, 'rect', 'height');
    expect(heights).toHaveLength(LIFT.length);
    heights.forEach((h, i) => expect(h / heights[0]).toBeCloseTo(LIFT[i].lift / LIFT[0].lift, 2));
    const line = attrText(svg, 'path', 'd').map(vertices).find((v) => v.length === LIFT.length) ?? [];
    expect(line).toHaveLength(LIFT.length);
    // The first decile's cumulative lift is its own lift: the line starts at the top of the first bar.
    expect(line[0][1]).toBeCloseTo(attrs(svg, 'rect', 'y')[0], 0);
    expect(texts(svg)).toEqual(expect.arrayContaining(['— Lift', '— Cumulative lift']));
    await expect(svg).toMatchFileSnapshot('__snapshots__/model-lift.svg');
  });

  it('calibration: one dot per PD group, on the same scale on both axes', async () => {
    const [svg] = await r.render([calls.calibration]);
    const cx = attrs(svg, 'circle', 'cx');
    const cy = attrs(svg, 'circle', 'cy');
    expect(cx).toHaveLength(CALIBRATION.length);
    // Sorted by mean PD; a point with PD = bad rate would lie on the diagonal. Group 2 (0.33 vs 0.34) is nearly on it.
    const ordered = [...CALIBRATION].sort((a, b) => a.meanPd - b.meanPd);
    for (let i = 1; i < cx.length; i++) expect(cx[i]).toBeGreaterThan(cx[i - 1]);
    const scale = (cx[4] - cx[0]) / (ordered[4].meanPd - ordered[0].meanPd);
    const yScale = (cy[0] - cy[4]) / (ordered[4].observedRate - ordered[0].observedRate);
    expect(yScale / scale).toBeGreaterThan(0.8); // width and height of the default chart are close
    await expect(svg).toMatchFileSnapshot('__snapshots__/model-calibration.svg');
  });

  it('score distribution: goods and bads as shares of their own group, and the cut-off marked', async () => {
    const [svg] = await r.render([calls.scores]);
    const heights = attrs(svg, 'rect', 'height');
    expect(heights).toHaveLength(SCORE_BINS.length * 2);
    // Goods are drawn first: 10/400 of goods in the first bin, bads then 30/100.
    const shares = scoreShares(SCORE_BINS);
    const goods = shares.filter((s) => s.outcome === 'good');
    const bads = shares.filter((s) => s.outcome === 'bad');
    const unit = heights[0] / goods[0].share;
    goods.forEach((g, i) => expect(heights[i]).toBeCloseTo(g.share * unit, 1));
    bads.forEach((b, i) => expect(heights[SCORE_BINS.length + i]).toBeCloseTo(b.share * unit, 1));
    expect(texts(svg)).toEqual(expect.arrayContaining(['KS cut-off 500', '— Goods', '— Bads']));
    await expect(svg).toMatchFileSnapshot('__snapshots__/model-score-distribution.svg');
  });

  it('importance: bars longest first with ± one sd, and a feature without a value left out', async () => {
    const [svg] = await r.render([calls.importance]);
    const widths = attrs(svg, 'rect', 'width');
    const ranked = rankImportance(IMPORTANCE, 'permutation', 15);
    expect(widths).toHaveLength(ranked.length);
    // The bars start at zero, so the positive ones are proportional to their value.
    expect(widths[1] / widths[0]).toBeCloseTo(ranked[1].value / ranked[0].value, 2);
    expect(texts(svg)).not.toContain('BILL_AMT1');
    expect(texts(svg)).toEqual(expect.arrayContaining(['PAY_0', '0.0610', '-0.0007']));
    await expect(svg).toMatchFileSnapshot('__snapshots__/model-importance.svg');
  });

  it('coefficients: a z bar per term, red when it raises the PD, and the ±1.96 bounds', async () => {
    const [svg] = await r.render([calls.coefficients]);
    const fills = attrText(svg, 'rect', 'fill');
    expect(fills).toEqual(['#3b6ea8', '#3b6ea8', '#c4512b', '#3b6ea8', '#c4512b']);
    expect(texts(svg)).not.toContain('const');
    const bounds = dashedLines(svg, '3,2').map((l) => Number(/\sx1="([^"]+)"/.exec(l)?.[1]));
    expect(bounds).toHaveLength(2);
    // Symmetric about the zero line, which sits in the middle of the symmetric domain.
    const zero = Number(/\sx1="([^"]+)"/.exec(/<g aria-label="rule" stroke="#8a96a3"[^>]*>(<line\b[^>]*>)/.exec(svg)?.[1] ?? '')?.[1]);
    expect(bounds[0] + bounds[1]).toBeCloseTo(2 * zero, 0);
    await expect(svg).toMatchFileSnapshot('__snapshots__/model-coefficients.svg');
  });

  it('draws every chart from empty data without failing (a model with no test set)', async () => {
    const empty = await r.render([
      { fn: 'rocChart', data: [], opts: ROC_OPTS },
      { fn: 'ksChart', data: [], opts: KS_OPTS },
      { fn: 'liftChart', data: [], opts: LIFT_OPTS },
      { fn: 'calibrationChart', data: [], opts: CALIBRATION_OPTS },
      { fn: 'scoreDistributionChart', data: [], opts: { ...SCORE_OPTS, marker: undefined } },
      { fn: 'importanceChart', data: [], opts: { measure: 'impurity', xLabel: 'x' } },
      { fn: 'coefficientChart', data: [], opts: { xLabel: 'z' } },
    ]);
    for (const svg of empty) expect(svg).toMatch(/^<(svg|figure)/);
  });

  it('leaves PNGs of the charts for a person to look at', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const [name, call] of Object.entries(calls)) await r.screenshot(call, join(SCREENSHOTS, `chart-model-${name}.png`));
  });
});
