#!/usr/bin/env node
/**
 * `npm test`: the whole suite in order — typecheck, lint, build, unit/integration tests, end-to-end tests —
 * and one closing line "tests: N passed, N failed" summed over the vitest runs.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });

const steps = [
  ['typecheck', 'npm', ['run', '-s', 'typecheck']],
  ['lint', 'npm', ['run', '-s', 'lint']],
  ['build', 'npx', ['electron-vite', 'build']],
  ['unit', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${join(results, 'unit.json')}`]],
  ['e2e', 'npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${join(results, 'e2e.json')}`]],
];

let passed = 0;
let failed = 0;
let ok = true;
for (const [name, cmd, args] of steps) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (name === 'unit' || name === 'e2e') {
    try {
      const j = JSON.parse(readFileSync(join(results, `${name}.json`), 'utf8'));
      passed += j.numPassedTests;
      failed += j.numFailedTests + (j.numTotalTests - j.numPassedTests - j.numFailedTests - (j.numPendingTests ?? 0) - (j.numTodoTests ?? 0));
      if ((j.numPendingTests ?? 0) > 0) console.log(`${name}: ${j.numPendingTests} skipped`);
    } catch {
      failed += 1;
    }
  }
  if (r.status !== 0) {
    ok = false;
    console.log(`=== ${name} FAILED (exit ${r.status})`);
    if (name !== 'unit') break; // without a build or types, later steps mean nothing
  }
}
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
