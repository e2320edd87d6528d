/**
 * How to start the tree worker in the three ways Vigil runs:
 *  - bundled (electron-vite): `tree-worker.js` is emitted next to the bundle that contains this module
 *    (the main build needs an extra input named `tree-worker`); started as a plain file.
 *  - TypeScript source (vitest, tsx CLI/server): `tree-worker.ts` next to this file is bundled once per
 *    process, in memory, with esbuild (tsx's own dependency) and started as eval'd JavaScript.
 *    (Node 20 ignores `--import tsx` in a worker's execArgv for the worker's own entry. Registering tsx
 *    inside each worker works but costs 0.3–0.5 s per worker start; the bundle is built once per process.)
 * A host whose bundler puts the file elsewhere calls `setTreeWorkerScript()` once at start-up.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Either a file to run, or JavaScript source to eval. */
export interface WorkerScript {
  source: string;
  eval: boolean;
}

interface EsbuildApi {
  buildSync(options: Record<string, unknown>): { outputFiles?: { text: string }[] };
}

let override: string | null = null;
const bundled = new Map<string, string>();

/** Use this worker file (a built .js, or a .ts that is then bundled in memory); null restores the lookup. */
export function setTreeWorkerScript(file: string | null): void {
  override = file;
}

export function treeWorkerScript(): WorkerScript {
  if (override !== null) return startFile(override);
  // A path built from variables, not `new URL('./x', import.meta.url)`: bundlers rewrite that pattern.
  const here = dirname(fileURLToPath(import.meta.url));
  for (const name of ['tree-worker.js', 'tree-worker.mjs', 'tree-worker.ts']) {
    const file = join(here, name);
    if (existsSync(file)) return startFile(file);
  }
  throw new Error(
    `The random-forest worker was not found next to ${here} (tree-worker.js or tree-worker.ts). ` +
      'Build it as its own entry, call setTreeWorkerScript(), or fit with workers: 0.',
  );
}

function startFile(file: string): WorkerScript {
  if (!file.endsWith('.ts')) return { source: file, eval: false };
  let code = bundled.get(file);
  if (code === undefined) {
    const result = esbuild().buildSync({
      entryPoints: [file],
      bundle: true,
      platform: 'node',
      format: 'cjs', // eval'd worker code is a CommonJS script
      target: 'node20',
      write: false,
      logLevel: 'silent',
    });
    code = result.outputFiles?.[0]?.text;
    if (code === undefined) throw new Error(`Bundling the random-forest worker ${file} produced no code.`);
    bundled.set(file, code);
  }
  return { source: code, eval: true };
}

/** esbuild as tsx's dependency (present wherever TypeScript source runs, since tsx runs it). */
function esbuild(): EsbuildApi {
  const fromHere = createRequire(import.meta.url);
  try {
    return createRequire(fromHere.resolve('tsx/package.json'))('esbuild') as EsbuildApi;
  } catch {
    throw new Error('Running the forest from TypeScript source needs tsx (and its esbuild) installed; or fit with workers: 0.');
  }
}
