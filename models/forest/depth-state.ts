/**
 * Histogram slots of one depth of a tree, reused by every node grown at that depth.
 *
 * A slot is one feature's histogram at one node: 256 bins x [weight of goods, weight of bads, rows].
 * Nodes are grown depth-first, smaller child first, so when the larger child is grown the parent's
 * histograms (one depth up) and the smaller sibling's (same depth) are still in place: the larger
 * child's histogram is parent − sibling, with no pass over its (many) rows. That is the subtract trick.
 *
 * Invariant: outside a slot's dirty range [lo, hi] and the missing bin, every entry is zero, so a slot
 * is cleared by zeroing just that range (small nodes touch few bins).
 */
import { MISSING_BIN } from './binning';

export const BIN_STRIDE = 3;
export const SLOT_SIZE = 256 * BIN_STRIDE;

export class DepthState {
  hist: Float64Array;
  /** Dirty range of non-missing bins per slot; lo > hi means no non-missing rows. */
  slotLo: Int32Array;
  slotHi: Int32Array;
  used = 0;
  /** featNode[f] = id of the node whose histogram of feature f is in slot featSlot[f]; -1 none. */
  readonly featNode: Int32Array;
  readonly featSlot: Int32Array;
  /** Feature order at this depth's current node, known-constant features first (as sklearn keeps it). */
  readonly order: Int32Array;
  nConstants = 0;

  constructor(nFeatures: number, initialSlots: number) {
    this.hist = new Float64Array(initialSlots * SLOT_SIZE);
    this.slotLo = new Int32Array(initialSlots).fill(256);
    this.slotHi = new Int32Array(initialSlots).fill(-1);
    this.featNode = new Int32Array(nFeatures).fill(-1);
    this.featSlot = new Int32Array(nFeatures);
    this.order = new Int32Array(nFeatures);
  }

  /** Forget every histogram (a new tree starts). Slot contents stay valid thanks to the dirty ranges. */
  resetOwners(): void {
    this.featNode.fill(-1);
    this.used = 0;
  }

  alloc(): number {
    const slot = this.used++;
    const capacity = this.slotLo.length;
    if (slot >= capacity) {
      const bigger = capacity * 2;
      const hist = new Float64Array(bigger * SLOT_SIZE);
      hist.set(this.hist);
      this.hist = hist;
      const lo = new Int32Array(bigger).fill(256);
      lo.set(this.slotLo);
      this.slotLo = lo;
      const hi = new Int32Array(bigger).fill(-1);
      hi.set(this.slotHi);
      this.slotHi = hi;
    }
    return slot;
  }

  assign(feature: number, slot: number, node: number): void {
    this.featNode[feature] = node;
    this.featSlot[feature] = slot;
  }

  /** Histogram of one feature over rows[start..end) into `slot`, from scratch. */
  build(slot: number, bins: Uint8Array, colBase: number, rowIdx: Int32Array, rowY: Uint8Array, rowW: Float64Array, start: number, end: number): void {
    const h = this.hist;
    const base = slot * SLOT_SIZE;
    const oldLo = this.slotLo[slot];
    const oldHi = this.slotHi[slot];
    if (oldLo <= oldHi) h.fill(0, base + oldLo * BIN_STRIDE, base + (oldHi + 1) * BIN_STRIDE);
    const m = base + MISSING_BIN * BIN_STRIDE;
    h[m] = 0;
    h[m + 1] = 0;
    h[m + 2] = 0;
    let lo = MISSING_BIN;
    let hi = -1;
    for (let k = start; k < end; k++) {
      const b = bins[colBase + rowIdx[k]];
      const o = base + b * BIN_STRIDE;
      h[o + rowY[k]] += rowW[k];
      h[o + 2] += 1;
      if (b < lo) lo = b;
      if (b > hi && b !== MISSING_BIN) hi = b;
    }
    this.slotLo[slot] = lo;
    this.slotHi[slot] = hi;
  }

  /** slot := parent − slot, where `slot` holds the sibling's histogram and `parent` the parent's (one depth up). */
  subtractFrom(slot: number, parent: DepthState, parentSlot: number): void {
    const h = this.hist;
    const ph = parent.hist;
    const base = slot * SLOT_SIZE;
    const pbase = parentSlot * SLOT_SIZE;
    const lo = parent.slotLo[parentSlot];
    const hi = parent.slotHi[parentSlot];
    // The sibling's rows are a subset of the parent's, so its dirty range lies inside the parent's.
    for (let o = lo * BIN_STRIDE, e = (hi + 1) * BIN_STRIDE; o < e; o++) h[base + o] = ph[pbase + o] - h[base + o];
    const m = MISSING_BIN * BIN_STRIDE;
    for (let o = m; o < m + BIN_STRIDE; o++) h[base + o] = ph[pbase + o] - h[base + o];
    this.slotLo[slot] = lo;
    this.slotHi[slot] = hi;
  }
}
