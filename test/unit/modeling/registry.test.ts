/**
 * The registry: list / get / delete, and export -> import as one file that predicts exactly as the
 * original (in this workspace, where the id is taken, and in a fresh one, where it is kept); broken
 * files are refused with a message saying so.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/host/engine';
import type { TrainResult } from '../../../src/api/models';
import { rejection, UCI_HOLDOUT, UCI_TARGET, uciEngine } from './fixture';

let engine: Engine;
let dir: string;
let cleanup: () => Promise<void>;
let model: TrainResult;

beforeAll(async () => {
  ({ engine, dir, cleanup } = await uciEngine());
  model = await engine.call('models.train', {
    table: 'uci',
    target: UCI_TARGET,
    model: 'forest',
    name: 'pd_forest',
    validation: { kind: 'where', testWhere: UCI_HOLDOUT },
    forest: { trees: 8, maxDepth: 10, permutationRepeats: 0 },
  });
});
afterAll(() => cleanup());

async function pds(e: Engine, id: string, output: string): Promise<number[]> {
  await e.call('models.score', { id, table: 'uci', output, replace: true });
  return (await e.workspace.all<{ pd: number }>(`SELECT pd FROM "${output}" ORDER BY ID`)).map((r) => r.pd);
}

describe('model registry', () => {
  it('lists and opens a saved model with everything needed to audit it', async () => {
    const list = await engine.call('models.list', {});
    expect(list).toHaveLength(1);
    expect(list[0]).toEqual(model.model);
    const detail = await engine.call('models.get', { id: model.model.id });
    expect(detail.model).toEqual(model.model);
    expect(detail.metrics.test?.auc).toBe(model.metrics.test?.auc);
    expect(detail.featureSpecs.map((f) => f.name)).toEqual(model.model.features);
    expect(detail.model).toMatchObject({ name: 'pd_forest', version: 1, kind: 'forest', table: 'uci', target: UCI_TARGET, bad: ['1'], seed: 42 });
    expect(Date.parse(detail.model.createdAt)).toBeGreaterThan(Date.now() - 3_600_000);
  });

  it('exports one file and imports it back as a new version that predicts identically', async () => {
    const file = join(dir, 'pd_forest.vigil-model.json');
    const out = await engine.call('models.export', { id: model.model.id, path: file });
    expect(out.bytes).toBe(readFileSync(file).byteLength);
    const imported = await engine.call('models.import', { path: file });
    // The id is taken here: the import gets a fresh id and the next version of the name.
    expect(imported.id).not.toBe(model.model.id);
    expect(imported).toMatchObject({ name: 'pd_forest', version: 2, dataHash: model.model.dataHash, createdAt: model.model.createdAt });
    expect(await pds(engine, imported.id, 'scores_imported')).toEqual(await pds(engine, model.model.id, 'scores_original'));
  });

  it('keeps id and version when imported into another workspace', async () => {
    const file = join(dir, 'pd_forest.vigil-model.json');
    const other = await uciEngine('vigil-modeling-other-');
    try {
      const imported = await other.engine.call('models.import', { path: file });
      expect(imported).toEqual(model.model);
      expect(await pds(other.engine, imported.id, 's')).toEqual(await pds(engine, model.model.id, 's'));
    } finally {
      await other.cleanup();
    }
  });

  it('refuses files that are not Vigil models, or were edited, with bad_input', async () => {
    const file = join(dir, 'pd_forest.vigil-model.json');
    const text = readFileSync(file, 'utf8');
    const cases: [string, string, RegExp][] = [
      ['not-json.json', text.slice(0, 500), /not valid JSON/],
      ['foreign.json', JSON.stringify({ hello: 'world' }), /format/],
      ['edited.json', text.replace('"trainingRows":21000', '"trainingRows":21001'), /checksum/],
    ];
    for (const [name, content, message] of cases) {
      const path = join(dir, name);
      writeFileSync(path, content);
      const e = await rejection(engine.call('models.import', { path }));
      expect(e.kind, name).toBe('bad_input');
      expect(e.message, name).toMatch(message);
      expect(e.details?.path).toBe(path);
    }
    const missing = await rejection(engine.call('models.import', { path: join(dir, 'nowhere.json') }));
    expect(missing.kind).toBe('not_found');
    expect((await engine.call('models.list', {})).length).toBe(2);
  });

  it('deletes a model; it is then gone', async () => {
    const [, second] = await engine.call('models.list', {});
    expect(await engine.call('models.delete', { id: second.id })).toEqual({ deleted: second.id });
    expect((await rejection(engine.call('models.get', { id: second.id }))).kind).toBe('not_found');
    expect((await rejection(engine.call('models.delete', { id: second.id }))).kind).toBe('not_found');
    expect((await engine.call('models.list', {})).map((m) => m.id)).toEqual([model.model.id]);
  });
});
