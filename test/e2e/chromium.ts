/** Debian's Chromium as the tests launch it, and where screenshots go. No server here: unit tests use it too. */
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/paths';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const SCREENSHOTS = join(REPO_ROOT, 'test-results/screenshots');
