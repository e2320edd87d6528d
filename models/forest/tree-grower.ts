/**
 * Grows one classification tree on pre-binned data: bootstrap sample as row weights, depth-first growth
 * (smaller child first, so the larger one can use the subtract trick), Gini splits from histograms,
 * sklearn's per-node feature sampling, rows partitioned in place. One grower is reused for many trees,
 * so its buffers are allocated once per worker.
 */
import { rng } from '../dataset';
import { MISSING_BIN, type BinnedTraining } from './binning';
import { DepthState, SLOT_SIZE } from './depth-state';
import { CATEGORICAL_SPLIT, MISSING_LEFT, type GrownTree } from './grown-tree';
import { NodeStore } from './node-store';
import type { GrowParams } from './options';
import { drawBootstrap, treeSeed } from './seeding';
import { SplitSearch } from './split-search';

/** Building the sibling's histogram and subtracting pays when the sibling is this many rows smaller. */
const SUBTRACT_MARGIN = 128;

export class TreeGrower {
  private readonly n: number;
  private readonly p: number;
  private readonly bins: Uint8Array;
  private readonly categorical: Uint8Array;
  private readonly edges: Float64Array[];
  private readonly search: SplitSearch;
  private readonly subtract: boolean;
  private random: () => number = Math.random;

  // In-bag rows; partitioning permutes the three arrays together so node segments stay contiguous.
  private readonly counts: Int32Array;
  private readonly rowIdx: Int32Array;
  private readonly rowY: Uint8Array;
  private readonly rowW: Float64Array;

  private readonly nodes: NodeStore;
  /** Nodes waiting to be grown (depth-first). A tree has at most 2·rows − 1 nodes. */
  private readonly stack: Int32Array;
  private readonly depths: DepthState[] = [];
  private readonly lut = new Uint8Array(256);
  /** Class weights of the last partition's sides: left goods, left bads, right goods, right bads. */
  private readonly sums = new Float64Array(4);
  private readonly importance: Float64Array;
  /** Histograms built from rows vs derived by subtraction, over the grower's life (for tests and tuning). */
  readonly histogramStats = { built: 0, subtracted: 0 };

  constructor(
    data: BinnedTraining,
    private readonly y: Uint8Array,
    private readonly params: GrowParams,
  ) {
    this.n = data.rows;
    this.p = data.nFeatures;
    this.bins = data.bins;
    this.categorical = data.categorical;
    this.edges = data.edges;
    this.search = new SplitSearch(params.minSamplesLeaf);
    this.subtract = params.subtract ?? true;
    const n = this.n;
    this.counts = new Int32Array(n);
    this.rowIdx = new Int32Array(n);
    this.rowY = new Uint8Array(n);
    this.rowW = new Float64Array(n);
    // Grows by doubling as trees need it (and keeps its size for the next tree).
    this.nodes = new NodeStore(Math.min(2 * n + 1, 1024));
    this.stack = new Int32Array(2 * n + 1);
    this.importance = new Float64Array(this.p);
  }

  grow(treeIndex: number): GrownTree {
    this.random = rng(treeSeed(this.params.seed, treeIndex));
    const inBag = this.drawSample();
    for (const d of this.depths) d.resetOwners();
    this.importance.fill(0);
    const nodes = this.nodes;
    nodes.reset();
    let root0 = 0;
    let root1 = 0;
    for (let k = 0; k < inBag; k++) {
      if (this.rowY[k] === 1) root1 += this.rowW[k];
      else root0 += this.rowW[k];
    }
    nodes.add(0, inBag, 0, -1, root0, root1);
    let top = 0;
    this.stack[top++] = 0;
    while (top > 0) {
      const id = this.stack[--top];
      if (!this.growNode(id)) continue;
      // Children are left = L, right = L + 1; push the larger first so the smaller is grown first.
      const l = nodes.left[id];
      const larger = nodes.rows[l] > nodes.rows[l + 1] ? l : l + 1;
      const smaller = larger === l ? l + 1 : l;
      nodes.second[larger] = 1;
      this.stack[top++] = larger;
      this.stack[top++] = smaller;
    }
    return nodes.toTree(this.edges, this.importance, this.bins, this.counts);
  }

