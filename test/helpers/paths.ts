/** Where tests find the shared real data: `../shared` beside the repository (never copied in). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED = resolve(REPO_ROOT, '../shared');
export const UCI_CSV = join(SHARED, 'data/uci_credit_card.csv');
export const UCI_REFERENCE = join(SHARED, 'reference/uci_reference.json');

/** A fresh temp folder; call the returned cleanup in afterAll/afterEach. */
export function tempDir(prefix = 'vigil-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
