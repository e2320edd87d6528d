/**
 * The e2e harness: the browser host in-process on a temp workspace, the built renderer,
 * and Debian's Chromium driven through playwright-core. Screenshots go to test-results/screenshots.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/host/server';
import { REPO_ROOT, tempDir } from '../helpers/paths';
import { CHROMIUM_ARGS, CHROMIUM_PATH, SCREENSHOTS } from './chromium';

const RENDERER_INDEX = join(REPO_ROOT, 'out/renderer/index.html');

export interface Harness {
  server: RunningServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  workspacePath: string;
  /** A scratch folder for files the tests write (removed at the end). */
  tempDir: string;
  /** Uncaught page errors and console errors: a healthy run has none. */
  pageErrors: string[];
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function openHarness(): Promise<Harness> {
  if (!existsSync(RENDERER_INDEX)) {
    throw new Error(`The renderer is not built (${RENDERER_INDEX} is missing): run \`npx electron-vite build\` first (npm test does).`);
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  const tmp = tempDir('vigil-e2e-');
  const workspacePath = join(tmp.dir, 'ws.duckdb');
  const server = await startServer({ workspacePath, port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US', acceptDownloads: true });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(`console: ${m.text()}`);
  });
  return {
    server,
    browser,
    context,
    page,
    workspacePath,
    tempDir: tmp.dir,
    pageErrors,
    async shot(name) {
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
    async close() {
      await browser.close().catch(() => undefined);
      await server.close();
      tmp.cleanup();
    },
  };
}