  /** Bootstrap counts become row weights (times the class weight); rows drawn 0 times are out of bag. */
  private drawSample(): number {
    const { n, counts, y } = this;
    if (this.params.bootstrap) drawBootstrap(counts, this.random);
    else counts.fill(1);
    const cw0 = this.params.classWeight0;
    const cw1 = this.params.classWeight1;
    let m = 0;
    for (let i = 0; i < n; i++) {
      const c = counts[i];
      if (c === 0) continue;
      this.rowIdx[m] = i;
      this.rowY[m] = y[i];
      this.rowW[m] = c * (y[i] === 1 ? cw1 : cw0);
      m++;
    }
    return m;
  }

  private depthState(d: number): DepthState {
    while (this.depths.length <= d) this.depths.push(new DepthState(this.p, 2 * this.params.maxFeatures + 2));
    return this.depths[d];
  }

  /** Find and apply the best split of node `id`; false if it stays a leaf. */
  private growNode(id: number): boolean {
    const nodes = this.nodes;
    const d = nodes.depth[id];
    const D = this.depthState(d);
    // The first-grown child (and the root) starts the depth's slots afresh; the second keeps its sibling's.
    if (nodes.second[id] === 0) D.used = 0;
    const n = nodes.rows[id];
    const a0 = nodes.w0[id];
    const a1 = nodes.w1[id];
    const { params } = this;
    if (d >= params.maxDepth || n < params.minSamplesSplit || n < 2 * params.minSamplesLeaf || a0 === 0 || a1 === 0) return false;

    const order = D.order;
    let nKnown = 0;
    if (d === 0) {
      for (let f = 0; f < this.p; f++) order[f] = f;
    } else {
      const P = this.depths[d - 1];
      order.set(P.order);
      nKnown = P.nConstants;
    }
    // sklearn's sampling: draw features without replacement until maxFeatures have been drawn and at
    // least one of them is not constant at this node; features constant at an ancestor are skipped for free.
    const search = this.search;
    search.reset();
    let nFound = 0;
    let nDrawnConst = 0;
    let nTotalConst = nKnown;
    let fi = this.p;
    let visited = 0;
    while (fi > nTotalConst && (visited < params.maxFeatures || visited <= nFound + nDrawnConst)) {
      visited++;
      let fj = nDrawnConst + Math.floor(this.random() * (fi - nFound - nDrawnConst));
      if (fj < nKnown) {
        swap(order, nDrawnConst, fj);
        nDrawnConst++;
        continue;
      }
      fj += nFound;
      if (!this.examine(id, D, order[fj])) {
        swap(order, fj, nTotalConst);
        nFound++;
        nTotalConst++;
        continue;
      }
      fi--;
      swap(order, fi, fj);
    }
    D.nConstants = nTotalConst;
    if (search.feature < 0) return false;
    search.settleMissing(n);
    this.split(id);
    return true;
  }

  /** Scan feature f at node id; false if f is constant there. */
  private examine(id: number, D: DepthState, f: number): boolean {
    const slot = this.histogram(id, D, f);
    const base = slot * SLOT_SIZE;
    const lo = D.slotLo[slot];
    const hi = D.slotHi[slot];
    const { w0, w1, rows } = this.nodes;
    const a0 = w0[id];
    const a1 = w1[id];
    const n = rows[id];
    return this.categorical[f] === 1
      ? this.search.categoricalLevels(f, D.hist, base, lo, hi, a0, a1, n)
      : this.search.numeric(f, D.hist, base, lo, hi, a0, a1, n);
  }

