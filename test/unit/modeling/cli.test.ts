/**
 * The real `vigil train` and `vigil score` (node bin/vigil.mjs), spawned on a temp workspace holding
 * the UCI accounts: one JSON object on stdout with the model id, both metric sets and the coefficient
 * table matching the statsmodels reference. Two spawns only: the CLI starts slowly under load.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Workspace } from '../../../src/workspace/workspace';
import { maxRelativeError } from '../../fixtures/models/compare';
import { REPO_ROOT, tempDir, UCI_CSV } from '../../helpers/paths';
import { UCI_HOLDOUT, UCI_TARGET, uciReference } from './fixture';

const BIN = join(REPO_ROOT, 'bin', 'vigil.mjs');
const tmp = tempDir('vigil-cli-models-');
const ws = join(tmp.dir, 'cli.duckdb');
const ref = uciReference();

beforeAll(async () => {
  const w = await Workspace.open(ws);
  await w.run('CREATE TABLE uci AS SELECT * FROM read_csv($1)', [UCI_CSV]);
  await w.close();
});
afterAll(() => tmp.cleanup());

function vigil(...args: string[]): { code: number | null; out: Record<string, unknown>; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args, '--workspace', ws, '--json'], { cwd: tmp.dir, encoding: 'utf8', timeout: 180_000 });
  const lines = r.stdout.trim().split('\n');
  expect(lines, r.stderr).toHaveLength(1); // exactly one JSON object on stdout
  return { code: r.status, out: JSON.parse(lines[0]) as Record<string, unknown>, stderr: r.stderr };
}

interface Metrics {
  auc: number;
  ks: number;
  gini: number;
  brier: number;
  logLoss: number;
}
interface Coefficient {
  name: string;
  coef: number;
  stdErr: number;
  z: number;
  pValue: number;
  ciLow: number;
  ciHigh: number;
}

describe('vigil train / score --json', () => {
  let modelId = '';

  it('train prints the model id, train and test metrics and the statsmodels coefficient table', () => {
    const r = vigil('train', '--table', 'uci', '--target', UCI_TARGET, '--model', 'logistic', '--test-where', UCI_HOLDOUT, '--name', 'cli_pd');
    expect(r.code, r.stderr).toBe(0);
    const out = r.out as { model: { id: string; name: string }; metrics: { train: Metrics; test: Metrics }; coefficients: Coefficient[] };
    modelId = out.model.id;
    expect(modelId).toMatch(/^[0-9a-f]{10}$/);
    expect(out.model.name).toBe('cli_pd');
    for (const m of [out.metrics.train, out.metrics.test]) {
      for (const key of ['auc', 'ks', 'gini', 'brier', 'logLoss'] as const) expect(typeof m[key]).toBe('number');
    }
    expect(Math.abs(out.metrics.test.auc - ref.logit.test_auc)).toBeLessThan(1e-9);
    expect(out.coefficients.map((c) => c.name)).toEqual(ref.logit.names);
    expect(Object.keys(out.coefficients[0])).toEqual(expect.arrayContaining(['name', 'coef', 'stdErr', 'z', 'pValue', 'ciLow', 'ciHigh']));
    expect(maxRelativeError(out.coefficients.map((c) => c.stdErr), ref.logit.std_err).error).toBeLessThan(1e-6);
  });

  it('score writes the table and prints the grade counts', () => {
    const r = vigil('score', '--model', modelId, '--table', 'uci', '--output', 'october_scores');
    expect(r.code, r.stderr).toBe(0);
    const out = r.out as { output: string; rows: number; grades: { grade: string; rows: number }[]; psi: number };
    expect(out.output).toBe('october_scores');
    expect(out.rows).toBe(30000);
    expect(out.grades.reduce((s, g) => s + g.rows, 0)).toBe(30000);
    expect(out.psi).toBeLessThan(0.01);
  });
});
