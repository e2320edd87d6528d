/**
 * The shape every model in models/ consumes: column-major typed arrays.
 * Pure numeric code: nothing here knows about DuckDB, Electron or React.
 */
export type FeatureKind = 'numeric' | 'categorical';

export interface FeatureSpec {
  name: string;
  kind: FeatureKind;
  /** For categorical features: the level names; column values are level indexes 0..levels.length-1. */
  levels?: string[];
}

export interface Dataset {
  features: FeatureSpec[];
  /** One Float64Array per feature, all of length `rows`. NaN means missing. Categorical values are level indexes. */
  columns: Float64Array[];
  rows: number;
}

/** Binary outcome: 1 = bad (default/overdue), 0 = good. */
export type Labels = Uint8Array;

/** Deterministic 32-bit PRNG (mulberry32): same seed, same stream, on every platform. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function checkDataset(d: Dataset, y?: Labels): void {
  if (d.columns.length !== d.features.length) {
    throw new Error(`Dataset has ${d.features.length} features but ${d.columns.length} columns.`);
  }
  for (let j = 0; j < d.columns.length; j++) {
    if (d.columns[j].length !== d.rows) {
      throw new Error(`Feature "${d.features[j].name}" has ${d.columns[j].length} values, expected ${d.rows}.`);
    }
  }
  if (y && y.length !== d.rows) throw new Error(`Labels have ${y.length} values, expected ${d.rows}.`);
  if (y) {
    for (let i = 0; i < y.length; i++) {
      if (y[i] !== 0 && y[i] !== 1) throw new Error(`Label at row ${i} is ${y[i]}; labels must be 0 or 1.`);
    }
  }
}
