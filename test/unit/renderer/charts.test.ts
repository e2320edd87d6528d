/**
 * Charts are pure functions from data to Plot options. Two layers of tests:
 * the options themselves (in Node), and the SVG Plot draws from them in Chromium, checked for
 * what must be true (one bar per bin, bar lengths proportional to counts) and snapshotted.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compactNumber, groupThousands, histogramChart, topValuesChart } from '../../../renderer/charts/index';
import { SCREENSHOTS } from '../../e2e/chromium';
import { openChartRenderer, type ChartRenderer } from './plotInChromium';

// Fixed data shaped like the engine's profile of LIMIT_BAL and EDUCATION.
const BINS = [
  { x0: 0, x1: 100_000, count: 12_498 },
  { x0: 100_000, x1: 200_000, count: 7_880 },
  { x0: 200_000, x1: 300_000, count: 5_059 },
  { x0: 300_000, x1: 400_000, count: 2_759 },
  { x0: 400_000, x1: 500_000, count: 1_322 },
  { x0: 500_000, x1: 600_000, count: 393 },
  { x0: 600_000, x1: 700_000, count: 66 },
  { x0: 700_000, x1: 800_000, count: 20 },
  { x0: 800_000, x1: 900_000, count: 2 },
  { x0: 900_000, x1: 1_000_000, count: 1 },
];
const TOP = [
  { value: 'university', count: 14_030 },
  { value: 'graduate school', count: 10_585 },
  { value: 'high school', count: 4_917 },
  { value: 'others (including unknown categories)', count: 468 },
];

/** Attribute values of every element of one tag, in document order. */
function attrs(svg: string, tag: string, attr: string): number[] {
  return [...svg.matchAll(new RegExp(`<${tag}\\b[^>]*>`, 'g'))].flatMap((m) => {
    const v = new RegExp(`\\s${attr}="([^"]+)"`).exec(m[0]);
    return v ? [Number(v[1])] : [];
  });
}

describe('chart options', () => {
  it('histogramChart maps each bin to its own edges and height, with a zero baseline', () => {
    const o = histogramChart(BINS, { width: 300, height: 120 });
    expect(o.width).toBe(300);
    expect(o.height).toBe(120);
    expect(o.marks).toHaveLength(2);
    const json = JSON.stringify(o.marks);
    // Edges come from the engine's bins, not re-binned by Plot.
    expect(json).not.toContain('"bin"');
  });

  it('topValuesChart keeps the engine ranking, grows with the number of values and shortens long labels', () => {
    const o = topValuesChart(TOP, { rowHeight: 20, maxLabelChars: 12 });
    expect(o.height).toBe(TOP.length * 20 + 12);
    const y = o.y as { domain: string[]; tickFormat: (v: string) => string };
    expect(y.domain).toEqual(TOP.map((t) => t.value));
    expect(y.tickFormat('university')).toBe('university');
    expect(y.tickFormat('others (including unknown categories)')).toBe('others (inc…');
    expect(topValuesChart(TOP.slice(0, 1), { rowHeight: 20 }).height).toBe(32);
  });

  it('compactNumber labels each axis tick on its own scale', () => {
    expect([0, 5, 0.05, 950, 1000, 200_000, 1_500_000, -3000, 2e9].map(compactNumber)).toEqual([
      '0', '5', '0.05', '950', '1k', '200k', '1.5M', '-3k', '2B',
    ]);
    expect(compactNumber(1234.5)).toBe('1.23k');
  });

  it('groupThousands prints counts the same on every machine', () => {
    expect(groupThousands(0)).toBe('0');
    expect(groupThousands(999)).toBe('999');
    expect(groupThousands(1000)).toBe('1,000');
    expect(groupThousands(1234567.4)).toBe('1,234,567');
  });
});

describe('chart SVG drawn by Plot in Chromium', () => {
  let r: ChartRenderer;
  beforeAll(async () => {
    r = await openChartRenderer();
  });
  afterAll(async () => {
    await r?.close();
  });

  it('histogram: one rect per bin, heights proportional to counts, edge to edge', async () => {
    const [svg] = await r.render([{ fn: 'histogramChart', data: BINS }]);
    expect(svg.startsWith('<svg')).toBe(true);
    const heights = attrs(svg, 'rect', 'height');
    const xs = attrs(svg, 'rect', 'x');
    const widths = attrs(svg, 'rect', 'width');
    expect(heights).toHaveLength(BINS.length);
    // Equal-width bins give equal-width bars, laid out left to right.
    for (const w of widths) expect(Math.abs(w - widths[0])).toBeLessThan(0.01);
    for (let i = 1; i < xs.length; i++) expect(xs[i]).toBeGreaterThan(xs[i - 1]);
    // Bar height / count is the same for every bin (a linear y scale from zero).
    const ratio = heights[0] / BINS[0].count;
    heights.forEach((h, i) => expect(h).toBeCloseTo(BINS[i].count * ratio, 1));
    await expect(svg).toMatchFileSnapshot('__snapshots__/histogram.svg');
  });

  it('top values: one bar per value with its count printed, longest first', async () => {
    const [svg] = await r.render([{ fn: 'topValuesChart', data: TOP }]);
    const widths = attrs(svg, 'rect', 'width');
    expect(widths).toHaveLength(TOP.length);
    widths.forEach((w, i) => expect(w / widths[0]).toBeCloseTo(TOP[i].count / TOP[0].count, 2));
    for (const printed of ['14,030', '10,585', '4,917', '468']) expect(svg).toContain(`>${printed}<`);
    await expect(svg).toMatchFileSnapshot('__snapshots__/top-values.svg');
  });

  it('draws an empty histogram without failing (a column with no numeric values)', async () => {
    const [svg] = await r.render([{ fn: 'histogramChart', data: [] }]);
    expect(attrs(svg, 'rect', 'height')).toHaveLength(0);
  });

  it('leaves PNGs of the charts for a person to look at', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await r.screenshot({ fn: 'histogramChart', data: BINS }, join(SCREENSHOTS, 'chart-histogram.png'));
    await r.screenshot({ fn: 'topValuesChart', data: TOP }, join(SCREENSHOTS, 'chart-top-values.png'));
  });
});
