/**
 * The Monitoring page's charts and the shaping behind them. In Node: the pure parts (tier shares,
 * KPI changes, migration row sums, vintage filtering, forms, the page's job queue). In Chromium: the
 * SVG Plot draws from fixed data shaped like the engine's answers, checked for what must hold (tier
 * colours green → red, bar heights proportional, one cell per migration, each drawn element bound to
 * the index a click drills into) and snapshotted. PNGs are left for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MigrationMatrix, RollRateResult, TierSnapshot, VintageCurve } from '../../../src/api/monitoring';
import { cellText, wrapLabel } from '../../../renderer/charts/monitoring-heatmap';
import { sharePercent, snapshotLabel, thinTicks, TIER_COLORS, WARNING_COLORS } from '../../../renderer/charts/monitoring-theme';
import { cleanMapping, mappingProblem } from '../../../renderer/pages/monitoring/mappingFields';
import { OpStore, opKey } from '../../../renderer/pages/monitoring/opStore';
import { formFrom, ruleSetFrom } from '../../../renderer/pages/monitoring/ruleSetForm';
import {
  cohortLabel,
  migrationCells,
  migrationRowSummary,
  tierKpis,
  tierMixSegments,
  vintagePoints,
  waterfallSteps,
  warningSegments,
  type Words,
} from '../../../renderer/pages/monitoring/shape';
import { CHROMIUM_ARGS, CHROMIUM_PATH, SCREENSHOTS } from '../../e2e/chromium';
import { REPO_ROOT } from '../../helpers/paths';

// ------------------------------------------------------------------ fixed data shaped like the engine's answers

const W: Words = {
  int: (n) => String(n),
  amount: (n) => String(Math.round(n)),
  share: (x) => (x === null ? '-' : `${(x * 100).toFixed(1)}%`),
  tier: (t) => t,
  level: (l) => l,
  stage: (s) => s,
  bucket: (b) => b,
  mob: (n) => `MOB ${n}`,
};

function snap(snapshot: string, counts: number[], balances: number[]): TierSnapshot {
  const tiers = (['normal', 'special_mention', 'substandard', 'doubtful', 'loss'] as const).map((tier, i) => ({ tier, count: counts[i], balance: balances[i], provision: 0 }));
  const balance = balances.reduce((a, b) => a + b, 0);
  const npl = balances[2] + balances[3] + balances[4];
  return { snapshot, tiers, loans: counts.reduce((a, b) => a + b, 0), balance, nplBalance: npl, nplRatio: npl / balance, provisions: 0.02 * balance, provisionCoverage: (0.02 * balance) / npl, provisionRatio: 0.02, grades: [] };
}
const SNAPSHOTS = [snap('2025-08-31', [900, 60, 25, 10, 5], [800, 100, 60, 30, 10]), snap('2025-09-30', [880, 70, 30, 12, 8], [780, 110, 70, 25, 15])];

const MATRIX: MigrationMatrix = {
  from: '2025-08-31',
  to: '2025-09-30',
  entered: [{ to: 'normal', count: 4, balance: 40 }],
  rows: (['normal', 'special_mention', 'substandard', 'doubtful', 'loss'] as const).map((from, i) => {
    const counts = [[850, 30, 0, 0, 0, 20], [20, 30, 8, 0, 0, 2], [2, 0, 20, 3, 0, 0], [0, 0, 0, 8, 2, 0], [0, 0, 0, 0, 0, 0]][i];
    const total = counts.reduce((a, b) => a + b, 0);
    return {
      from,
      count: total,
      balance: total * 10,
      cells: (['normal', 'special_mention', 'substandard', 'doubtful', 'loss', 'exited'] as const).map((to, j) => ({
        to,
        count: counts[j],
        balance: counts[j] * 10,
        countShare: total ? counts[j] / total : null,
        balanceShare: total ? counts[j] / total : null,
        ci: null,
      })),
    };
  }),
};

const ROLL: RollRateResult = {
  periods: [],
  waterfall: [
    { from: 'current', to: '1-30', rate: 0.0075, cumulative: 0.0075 },
    { from: '1-30', to: '31-60', rate: 0.3, cumulative: 0.00225 },
    { from: '31-60', to: '61-90', rate: 0.63, cumulative: 0.00142 },
    { from: '61-90', to: '90+', rate: 0.82, cumulative: 0.00116 },
  ],
};

const point = (mob: number, c30: number) => ({ mob, loans: 100, ever30ByCount: c30, ever90ByCount: c30 / 2, ever30ByBalance: null, ever90ByBalance: null });
const VINTAGES: VintageCurve[] = [
  { cohort: '2020-01-01', loans: 50, leftCensored: true, points: [point(60, 0.1), point(61, 0.1)] },
  { cohort: '2025-04-01', loans: 100, leftCensored: false, points: [0, 1, 2, 3, 4, 5].map((m) => point(m, m * 0.01)) },
  { cohort: '2025-06-01', loans: 100, leftCensored: false, points: [0, 1, 2, 3].map((m) => point(m, m * 0.02)) },
];

// ------------------------------------------------------------------ Node

describe('monitoring chart data', () => {
  it("tier mix: each snapshot's tier shares add up to the whole, by count and by balance", () => {
    for (const by of ['count', 'balance'] as const) {
      const segs = tierMixSegments(SNAPSHOTS, by, W);
      expect(segs).toHaveLength(10);
      for (const s of SNAPSHOTS) expect(segs.filter((x) => x.snapshot === s.snapshot).reduce((a, x) => a + x.value, 0)).toBeCloseTo(1, 12);
    }
    const sub = tierMixSegments(SNAPSHOTS, 'balance', W).find((x) => x.snapshot === '2025-09-30' && x.tier === 'substandard');
    expect(sub?.value).toBeCloseTo(70 / 1000, 12);
    expect(sub?.title).toContain('2025-09 · substandard');
  });

  it('KPI tiles: the latest value, its change on the previous snapshot, and the trend oldest first', () => {
    const k = tierKpis(SNAPSHOTS)!;
    expect(k.snapshot).toBe('2025-09-30');
    expect(k.nplRatio.value).toBeCloseTo(110 / 1000, 12);
    expect(k.nplRatio.change).toBeCloseTo(110 / 1000 - 100 / 1000, 12);
    expect(k.loans.series).toEqual([1000, 1000]);
    expect(tierKpis([SNAPSHOTS[0]])?.nplRatio.change).toBeNull();
    expect(tierKpis([])).toBeNull();
  });

  it('migration: one cell per tier pair and exit, and rows summed as better / same / worse / gone', () => {
    const cells = migrationCells(MATRIX, 'count', W);
    expect(cells).toHaveLength(30);
    // Row-major, "exited" last: the cell a click at index 1 drills into is normal → special mention.
    expect([cells[1].fromTier, cells[1].toTier]).toEqual(['normal', 'special_mention']);
    expect(cells[1].share).toBeCloseTo(30 / 900, 12);
    expect(cells.filter((c) => c.fromTier === 'loss').every((c) => c.share === null)).toBe(true);
    const rows = migrationRowSummary(MATRIX, 'count');
    const sm = rows.find((r) => r.from === 'special_mention')!;
    expect([sm.upgraded, sm.same, sm.downgraded, sm.exited].map((x) => x! * 60)).toEqual([20, 30, 8, 2].map((x) => expect.closeTo(x, 9)));
    expect(rows.find((r) => r.from === 'loss')?.same).toBeNull();
    expect([null, 0, 0.0001, 1 / 3].map((share) => cellText({ from: 'a', to: 'b', title: '', share }))).toEqual(['–', '0', '<0.1%', '33.3%']);
  });

  it('vintages: cohorts booked before the panel are left out unless asked for, oldest first', () => {
    const view = { threshold: 30 as const, by: 'count' as const, cohortBy: 'month' as const, includeCensored: false };
    const v = vintagePoints(VINTAGES, view, W);
    expect(v.cohorts).toEqual(['2025-04', '2025-06']);
    expect(v.hidden).toBe(1);
    expect(v.points).toHaveLength(10);
    expect(v.points[v.points.length - 1]).toMatchObject({ cohort: '2025-06', cohortDate: '2025-06-01', cohortIndex: 1, mob: 3, rate: 0.06 });
    expect(vintagePoints(VINTAGES, { ...view, includeCensored: true }, W).cohorts).toEqual(['2020-01', '2025-04', '2025-06']);
    // No balance rate without an amount: those points are dropped, not drawn at zero.
    expect(vintagePoints(VINTAGES, { ...view, by: 'balance' }, W).points).toHaveLength(0);
    expect(['2025-01-01', '2025-04-01', '2025-12-01'].map((c) => cohortLabel(c, 'quarter'))).toEqual(['2025Q1', '2025Q2', '2025Q4']);
  });

  it('waterfall steps keep the bucket order; warning segments keep each count and level', () => {
    expect(waterfallSteps(ROLL, W).map((s) => s.step)).toEqual(['current\n→ 1-30', '1-30\n→ 31-60', '31-60\n→ 61-90', '61-90\n→ 90+']);
    const segs = warningSegments([{ snapshot: '2025-09-30', level: 'red', count: 7, balance: 70 }], W);
    expect(segs).toEqual([expect.objectContaining({ x: '2025-09-30', key: 'red', value: 7, level: 'red' })]);
  });

  it('axis helpers: month labels, thinned ticks that keep the latest, shares in percent', () => {
    expect(snapshotLabel('2025-10-31')).toBe('2025-10');
    expect(snapshotLabel('2025W14')).toBe('2025W14');
    const months = Array.from({ length: 24 }, (_x, i) => i);
    const ticks = thinTicks(months, 8);
    expect(ticks.length).toBeLessThanOrEqual(8);
    expect(ticks[ticks.length - 1]).toBe(23);
    expect(thinTicks([1, 2, 3], 8)).toEqual([1, 2, 3]);
    expect([0.0123, 0.25, 1].map((x) => sharePercent(x))).toEqual(['1.23%', '25%', '100%']);
    expect(wrapLabel('Special mention', 10)).toBe('Special\nmention');
    expect(wrapLabel('Normal', 4)).toBe('Normal');
    expect(wrapLabel('Largest region share', 12)).toBe('Largest\nregion share');
  });
});

describe('monitoring forms', () => {
  const base = { panel: 'p', table: 't', columns: { loanId: 'id', snapshotDate: 'd', balance: 'b', daysPastDue: 'dpd' } };
  it('a mapping needs a plain panel name, the key fields, one arrears measure and distinct columns', () => {
    expect(mappingProblem(base)).toBeNull();
    expect(mappingProblem({ ...base, panel: '1st' })).toBe('mon.map.badName');
    expect(mappingProblem({ ...base, columns: { ...base.columns, balance: '' } })).toBe('mon.map.missingRequired');
    expect(mappingProblem({ ...base, columns: { ...base.columns, daysPastDue: '' } })).toBe('mon.map.missingArrears');
    expect(mappingProblem({ ...base, columns: { ...base.columns, product: 'b' } })).toBe('mon.map.duplicate');
    expect(mappingProblem({ ...base, scores: { table: 's', key: 'id', pd: '' } })).toBe('mon.map.scoresIncomplete');
    expect(cleanMapping({ ...base, columns: { ...base.columns, product: '' }, scores: { table: 's', key: 'id', pd: 'pd', snapshotDate: '' } })).toEqual({
      ...base,
      scores: { table: 's', key: 'id', pd: 'pd' },
    });
  });

  it('a built-in rule set is edited as a copy: percent in, fractions out, limits checked in order', () => {
    const retail = {
      name: 'retail_2023', label: 'x', builtin: true,
      maxDpd: { normal: 0, special_mention: 90, substandard: 270, doubtful: 360 },
      overrides: [{ flag: 'restructured' as const, atLeast: 'substandard' as const }],
      grades: [],
      provisionRates: { normal: 0.01, special_mention: 0.02, substandard: 0.25, doubtful: 0.5, loss: 1 },
    };
    const f = formFrom(retail);
    expect(f.name).toBe('retail_2023_desk');
    expect(f.ratesPct.substandard).toBe('25');
    const out = ruleSetFrom({ ...f, ratesPct: { ...f.ratesPct, special_mention: '3' }, overrides: { restructured: '', chargedOff: 'loss' } });
    expect(out.ok && out.ruleSet.provisionRates.special_mention).toBe(0.03);
    expect(out.ok && out.ruleSet.overrides).toEqual([{ flag: 'chargedOff', atLeast: 'loss' }]);
    expect(ruleSetFrom({ ...f, maxDpd: { ...f.maxDpd, substandard: '80' } })).toEqual({ ok: false, problem: 'mon.rules.daysOrder' });
    expect(ruleSetFrom({ ...f, ratesPct: { ...f.ratesPct, loss: '120' } })).toEqual({ ok: false, problem: 'mon.rules.badRate' });
  });
});

describe("the page's job queue", () => {
  it('runs one job at a time, keeps answers by arguments, and forgets them on reset', async () => {
    const started: string[] = [];
    const release: (() => void)[] = [];
    const cancelled: string[] = [];
    const store = new OpStore(
      ((op: string, args: unknown) => {
        const jobId = `${op}#${started.length}`;
        started.push(opKey('monitoring.classify', args));
        return { jobId, result: new Promise((resolve) => release.push(() => resolve({ op, args }))) };
      }) as unknown as ConstructorParameters<typeof OpStore>[0],
      async (jobId) => {
        cancelled.push(jobId);
      },
    );
    const a = store.request('monitoring.classify', { panel: 'p', ruleSet: 'r' });
    const b = store.request('monitoring.classify', { ruleSet: 'r2', panel: 'p' });
    expect(store.request('monitoring.classify', { ruleSet: 'r', panel: 'p' })).toBe(a);
    await Promise.resolve();
    expect(started).toHaveLength(1);
    expect(store.get(a)?.state).toBe('running');
    expect(store.get(b)?.state).toBe('queued');
    store.cancel(b);
    expect(store.get(b)?.state).toBe('cancelled');
    release[0]();
    await new Promise((r) => setTimeout(r, 0));
    expect(store.get(a)?.state).toBe('done');
    expect(started).toHaveLength(1);
    store.reset();
    expect(store.get(a)).toBeUndefined();
    expect(cancelled).toEqual([]);
  });

  it('forgets only the operations a saved rule makes stale, and drops the late answer of a forgotten job', async () => {
    const release: ((v: unknown) => void)[] = [];
    const cancelled: string[] = [];
    let n = 0;
    const store = new OpStore(
      (() => {
        const jobId = `job${n++}`;
        return { jobId, result: new Promise((resolve) => release.push(resolve)) };
      }) as unknown as ConstructorParameters<typeof OpStore>[0],
      async (jobId) => {
        cancelled.push(jobId);
      },
    );
    const tick = () => new Promise((r) => setTimeout(r, 0));
    const classify = store.request('monitoring.classify', { panel: 'p' });
    await tick();
    release[0]({ done: 'classify' });
    await tick();
    const warnings = store.request('monitoring.warnings', { panel: 'p' });
    const layers = store.request('monitoring.layers', { panel: 'p' });
    await tick();
    expect(store.get(warnings)?.state).toBe('running');
    expect(store.get(layers)?.state).toBe('queued');

    store.forget(['monitoring.warnings', 'monitoring.layers']);
    expect(store.get(classify)?.state).toBe('done');
    expect(store.get(warnings)).toBeUndefined();
    expect(store.get(layers)).toBeUndefined();
    expect(cancelled).toEqual(['job1']);

    // Asked again at once (the tab is on screen): the new request waits for the cancelled job to end.
    store.request('monitoring.warnings', { panel: 'p' });
    release[1]({ stale: true });
    await tick();
    expect(store.get(warnings)?.state).toBe('running');
    release[2]({ fresh: true });
    await tick();
    expect(store.get<'monitoring.warnings'>(warnings)).toEqual({ state: 'done', result: { fresh: true } });
    expect(n).toBe(3);
  });
});

// ------------------------------------------------------------------ Chromium

const CHARTS = ['monitoring-stackedBars', 'monitoring-heatmap', 'monitoring-rateLines', 'monitoring-waterfall', 'monitoring-vintage', 'monitoring-sparkline'];
const ENTRY = 'monitoring-charts-entry';

/** The chart modules and Plot in one script, from a virtual entry (the shared charts index is another page's). */
async function bundle(): Promise<string> {
  const code = [...CHARTS.map((c) => `export * from ${JSON.stringify(join(REPO_ROOT, 'renderer/charts', `${c}.ts`))};`), `export { plot } from '@observablehq/plot';`].join('\n');
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    root: REPO_ROOT,
    plugins: [{ name: 'entry', resolveId: (id) => (id.endsWith(ENTRY) ? `\0${ENTRY}` : null), load: (id) => (id === `\0${ENTRY}` ? code : null) }],
    build: { write: false, minify: false, lib: { entry: ENTRY, formats: ['iife'], name: 'MonitoringCharts' } },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as { output: { type: string; code?: string }[] }[];
  const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk' && typeof o.code === 'string');
  if (!chunk?.code) throw new Error('Vite produced no chart bundle');
  return chunk.code;
}

