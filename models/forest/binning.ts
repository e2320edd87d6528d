/**
 * Pre-binning: every feature becomes one byte per row, computed once on the training data, so the
 * trees find splits by scanning small histograms instead of sorting rows at every node.
 *
 * Numeric: at most `maxBins` bins (0..254) with quantile edges; bin b holds edges[b-1] < x <= edges[b].
 * A split "bins <= b" is therefore exactly "x <= edges[b]" on raw values, so prediction needs no bins.
 * Categorical: the level index is the bin. Missing (NaN) always goes to the reserved bin 255.
 */
import type { Dataset } from '../dataset';
import { modelInputError } from '../encoding/errors';

export const MISSING_BIN = 255;
export const MAX_LEVELS = 255;

export interface BinnedTraining {
  rows: number;
  nFeatures: number;
  /** Column-major: feature f's bins are bins[f*rows .. (f+1)*rows). */
  bins: Uint8Array;
  /** 1 for categorical features. */
  categorical: Uint8Array;
  /** Per numeric feature, the upper bin edges (length = bins - 1); empty for categorical features. */
  edges: Float64Array[];
}

/** Upper bin edges of one numeric column: midpoints between distinct values, or between quantiles when there are too many. */
export function binEdges(column: Float64Array, maxBins: number): Float64Array {
  let present = 0;
  for (let i = 0; i < column.length; i++) if (!Number.isNaN(column[i])) present++;
  const sorted = new Float64Array(present);
  let k = 0;
  for (let i = 0; i < column.length; i++) if (!Number.isNaN(column[i])) sorted[k++] = column[i];
  sorted.sort();

  const distinct: number[] = [];
  for (let i = 0; i < sorted.length && distinct.length <= maxBins; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
  }
  const edges: number[] = [];
  if (distinct.length <= maxBins) {
    for (let i = 1; i < distinct.length; i++) edges.push(midpoint(distinct[i - 1], distinct[i]));
  } else {
    // Quantile edges as in sklearn's HistGradientBoosting: midpoints of the order statistics around
    // each of the maxBins-1 inner percentiles; duplicate edges (heavy ties) collapse into one bin.
    for (let b = 1; b < maxBins; b++) {
      const pos = ((sorted.length - 1) * b) / maxBins;
      const e = midpoint(sorted[Math.floor(pos)], sorted[Math.ceil(pos)]);
      if (edges.length === 0 || e > edges[edges.length - 1]) edges.push(e);
    }
    // The top edge must leave the maximum in a bin of its own side; drop edges at or above it.
    while (edges.length > 0 && edges[edges.length - 1] >= sorted[sorted.length - 1]) edges.pop();
  }
  return Float64Array.from(edges);
}

function midpoint(a: number, b: number): number {
  const m = a + (b - a) / 2;
  return Number.isFinite(m) ? m : a;
}

/** Bin of a value: the first b with x <= edges[b], else the last bin. */
export function binOf(edges: Float64Array, x: number): number {
  if (Number.isNaN(x)) return MISSING_BIN;
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x <= edges[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Number of levels of a categorical feature: from its spec, else from the largest index seen. */
export function levelCount(data: Dataset, f: number): number {
  const spec = data.features[f];
  if (spec.levels) return spec.levels.length;
  const col = data.columns[f];
  let max = -1;
  for (let i = 0; i < col.length; i++) if (col[i] > max) max = col[i];
  return max + 1;
}

export function binTraining(data: Dataset, maxBins: number, shared: boolean): BinnedTraining {
  const n = data.rows;
  const p = data.features.length;
  const buffer = shared ? new SharedArrayBuffer(n * p) : new ArrayBuffer(n * p);
  const bins = new Uint8Array(buffer);
  const categorical = new Uint8Array(p);
  const edges: Float64Array[] = [];
  for (let f = 0; f < p; f++) {
    const col = data.columns[f];
    const out = bins.subarray(f * n, (f + 1) * n);
    if (data.features[f].kind === 'categorical') {
      categorical[f] = 1;
      edges.push(new Float64Array(0));
      binCategorical(data, f, col, out);
    } else {
      const e = binEdges(col, maxBins);
      edges.push(e);
      for (let i = 0; i < n; i++) out[i] = binOf(e, col[i]);
    }
  }
  return { rows: n, nFeatures: p, bins, categorical, edges };
}

function binCategorical(data: Dataset, f: number, col: Float64Array, out: Uint8Array): void {
  const name = data.features[f].name;
  const levels = levelCount(data, f);
  if (levels > MAX_LEVELS) {
    throw modelInputError(`Categorical feature "${name}" has ${levels} levels; the forest supports at most ${MAX_LEVELS}. Group rare levels first.`, {
      feature: name,
      levels,
    });
  }
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    if (Number.isNaN(v)) out[i] = MISSING_BIN;
    else if (Number.isInteger(v) && v >= 0 && v < levels) out[i] = v;
    else {
      throw modelInputError(`Categorical feature "${name}" has value ${v} at row ${i + 1}; expected a level index 0..${levels - 1} or missing.`, {
        feature: name,
        row: i + 1,
        value: v,
      });
    }
  }
}