  /** The slot holding feature f's histogram at node id, by subtraction when that is cheaper than a row pass. */
  private histogram(id: number, D: DepthState, f: number): number {
    const colBase = f * this.n;
    const nodes = this.nodes;
    if (nodes.second[id] === 1) {
      // Children are added in pairs after the root (0): left children are odd, right ones even.
      const sibling = (id & 1) === 1 ? id + 1 : id - 1;
      const siblingHere = D.featNode[f] === sibling;
      const P = this.depths[nodes.depth[id] - 1];
      const parentHas = this.subtract && P.featNode[f] === nodes.parent[id];
      if (parentHas && (siblingHere || nodes.rows[sibling] + SUBTRACT_MARGIN < nodes.rows[id])) {
        const slot = siblingHere ? D.featSlot[f] : D.alloc();
        if (!siblingHere) this.buildRows(D, slot, colBase, sibling);
        D.subtractFrom(slot, P, P.featSlot[f]);
        this.histogramStats.subtracted++;
        D.assign(f, slot, id);
        return slot;
      }
      if (siblingHere) {
        // The sibling's histogram of f is of no further use: overwrite its slot.
        const slot = D.featSlot[f];
        this.buildRows(D, slot, colBase, id);
        D.assign(f, slot, id);
        return slot;
      }
    }
    const slot = D.alloc();
    this.buildRows(D, slot, colBase, id);
    D.assign(f, slot, id);
    return slot;
  }

  private buildRows(D: DepthState, slot: number, colBase: number, node: number): void {
    D.build(slot, this.bins, colBase, this.rowIdx, this.rowY, this.rowW, this.nodes.start[node], this.nodes.end[node]);
    this.histogramStats.built++;
  }

  /** Apply the search's best split to node id: partition its rows in place and create both children (left, right = left + 1). */
  private split(id: number): void {
    const s = this.search;
    const f = s.feature;
    const lut = this.lut;
    let flags = s.missingLeft ? MISSING_LEFT : 0;
    let threshold: number;
    if (s.categorical) {
      flags |= CATEGORICAL_SPLIT;
      threshold = this.nodes.addLevelSet(s.levelSet);
    } else {
      threshold = s.thresholdBin;
    }
    // Bins going left: a level set, or bins <= threshold plus the missing bin if missing goes left.
    if (s.categorical) {
      for (let b = 0; b < 256; b++) lut[b] = (s.levelSet[b >>> 5] >>> (b & 31)) & 1;
    } else {
      lut.fill(1, 0, threshold + 1);
      lut.fill(0, threshold + 1, 256);
      lut[MISSING_BIN] = s.missingLeft ? 1 : 0;
    }
    const nodes = this.nodes;
    const start = nodes.start[id];
    const end = nodes.end[id];
    const mid = this.partition(f * this.n, start, end);
    const d = nodes.depth[id] + 1;
    const sums = this.sums;
    const l = nodes.add(start, mid, d, id, sums[0], sums[1]);
    nodes.add(mid, end, d, id, sums[2], sums[3]);
    nodes.feature[id] = f;
    nodes.thresholdBin[id] = threshold;
    nodes.flags[id] = flags;
    nodes.left[id] = l;
    this.importance[f] += weightedGini(nodes.w0[id], nodes.w1[id]) - weightedGini(sums[0], sums[1]) - weightedGini(sums[2], sums[3]);
  }

  /**
   * Two-pointer in-place partition of rows[start..end) by the split's lookup table; returns the first
   * right row. Each row is classified once, which is also when its weight is added to its side's sums.
   */
  private partition(colBase: number, start: number, end: number): number {
    const { bins, lut, rowIdx, rowY, rowW } = this;
    let l0 = 0;
    let l1 = 0;
    let r0 = 0;
    let r1 = 0;
    let i = start;
    let j = end - 1;
    while (i <= j) {
      const yi = rowY[i];
      const wi = rowW[i];
      if (lut[bins[colBase + rowIdx[i]]] === 1) {
        if (yi === 1) l1 += wi;
        else l0 += wi;
        i++;
        continue;
      }
      if (yi === 1) r1 += wi;
      else r0 += wi;
      const ti = rowIdx[i];
      rowIdx[i] = rowIdx[j];
      rowIdx[j] = ti;
      rowY[i] = rowY[j];
      rowY[j] = yi;
      rowW[i] = rowW[j];
      rowW[j] = wi;
      j--;
    }
    const sums = this.sums;
    sums[0] = l0;
    sums[1] = l1;
    sums[2] = r0;
    sums[3] = r1;
    return i;
  }
}

/** Weight × Gini impurity of a node: W − (w0² + w1²) / W. */
function weightedGini(a0: number, a1: number): number {
  const w = a0 + a1;
  return w > 0 ? w - (a0 * a0 + a1 * a1) / w : 0;
}

function swap(a: Int32Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}