/** Options that are functions cross into the page as label maps: { $map: {...} } becomes k => map[k]. */
interface Drawn {
  svg: string;
  /** For each element of the `drill` mark: the datum index Plot bound to it, and its fill. */
  bound: { index: number; fill: string | null }[];
}

let browser: Browser;
let page: Page;

async function draw(fn: string, data: unknown, opts: Record<string, unknown>): Promise<Drawn> {
  return page.evaluate(
    ({ fn, data, opts }) => {
      type El = { outerHTML: string; querySelectorAll(s: string): ArrayLike<El>; getAttribute(a: string): string | null; __data__?: unknown };
      const g = globalThis as unknown as {
        MonitoringCharts: Record<string, (d: unknown, o: unknown) => unknown> & { plot(o: unknown): El };
        document: { body: { replaceChildren(): void; appendChild(e: El): void } };
      };
      const live = Object.fromEntries(
        Object.entries(opts).map(([k, v]) => {
          const map = (v as { $map?: Record<string, string> } | null)?.$map;
          return [k, map ? (x: string | number) => map[String(x)] ?? String(x) : v];
        }),
      );
      g.document.body.replaceChildren();
      const el = g.MonitoringCharts.plot(g.MonitoringCharts[fn](data, live));
      g.document.body.appendChild(el);
      const bound = Array.from(el.querySelectorAll('g.drill > *')).map((e) => ({ index: e.__data__ as number, fill: e.getAttribute('fill') }));
      return { svg: el.outerHTML, bound };
    },
    { fn, data, opts },
  );
}

