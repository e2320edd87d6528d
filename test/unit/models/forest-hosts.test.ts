/**
 * The tree workers must start wherever the engine runs: vitest (this file), tsx (CLI, browser host) and
 * a bundle (electron-vite's main build, which emits tree-worker.js next to the engine bundle). Each host
 * must grow the very same forest as a single-threaded fit.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { RandomForest } from '../../../models/forest';
import { REPO_ROOT, tempDir } from '../../helpers/paths';
import { syntheticPortfolio } from '../../fixtures/models/forest-synthetic';

const FIT = { nTrees: 6, seed: 3 } as const;
const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/** A host program: fits with two workers and prints the model's hash. */
function hostProgram(forestModule: string, syntheticModule: string): string {
  return `
import { createHash } from 'node:crypto';
import { RandomForest } from ${JSON.stringify(forestModule)};
import { syntheticPortfolio } from ${JSON.stringify(syntheticModule)};
const { data, y } = syntheticPortfolio(2000, 5);
const m = await RandomForest.fit(data, y, { ...${JSON.stringify(FIT)}, workers: 2 });
console.log(createHash('sha256').update(JSON.stringify(m.toJSON())).digest('hex'));
`;
}

describe('tree workers in every host', () => {
  const tmp = tempDir('vigil-forest-hosts-');
  let expected = '';

  beforeAll(async () => {
    const { data, y } = syntheticPortfolio(2000, 5);
    expected = sha256(JSON.stringify((await RandomForest.fit(data, y, { ...FIT, workers: 0 })).toJSON()));
  });
  afterAll(() => tmp.cleanup());

  it('run under tsx (CLI and browser host) from TypeScript source', () => {
    const script = join(tmp.dir, 'tsx-host.mts');
    writeFileSync(script, hostProgram(join(REPO_ROOT, 'models/forest/index.ts'), join(REPO_ROOT, 'test/fixtures/models/forest-synthetic.ts')));
    const out = execFileSync(process.execPath, [join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), script], { cwd: tmp.dir, encoding: 'utf8' });
    expect(out.trim()).toBe(expected);
  });

  it('run from a bundle with tree-worker.js beside it (what the electron-vite main build emits)', async () => {
    const entry = join(tmp.dir, 'engine.ts');
    writeFileSync(entry, hostProgram(join(REPO_ROOT, 'models/forest/index.ts'), join(REPO_ROOT, 'test/fixtures/models/forest-synthetic.ts')));
    const outDir = join(tmp.dir, 'out');
    await build({
      configFile: false,
      root: tmp.dir,
      logLevel: 'silent',
      build: {
        ssr: true,
        target: 'node20',
        outDir,
        rollupOptions: {
          // The extra main-build input the electron-vite config needs: `tree-worker`.
          input: { engine: entry, 'tree-worker': join(REPO_ROOT, 'models/forest/tree-worker.ts') },
          output: { format: 'es', entryFileNames: '[name].js' },
        },
      },
    });
    writeFileSync(join(outDir, 'package.json'), '{ "type": "module" }');
    // Plain node, no tsx: the bundle must find and start tree-worker.js on its own.
    const out = execFileSync(process.execPath, [join(outDir, 'engine.js')], { cwd: tmp.dir, encoding: 'utf8' });
    expect(out.trim()).toBe(expected);
  });
});
