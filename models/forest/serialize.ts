/**
 * Compact model JSON: node arrays as base64 of their little-endian bytes (a 100-tree forest is a few MB,
 * not tens), everything else as plain JSON. Float64 thresholds and Float32 leaf values are stored bit
 * for bit, so a loaded model predicts exactly what the fitted one did.
 */
import type { FeatureSpec } from '../dataset';
import { modelInputError } from '../encoding/errors';
import type { FlatForest } from './flat-forest';
import { CAT_SET_WORDS, CATEGORICAL_SPLIT } from './grown-tree';
import type { ForestSettings } from './options';

export const FOREST_MODEL_NAME = 'vigil.forest';
export const FOREST_MODEL_VERSION = 1;

export interface ForestJSON {
  name: typeof FOREST_MODEL_NAME;
  version: number;
  features: FeatureSpec[];
  settings: ForestSettings;
  /** Rows the forest was trained on (bootstrap samples are reproduced from it and the seed). */
  trainingRows: number;
  /** Normalised mean decrease in Gini impurity, one per feature. */
  impurityImportance: number[];
  /** Out-of-bag AUC (null without bootstrap, or when no row was ever out of bag) and how many rows it covers. */
  oob: { auc: number | null; rows: number } | null;
  nodes: { roots: string; feature: string; threshold: string; left: string; value: string; flags: string; catSets: string };
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function requireLittleEndian(): void {
  if (!LITTLE_ENDIAN) throw new Error('vigil.forest models are stored little-endian; this platform is big-endian.');
}

type Typed = Int32Array | Float64Array | Float32Array | Uint8Array | Uint32Array;

export function toBase64(a: Typed): string {
  requireLittleEndian();
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

/** Decode into a fresh, aligned buffer (Buffer.from may hand back a slice of a shared, unaligned pool). */
function bytes(s: string, width: number, field: string): ArrayBuffer {
  requireLittleEndian();
  const raw = Buffer.from(s, 'base64');
  if (raw.byteLength % width !== 0) {
    throw modelInputError(`The forest model is damaged: field "${field}" has ${raw.byteLength} bytes, not a multiple of ${width}.`, { field });
  }
  const out = new ArrayBuffer(raw.byteLength);
  new Uint8Array(out).set(raw);
  return out;
}

export function encodeNodes(f: FlatForest): ForestJSON['nodes'] {
  return {
    roots: toBase64(f.roots),
    feature: toBase64(f.feature),
    threshold: toBase64(f.threshold),
    left: toBase64(f.left),
    value: toBase64(f.value),
    flags: toBase64(f.flags),
    catSets: toBase64(f.catSets),
  };
}

/** Decode and check the node arrays: a damaged model must fail here, not with a wrong score later. */
export function decodeNodes(n: ForestJSON['nodes'], nFeatures: number): FlatForest {
  const forest: FlatForest = {
    roots: new Int32Array(bytes(n.roots, 4, 'roots')),
    feature: new Int32Array(bytes(n.feature, 4, 'feature')),
    threshold: new Float64Array(bytes(n.threshold, 8, 'threshold')),
    left: new Int32Array(bytes(n.left, 4, 'left')),
    value: new Float32Array(bytes(n.value, 4, 'value')),
    flags: new Uint8Array(bytes(n.flags, 1, 'flags')),
    catSets: new Uint32Array(bytes(n.catSets, 4, 'catSets')),
  };
  const m = forest.feature.length;
  const damaged = (why: string, node?: number): Error =>
    modelInputError(`The forest model is damaged: ${why}.`, node === undefined ? {} : { node });
  if ([forest.threshold, forest.left, forest.value, forest.flags].some((a) => a.length !== m)) throw damaged('its node arrays have different lengths');
  if (forest.roots.length === 0 || forest.roots.some((r) => r < 0 || r >= m)) throw damaged('a tree root is outside the node arrays');
  const sets = forest.catSets.length / CAT_SET_WORDS;
  for (let k = 0; k < m; k++) {
    const l = forest.left[k];
    if (l === -1) continue;
    if (l <= k || l + 1 >= m) throw damaged(`node ${k} points to child ${l}`, k);
    const f = forest.feature[k];
    if (f < 0 || f >= nFeatures) throw damaged(`node ${k} splits on feature ${f} of ${nFeatures}`, k);
    const t = forest.threshold[k];
    if ((forest.flags[k] & CATEGORICAL_SPLIT) !== 0 && !(Number.isInteger(t) && t >= 0 && t < sets)) {
      throw damaged(`node ${k} refers to level set ${t} of ${sets}`, k);
    }
  }
  return forest;
}

export function checkForestJSON(json: unknown): ForestJSON {
  const j = json as Partial<ForestJSON> | null;
  if (j === null || typeof j !== 'object' || j.name !== FOREST_MODEL_NAME) {
    throw modelInputError(`This is not a random-forest model (expected name "${FOREST_MODEL_NAME}").`, { name: j?.name });
  }
  if (j.version !== FOREST_MODEL_VERSION) {
    throw modelInputError(`Random-forest model version ${String(j.version)} is not supported (this Vigil reads version ${FOREST_MODEL_VERSION}).`, {
      version: j.version,
    });
  }
  if (!Array.isArray(j.features) || !j.settings || !j.nodes || !Array.isArray(j.impurityImportance)) {
    throw modelInputError('The forest model is incomplete: features, settings, importances or nodes are missing.');
  }
  return j as ForestJSON;
}
