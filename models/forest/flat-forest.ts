/**
 * All trees of a forest in one set of flat typed arrays (node indexes global, tree t starting at roots[t]),
 * and the iterative traversal every prediction and explanation uses.
 */
import { CAT_SET_WORDS, CATEGORICAL_SPLIT, MISSING_LEFT, type TreeNodes } from './grown-tree';

export interface FlatForest extends TreeNodes {
  /** Index of each tree's root node. */
  roots: Int32Array;
}

export function flatten(trees: TreeNodes[]): FlatForest {
  let nodes = 0;
  let words = 0;
  for (const t of trees) {
    nodes += t.feature.length;
    words += t.catSets.length;
  }
  const out: FlatForest = {
    roots: new Int32Array(trees.length),
    feature: new Int32Array(nodes),
    threshold: new Float64Array(nodes),
    left: new Int32Array(nodes),
    value: new Float32Array(nodes),
    flags: new Uint8Array(nodes),
    catSets: new Uint32Array(words),
  };
  let nodeBase = 0;
  let setBase = 0;
  trees.forEach((t, k) => {
    const m = t.feature.length;
    out.roots[k] = nodeBase;
    out.feature.set(t.feature, nodeBase);
    out.value.set(t.value, nodeBase);
    out.flags.set(t.flags, nodeBase);
    out.catSets.set(t.catSets, setBase);
    for (let i = 0; i < m; i++) {
      const l = t.left[i];
      out.left[nodeBase + i] = l < 0 ? -1 : l + nodeBase;
      const categorical = (t.flags[i] & CATEGORICAL_SPLIT) !== 0;
      out.threshold[nodeBase + i] = categorical ? t.threshold[i] + setBase / CAT_SET_WORDS : t.threshold[i];
    }
    nodeBase += m;
    setBase += t.catSets.length;
  });
  return out;
}

/**
 * Does row i go left at `node`? Numeric: x <= threshold; categorical: level in the node's set. Missing
 * values — and categorical values that are not a level index the set knows — follow the learned direction.
 */
export function goesLeft(forest: FlatForest, node: number, x: number): boolean {
  const flags = forest.flags[node];
  if ((flags & CATEGORICAL_SPLIT) !== 0) {
    if (x >= 0 && x < 255 && Number.isInteger(x)) {
      const word = forest.catSets[forest.threshold[node] * CAT_SET_WORDS + (x >>> 5)];
      return ((word >>> (x & 31)) & 1) === 1;
    }
    return (flags & MISSING_LEFT) !== 0;
  }
  if (x <= forest.threshold[node]) return true;
  if (x > forest.threshold[node]) return false;
  return (flags & MISSING_LEFT) !== 0; // NaN
}

/** The leaf row i of `columns` reaches from `node` (iterative: deep trees cannot overflow a stack). */
export function leafOf(forest: FlatForest, node: number, columns: Float64Array[], i: number): number {
  const { left, feature } = forest;
  let k = node;
  while (left[k] >= 0) k = goesLeft(forest, k, columns[feature[k]][i]) ? left[k] : left[k] + 1;
  return k;
}

/** Numeric thresholds with NaN at categorical splits, so the hot loop needs no flag test (O(nodes), ~1 ms). */
export function numericCuts(forest: FlatForest): Float64Array {
  const cut = forest.threshold.slice();
  for (let k = 0; k < cut.length; k++) if ((forest.flags[k] & CATEGORICAL_SPLIT) !== 0) cut[k] = NaN;
  return cut;
}

/** Rows scored per block: the block's row-major copy stays small (16384 × p doubles); each tree is walked once per block. */
const PREDICT_BLOCK = 16384;

/** Mean of the trees' leaf values for every row. */
export function predictForest(forest: FlatForest, columns: Float64Array[], rows: number): Float64Array {
  return predictRange(forest, numericCuts(forest), columns, 0, rows);
}

/**
 * Mean of the trees' leaf values for rows `from` ≤ i < `to` (out[i − from]). Block by block, tree by
 * tree (a tree's nodes stay in cache while the block walks it), on a row-major copy of the block (one
 * load per split test instead of two), with the split test inlined: this loop runs rows × trees × depth
 * times. Each row's sum runs over the trees in order whatever the range, so a page cut into ranges for
 * several workers gets bit for bit the PDs of one pass.
 */
export function predictRange(forest: FlatForest, cut: Float64Array, columns: Float64Array[], from: number, to: number): Float64Array {
  const out = new Float64Array(to - from);
  const { roots, value, left, feature } = forest;
  const trees = roots.length;
  const p = columns.length;
  const block = new Float64Array(Math.min(to - from, PREDICT_BLOCK) * p);
  for (let start = from; start < to; start += PREDICT_BLOCK) {
    const end = Math.min(to, start + PREDICT_BLOCK);
    for (let j = 0; j < p; j++) {
      const c = columns[j];
      for (let i = start; i < end; i++) block[(i - start) * p + j] = c[i];
    }
    for (let t = 0; t < trees; t++) {
      const root = roots[t];
      for (let i = start; i < end; i++) {
        const base = (i - start) * p;
        let k = root;
        let l = left[k];
        while (l >= 0) {
          const x = block[base + feature[k]];
          const c = cut[k];
          // Both tests fail only for a missing value or a categorical split (cut NaN): the slow path.
          k = x <= c ? l : x > c ? l + 1 : goesLeft(forest, k, x) ? l : l + 1;
          l = left[k];
        }
        out[i - from] += value[k];
      }
    }
  }
  for (let i = 0; i < out.length; i++) out[i] /= trees;
  return out;
}

/**
 * The same node arrays on SharedArrayBuffers: posted to any number of workers, every one reads this one
 * copy (structured clone shares the memory instead of copying it).
 */
export function shareForest(forest: FlatForest): FlatForest {
  const share = <T extends Int32Array | Float64Array | Float32Array | Uint8Array | Uint32Array>(a: T, make: (b: SharedArrayBuffer) => T): T => {
    const out = make(new SharedArrayBuffer(a.byteLength));
    out.set(a);
    return out;
  };
  return {
    roots: share(forest.roots, (b) => new Int32Array(b)),
    feature: share(forest.feature, (b) => new Int32Array(b)),
    threshold: share(forest.threshold, (b) => new Float64Array(b)),
    left: share(forest.left, (b) => new Int32Array(b)),
    value: share(forest.value, (b) => new Float32Array(b)),
    flags: share(forest.flags, (b) => new Uint8Array(b)),
    catSets: share(forest.catSets, (b) => new Uint32Array(b)),
  };
}

/** One tree's prediction for every row. */
export function predictTree(forest: FlatForest, t: number, columns: Float64Array[], rows: number): Float64Array {
  const out = new Float64Array(rows);
  const root = forest.roots[t];
  for (let i = 0; i < rows; i++) out[i] = forest.value[leafOf(forest, root, columns, i)];
  return out;
}
