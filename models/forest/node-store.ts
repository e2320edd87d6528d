/**
 * The tree under construction: one growable typed array per node attribute (no per-node objects),
 * and its conversion into the compact GrownTree a worker hands back (thresholds in raw units,
 * out-of-bag rows scored).
 */
import { MISSING_BIN } from './binning';
import { CAT_SET_WORDS, CATEGORICAL_SPLIT, MISSING_LEFT, type GrownTree } from './grown-tree';

export class NodeStore {
  size = 0;
  // What the finished tree keeps.
  feature = new Int32Array(0);
  /** Numeric split: last bin going left. Categorical split: index of its level set. */
  thresholdBin = new Int32Array(0);
  left = new Int32Array(0);
  flags = new Uint8Array(0);
  value = new Float32Array(0);
  // Growth bookkeeping: class weights, rows, segment of the row arrays, place in the tree.
  w0 = new Float64Array(0);
  w1 = new Float64Array(0);
  rows = new Int32Array(0);
  start = new Int32Array(0);
  end = new Int32Array(0);
  depth = new Int32Array(0);
  parent = new Int32Array(0);
  /** 1 for the child grown second (the larger one), which may subtract its sibling from its parent. */
  second = new Uint8Array(0);
  catSets = new Uint32Array(0);
  catSetCount = 0;

  constructor(initialCapacity: number) {
    this.grow(Math.max(16, initialCapacity));
  }

  reset(): void {
    this.size = 0;
    this.catSetCount = 0;
  }

  /** A new leaf for rows[start..end) with class weights (a0, a1); children are always added in pairs. */
  add(start: number, end: number, depth: number, parent: number, a0: number, a1: number): number {
    const id = this.size++;
    if (id >= this.feature.length) this.grow(this.feature.length * 2);
    this.start[id] = start;
    this.end[id] = end;
    this.rows[id] = end - start;
    this.depth[id] = depth;
    this.parent[id] = parent;
    this.second[id] = 0;
    this.w0[id] = a0;
    this.w1[id] = a1;
    this.value[id] = a1 / (a0 + a1);
    this.feature[id] = -1;
    this.left[id] = -1;
    this.flags[id] = 0;
    this.thresholdBin[id] = 0;
    return id;
  }

  addLevelSet(set: Uint32Array): number {
    const index = this.catSetCount++;
    if ((index + 1) * CAT_SET_WORDS > this.catSets.length) this.catSets = resized(this.catSets, Math.max(64, 2 * index) * CAT_SET_WORDS);
    this.catSets.set(set, index * CAT_SET_WORDS);
    return index;
  }

  private grow(capacity: number): void {
    this.feature = resized(this.feature, capacity);
    this.thresholdBin = resized(this.thresholdBin, capacity);
    this.left = resized(this.left, capacity);
    this.flags = resized(this.flags, capacity);
    this.value = resized(this.value, capacity);
    this.w0 = resized(this.w0, capacity);
    this.w1 = resized(this.w1, capacity);
    this.rows = resized(this.rows, capacity);
    this.start = resized(this.start, capacity);
    this.end = resized(this.end, capacity);
    this.depth = resized(this.depth, capacity);
    this.parent = resized(this.parent, capacity);
    this.second = resized(this.second, capacity);
  }

  /**
   * The finished tree: thresholds back in raw units ("bins <= b" is "x <= edges[b]"; the last bin has no
   * upper edge, so a present-vs-missing split keeps every present value left), and the out-of-bag rows
   * (counts[i] === 0) scored with this tree.
   */
  toTree(edges: Float64Array[], importance: Float64Array, bins: Uint8Array, counts: Int32Array): GrownTree {
    const m = this.size;
    const threshold = new Float64Array(m);
    for (let k = 0; k < m; k++) {
      const f = this.feature[k];
      if (f < 0) continue;
      const b = this.thresholdBin[k];
      threshold[k] = (this.flags[k] & CATEGORICAL_SPLIT) !== 0 ? b : b < edges[f].length ? edges[f][b] : Infinity;
    }
    const [oobRows, oobProba] = this.scoreOutOfBag(bins, counts);
    return {
      feature: this.feature.slice(0, m),
      threshold,
      left: this.left.slice(0, m),
      value: this.value.slice(0, m),
      flags: this.flags.slice(0, m),
      catSets: this.catSets.slice(0, this.catSetCount * CAT_SET_WORDS),
      impurityDecrease: importance.slice(),
      oobRows,
      oobProba,
    };
  }

  /** Binned traversal for the rows the tree did not see: the same answers as raw thresholds give. */
  private scoreOutOfBag(bins: Uint8Array, counts: Int32Array): [Int32Array, Float32Array] {
    const n = counts.length;
    const { feature, left, flags, thresholdBin, value, catSets } = this;
    let out = 0;
    for (let i = 0; i < n; i++) if (counts[i] === 0) out++;
    const rows = new Int32Array(out);
    const proba = new Float32Array(out);
    let k = 0;
    for (let i = 0; i < n; i++) {
      if (counts[i] !== 0) continue;
      let node = 0;
      while (left[node] >= 0) {
        const b = bins[feature[node] * n + i];
        const fl = flags[node];
        const t = thresholdBin[node];
        const goLeft = (fl & CATEGORICAL_SPLIT) !== 0
          ? ((catSets[t * CAT_SET_WORDS + (b >>> 5)] >>> (b & 31)) & 1) === 1
          : b <= t || (b === MISSING_BIN && (fl & MISSING_LEFT) !== 0);
        node = goLeft ? left[node] : left[node] + 1;
      }
      rows[k] = i;
      proba[k] = value[node];
      k++;
    }
    return [rows, proba];
  }
}

type Growable = Int32Array | Uint8Array | Uint32Array | Float32Array | Float64Array;

function resized<T extends Growable>(a: T, capacity: number): T {
  const b = new (a.constructor as new (n: number) => T)(capacity);
  b.set(a.subarray(0, Math.min(a.length, capacity)) as ArrayLike<number> & T);
  return b;
}