async function png(name: string) {
  await page.locator('body > *').first().screenshot({ path: join(SCREENSHOTS, `chart-monitoring-${name}.png`) });
}

/** Attribute values of every element of one tag, in document order. */
function attrs(svg: string, tag: string, attr: string): number[] {
  return [...svg.matchAll(new RegExp(`<${tag}\\b[^>]*>`, 'g'))].flatMap((m) => {
    const v = new RegExp(`\\s${attr}="([^"]+)"`).exec(m[0]);
    return v ? [Number(v[1])] : [];
  });
}

const TIER_NAMES = { $map: { 0: 'Normal', 1: 'Special mention', 2: 'Substandard', 3: 'Doubtful', 4: 'Loss' } };

describe('monitoring charts drawn by Plot in Chromium', () => {
  beforeAll(async () => {
    const code = await bundle();
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    page = await browser.newPage();
    await page.setContent('<!doctype html><html><body style="margin:8px;background:#fff"></body></html>');
    await page.addScriptTag({ content: code });
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('tier mix: five colours green → red, bar segments proportional, each bound to its datum', async () => {
    const segs = tierMixSegments(SNAPSHOTS, 'balance', W);
    const keys = ['normal', 'special_mention', 'substandard', 'doubtful', 'loss'];
    const d = await draw('stackedBarsChart', segs, { keys, colors: keys.map((k) => TIER_COLORS[k as keyof typeof TIER_COLORS]), keyLabel: { $map: Object.fromEntries(keys.map((k, i) => [k, TIER_NAMES.$map[i as 0]])) }, shares: true, yMax: 1, width: 420, height: 220 });
    // Each drawn bar is the datum at its index, in that tier's colour: what a click drills into.
    expect(d.bound.map((b) => b.index)).toEqual(segs.map((_s, i) => i));
    d.bound.forEach((b) => expect(b.fill).toBe(TIER_COLORS[segs[b.index].tier]));
    const heights = attrs(d.svg, 'rect', 'height').slice(-segs.length);
    heights.forEach((h, i) => expect(h / heights[0]).toBeCloseTo(segs[i].value / segs[0].value, 1));
    expect(d.svg).toContain('Special mention');
    await expect(d.svg).toMatchFileSnapshot('__snapshots__/monitoring-tier-mix.svg');
    await png('tier-mix');
  });

  it('warning counts: "red", "orange" and "yellow" are categories, not CSS colours', async () => {
    const segs = warningSegments(
      [
        { snapshot: '2025-08-31', level: 'yellow', count: 40, balance: 1 },
        { snapshot: '2025-08-31', level: 'orange', count: 20, balance: 1 },
        { snapshot: '2025-08-31', level: 'red', count: 10, balance: 1 },
      ],
      W,
    );
    const levels = ['yellow', 'orange', 'red'] as const;
    const d = await draw('stackedBarsChart', segs, { keys: levels, colors: levels.map((l) => WARNING_COLORS[l]), keyLabel: { $map: {} }, width: 300 });
    expect(d.bound.map((b) => b.fill)).toEqual(levels.map((l) => WARNING_COLORS[l]));
    expect(d.svg).not.toMatch(/fill="(red|orange|yellow)"/);
  });

  it('migration heatmap: 5 × 6 cells in row order, darker where more loans moved, shares printed', async () => {
    const cells = migrationCells(MATRIX, 'count', W);
    const names = { $map: { ...Object.fromEntries(['normal', 'special_mention', 'substandard', 'doubtful', 'loss'].map((k, i) => [k, TIER_NAMES.$map[i as 0]])), exited: 'Exited' } };
    const d = await draw('migrationHeatmapChart', cells, {
      rows: ['normal', 'special_mention', 'substandard', 'doubtful', 'loss'],
      columns: ['normal', 'special_mention', 'substandard', 'doubtful', 'loss', 'exited'],
      rowLabel: names,
      columnLabel: names,
      xLabel: 'Tier at 2025-09',
      yLabel: 'Tier at 2025-08',
      width: 560,
    });
    expect(d.bound.map((b) => b.index)).toEqual(cells.map((_c, i) => i));
    // The sqrt blues scale: normal→normal (94%) is darker than normal→special mention (3%).
    const luminance = (hex: string | null) => (hex ? parseInt(hex.slice(1, 3), 16) + parseInt(hex.slice(3, 5), 16) + parseInt(hex.slice(5, 7), 16) : NaN);
    const rgb = (c: string | null) => (c?.startsWith('rgb') ? `#${c.match(/\d+/g)!.map((n) => Number(n).toString(16).padStart(2, '0')).join('')}` : c);
    expect(luminance(rgb(d.bound[0].fill))).toBeLessThan(luminance(rgb(d.bound[1].fill)));
    for (const printed of ['94.4%', '3.3%', '50%', '–']) expect(d.svg).toContain(`>${printed}<`);
    await expect(d.svg).toMatchFileSnapshot('__snapshots__/monitoring-heatmap.svg');
    await png('heatmap');
  });

  it('flow-rate waterfall: bar heights proportional to the roll rates, cumulative share under each', async () => {
    const steps = waterfallSteps(ROLL, W);
    const d = await draw('flowWaterfallChart', steps, { cumulativeText: { $map: {} }, width: 420 });
    const heights = attrs(d.svg, 'rect', 'height');
    expect(heights).toHaveLength(4);
    heights.forEach((h, i) => expect(h / heights[3]).toBeCloseTo(ROLL.waterfall[i].rate! / 0.82, 2));
    expect(d.svg).toContain('>82%<');
    await expect(d.svg).toMatchFileSnapshot('__snapshots__/monitoring-waterfall.svg');
    await png('waterfall');
  });

  it('vintage curves: one clickable point per cohort and month on book, one line per cohort', async () => {
    const v = vintagePoints(VINTAGES, { threshold: 30, by: 'count', cohortBy: 'month', includeCensored: false }, W);
    const d = await draw('vintageChart', v.points, { cohorts: v.cohorts, xLabel: 'Months on book', width: 480, height: 260 });
    expect(d.bound.map((b) => b.index)).toEqual(v.points.map((_p, i) => i));
    expect((d.svg.match(/<path /g) ?? []).length).toBeGreaterThanOrEqual(2);
    await expect(d.svg).toMatchFileSnapshot('__snapshots__/monitoring-vintage.svg');
    await png('vintage');
  });

  it('sparkline: no axes, the latest point marked, anomalies in red', async () => {
    const points = [0.1, 0.12, null, 0.11, 0.3, 0.14].map((value, i) => ({ i, value, anomaly: i === 4 }));
    const d = await draw('sparklineChart', points, {});
    expect(d.svg).not.toContain('aria-label="y-axis');
    expect((d.svg.match(/fill="#c8402f"/g) ?? []).length).toBe(1);
    expect(attrs(d.svg, 'circle', 'r')).toEqual([2, 2.6]);
  });

  it('rate lines on a log axis leave zero rates as gaps', async () => {
    const pts = ['2025-07-31', '2025-08-31', '2025-09-30'].flatMap((x, i) => [
      { x, series: 'a', rate: [0.004, 0, 0.006][i], title: '' },
      { x, series: 'b', rate: [0.5, 0.7, null][i], title: '' },
    ]);
    const d = await draw('rateLinesChart', pts, { series: ['a', 'b'], colors: ['#2a5f9e', '#e07b39'], seriesLabel: { $map: { a: 'current → 1–30', b: '61–90 → 90+' } }, log: true, width: 400 });
    // Four defined points out of six: the zero (no log) and the null (no base) are not drawn.
    expect(attrs(d.svg, 'circle', 'r')).toHaveLength(4);
    expect(d.svg).toContain('current → 1–30');
    await png('roll-rates');
  });
});
