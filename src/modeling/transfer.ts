/**
 * A model as one JSON file: everything the registry row holds (data fingerprint, target mapping,
 * features, parameters, seed, validation, metrics, training PDs) plus the model itself and its
 * SHA-256, so a validator can re-import it elsewhere and an edited or truncated file is refused.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ModelFeature, ModelSummary, TrainResult } from '../api/models';
import { badInput, notFound } from '../api/errors';
import type { Workspace } from '../workspace/workspace';
import { loadPdModel } from './pd-model';
import { insertModel, readModel, sha256 } from './registry';

export const MODEL_FILE_FORMAT = 'vigil.model';
export const MODEL_FILE_VERSION = 1;

export interface ModelFile {
  format: typeof MODEL_FILE_FORMAT;
  formatVersion: number;
  exportedAt: string;
  summary: ModelSummary;
  featureSpecs: ModelFeature[];
  result: Omit<TrainResult, 'model'>;
  /** Training PDs, little-endian Float64, base64. */
  developmentPd: string;
  modelSha256: string;
  model: unknown;
}

export async function exportModel(ws: Workspace, id: string, path: string): Promise<{ path: string; bytes: number }> {
  if (typeof path !== 'string' || path.trim() === '') throw badInput('Choose a file to export to.', { field: 'path' });
  const stored = await ws.withConnection((c) => readModel(c, id));
  const { model: _summary, featureSpecs, ...result } = stored.detail;
  const pd = stored.developmentPd;
  const file: ModelFile = {
    format: MODEL_FILE_FORMAT,
    formatVersion: MODEL_FILE_VERSION,
    exportedAt: new Date().toISOString(),
    summary: stored.summary,
    featureSpecs,
    result,
    developmentPd: Buffer.from(pd.buffer, pd.byteOffset, pd.byteLength).toString('base64'),
    modelSha256: stored.modelSha256,
    // Parsed so the file is readable JSON; re-stringifying gives back the exact stored text (checked on import).
    model: JSON.parse(stored.modelJson),
  };
  const target = resolve(path);
  const text = JSON.stringify(file);
  // Write beside the target and rename: a crash mid-write never leaves a half file under the real name.
  const partial = `${target}.${randomBytes(4).toString('hex')}.partial`;
  try {
    await writeFile(partial, text, 'utf8');
    await rename(partial, target);
  } catch (e) {
    await rm(partial, { force: true });
    throw badInput(`Cannot write ${target}: ${(e as Error).message}`, { path: target });
  }
  return { path: target, bytes: Buffer.byteLength(text) };
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The shape checks that matter for using the file; the model's own loader checks the model part. */
function checkModelFile(x: unknown, path: string): ModelFile {
  const fail = (why: string) => badInput(`${path} is not a usable Vigil model file: ${why}`, { path });
  if (!isObject(x) || x.format !== MODEL_FILE_FORMAT) throw fail(`it has no "format": "${MODEL_FILE_FORMAT}" tag.`);
  if (x.formatVersion !== MODEL_FILE_VERSION) throw fail(`format version ${String(x.formatVersion)} is not supported (this Vigil reads ${MODEL_FILE_VERSION}).`);
  const s = x.summary;
  if (!isObject(s) || typeof s.name !== 'string' || typeof s.id !== 'string' || (s.kind !== 'logistic' && s.kind !== 'forest')) {
    throw fail('its summary (id, name, kind) is missing or damaged.');
  }
  if (typeof s.table !== 'string' || typeof s.target !== 'string' || !Array.isArray(s.bad) || !isObject(s.validation)) {
    throw fail('its training table, target or validation is missing.');
  }
  if (typeof s.createdAt !== 'string' || Number.isNaN(Date.parse(s.createdAt))) throw fail('its training time is missing or unreadable.');
  if (!Array.isArray(x.featureSpecs) || !x.featureSpecs.every((f) => isObject(f) && typeof f.name === 'string')) throw fail('its feature list is damaged.');
  if (!isObject(x.result) || !isObject(x.result.metrics) || !isObject(x.result.metrics.train)) throw fail('its metrics are missing.');
  if (typeof x.developmentPd !== 'string' || typeof x.modelSha256 !== 'string' || !isObject(x.model)) throw fail('the model or its checksum is missing.');
  if (sha256(JSON.stringify(x.model)) !== x.modelSha256) throw fail('the model does not match its checksum (the file was edited or is damaged).');
  return x as unknown as ModelFile;
}

function decodePd(text: string, path: string): Float64Array {
  const raw = Buffer.from(text, 'base64');
  if (raw.byteLength === 0 || raw.byteLength % 8 !== 0) throw badInput(`${path} is damaged: its training PDs are unreadable.`, { path });
  const out = new Float64Array(raw.byteLength / 8);
  new Uint8Array(out.buffer).set(raw);
  return out;
}

export async function importModel(ws: Workspace, path: string): Promise<ModelSummary> {
  if (typeof path !== 'string' || path.trim() === '') throw badInput('Choose a model file to import.', { field: 'path' });
  const source = resolve(path);
  let text: string;
  try {
    text = await readFile(source, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw notFound(`There is no file ${source}.`, { path: source });
    throw badInput(`Cannot read ${source}: ${(e as Error).message}`, { path: source });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw badInput(`${source} is not a Vigil model file (not valid JSON: ${(e as Error).message}).`, { path: source });
  }
  const file = checkModelFile(parsed, source);
  const model = loadPdModel(file.summary.kind, file.model);
  const names = file.featureSpecs.map((f) => f.name);
  if (names.join('\u0000') !== model.reasonNames.join('\u0000')) {
    throw badInput(`${source} is damaged: its feature list does not match the model inside it.`, { path: source });
  }
  const s = file.summary;
  return ws.transaction((c) =>
    insertModel(c, {
      name: s.name,
      kind: s.kind,
      table: s.table,
      target: s.target,
      bad: s.bad,
      featureSpecs: file.featureSpecs,
      dataRows: s.dataRows,
      dataHash: s.dataHash,
      seed: s.seed,
      validation: s.validation,
      params: s.params,
      result: file.result,
      developmentPd: decodePd(file.developmentPd, source),
      modelJson: JSON.stringify(file.model),
      preferredId: s.id,
      preferredVersion: s.version,
      createdAt: s.createdAt,
    }),
  );
}
