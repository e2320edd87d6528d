/** A throwaway engine on a temp workspace with the 30,000 UCI accounts loaded as table `uci`. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine, type Engine } from '../../../src/host/engine';
import type { VigilError } from '../../../src/api/errors';
import { tempDir, UCI_CSV, UCI_REFERENCE } from '../../helpers/paths';

export interface UciReference {
  features: string[];
  logit: { names: string[]; coef: number[]; std_err: number[]; test_auc: number; test_ks: number; log_likelihood: number };
}

export const uciReference = (): UciReference => JSON.parse(readFileSync(UCI_REFERENCE, 'utf8')) as UciReference;

export const UCI_TARGET = 'default_next_month';
export const UCI_HOLDOUT = 'ID % 10 >= 7';

export async function uciEngine(prefix = 'vigil-modeling-'): Promise<{ engine: Engine; dir: string; cleanup: () => Promise<void> }> {
  const tmp = tempDir(prefix);
  const engine = await createEngine({ workspacePath: join(tmp.dir, 'ws.duckdb') });
  await engine.workspace.run('CREATE TABLE uci AS SELECT * FROM read_csv($1)', [UCI_CSV]);
  return {
    engine,
    dir: tmp.dir,
    cleanup: async () => {
      await engine.close();
      tmp.cleanup();
    },
  };
}

/** The rejection of `p` (fails the test if `p` resolves). */
export async function rejection(p: Promise<unknown>): Promise<VigilError> {
  try {
    await p;
  } catch (e) {
    return e as VigilError;
  }
  throw new Error('expected the call to fail');
}
