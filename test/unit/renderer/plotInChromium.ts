/**
 * Render chart functions to SVG in real Chromium. No DOM implementation is installed for Node
 * (no jsdom), and a hand-made fake would test the fake; Chromium is the DOM the app draws in.
 * The chart modules and Plot are bundled with Vite into one script and run in a blank page.
 */
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { REPO_ROOT } from '../../helpers/paths';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/chromium';

export interface ChartCall {
  fn:
    | 'histogramChart'
    | 'topValuesChart'
    | 'rocChart'
    | 'ksChart'
    | 'liftChart'
    | 'calibrationChart'
    | 'scoreDistributionChart'
    | 'importanceChart'
    | 'coefficientChart';
  data: unknown;
  opts?: Record<string, unknown>;
}

async function bundle(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    root: REPO_ROOT,
    build: {
      write: false,
      minify: false,
      lib: { entry: join(REPO_ROOT, 'test/unit/renderer/charts-entry.ts'), formats: ['iife'], name: 'VigilCharts' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as { output: { type: string; code?: string }[] }[];
  const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk' && typeof o.code === 'string');
  if (!chunk?.code) throw new Error('Vite produced no chart bundle');
  return chunk.code;
}

export interface ChartRenderer {
  /** outerHTML of the SVG Plot draws for each call. */
  render(calls: ChartCall[]): Promise<string[]>;
  /** A PNG of one chart, for a person to look at. */
  screenshot(call: ChartCall, path: string): Promise<void>;
  close(): Promise<void>;
}

export async function openChartRenderer(): Promise<ChartRenderer> {
  const code = await bundle();
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const page: Page = await browser.newPage();
  await page.setContent('<!doctype html><html><body style="margin:8px;background:#fff"></body></html>');
  await page.addScriptTag({ content: code });
  const draw = (calls: ChartCall[]) =>
    page.evaluate((cs) => {
      // Runs in the page; the tests' TypeScript has no DOM types, so the few used are spelled out.
      type PageElement = { outerHTML: string };
      const g = globalThis as unknown as {
        VigilCharts: { charts: Record<string, (d: unknown, o?: unknown) => unknown>; plot(o: unknown): PageElement };
        document: { body: { replaceChildren(): void; appendChild(e: PageElement): void } };
      };
      g.document.body.replaceChildren();
      return cs.map((c) => {
        const el = g.VigilCharts.plot(g.VigilCharts.charts[c.fn](c.data, c.opts));
        g.document.body.appendChild(el);
        return el.outerHTML;
      });
    }, calls);
  return {
    render: draw,
    async screenshot(call, path) {
      await draw([call]);
      await page.locator('body > svg').first().screenshot({ path });
    },
    close: () => browser.close(),
  };
}
