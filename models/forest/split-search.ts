/**
 * Best Gini split of one node on one feature, by scanning that feature's histogram.
 *
 * Minimising the weighted Gini of the children is maximising Σ_child (w0² + w1²) / (w0 + w1), the
 * "proxy" scikit-learn also compares; ties keep the first candidate found, so the result is deterministic.
 * Numeric: every boundary between non-empty bins, with missing rows sent left and right (the better
 * wins), plus "present vs missing". Categorical: levels sorted by bad rate (Breiman's optimal order for a
 * binary target under Gini), so only the prefixes of that order need scanning; a split is a level set.
 */
import { MISSING_BIN } from './binning';
import { BIN_STRIDE } from './depth-state';
import { CAT_SET_WORDS } from './grown-tree';

export class SplitSearch {
  score = -Infinity;
  feature = -1;
  categorical = false;
  /** Numeric: last bin going left (MISSING_BIN excluded). */
  thresholdBin = 0;
  missingLeft = false;
  /** Whether the node had rows with this feature missing; if not, missing follows the larger child. */
  hadMissing = false;
  /** Rows the best split sends left. */
  leftRows = 0;
  /** Categorical: bins going left, bit 255 = missing. */
  readonly levelSet = new Uint32Array(CAT_SET_WORDS);
  /** Categorical: bins present at the node (levels absent from it follow the missing rows). */
  readonly presentSet = new Uint32Array(CAT_SET_WORDS);

  // Scratch for the categorical scan.
  private readonly catBin = new Int32Array(256);
  private readonly catRate = new Float64Array(256);

  constructor(private readonly minLeaf: number) {}

  reset(): void {
    this.score = -Infinity;
    this.feature = -1;
  }

  /**
   * Scan the histogram of feature `f` for a node with totals (w0, w1, n).
   * Returns false when the feature is constant at this node (one non-empty bin at most).
   */
  numeric(f: number, h: Float64Array, base: number, lo: number, hi: number, w0: number, w1: number, n: number): boolean {
    const m = base + MISSING_BIN * BIN_STRIDE;
    const m0 = h[m];
    const m1 = h[m + 1];
    const mn = h[m + 2];
    const minLeaf = this.minLeaf;
    let l0 = 0;
    let l1 = 0;
    let ln = 0;
    let prev = -1;
    let nonEmpty = mn > 0 ? 1 : 0;
    for (let b = lo; b <= hi; b++) {
      const o = base + b * BIN_STRIDE;
      const nb = h[o + 2];
      if (nb === 0) continue;
      nonEmpty++;
      if (prev >= 0) this.numericCandidate(f, prev, l0, l1, ln, w0, w1, n, m0, m1, mn, minLeaf);
      l0 += h[o];
      l1 += h[o + 1];
      ln += nb;
      prev = b;
    }
    if (nonEmpty <= 1) return false;
    if (mn > 0 && prev >= 0 && ln >= minLeaf && mn >= minLeaf) {
      // Present vs missing: every present row left, missing right.
      const s = gini2(l0, l1) + gini2(w0 - l0, w1 - l1);
      if (s > this.score) this.setNumeric(f, prev, false, s, ln, true);
    }
    return true;
  }

  private numericCandidate(
    f: number, bin: number, l0: number, l1: number, ln: number,
    w0: number, w1: number, n: number, m0: number, m1: number, mn: number, minLeaf: number,
  ): void {
    // Missing right: left = present rows up to `bin`.
    const rn = n - ln;
    const hadMissing = mn > 0;
    if (ln >= minLeaf && rn >= minLeaf) {
      const s = gini2(l0, l1) + gini2(w0 - l0, w1 - l1);
      if (s > this.score) this.setNumeric(f, bin, false, s, ln, hadMissing);
    }
    if (hadMissing && ln + mn >= minLeaf && rn - mn >= minLeaf) {
      const a0 = l0 + m0;
      const a1 = l1 + m1;
      const s = gini2(a0, a1) + gini2(w0 - a0, w1 - a1);
      if (s > this.score) this.setNumeric(f, bin, true, s, ln + mn, true);
    }
  }

  private setNumeric(f: number, bin: number, missingLeft: boolean, s: number, leftRows: number, hadMissing: boolean): void {
    this.score = s;
    this.feature = f;
    this.categorical = false;
    this.thresholdBin = bin;
    this.missingLeft = missingLeft;
    this.leftRows = leftRows;
    this.hadMissing = hadMissing;
  }

  /** Scan a categorical feature whose present levels lie in bins lo..hi. Returns false when constant at this node. */
  categoricalLevels(f: number, h: Float64Array, base: number, lo: number, hi: number, w0: number, w1: number, n: number): boolean {
    const catBin = this.catBin;
    const catRate = this.catRate;
    let k = 0;
    for (let b = lo; b <= hi; b++) {
      const o = base + b * BIN_STRIDE;
      if (h[o + 2] > 0) {
        catBin[k] = b;
        catRate[k] = h[o + 1] / (h[o] + h[o + 1]);
        k++;
      }
    }
    const m = base + MISSING_BIN * BIN_STRIDE;
    const hasMissing = h[m + 2] > 0;
    if (hasMissing) {
      catBin[k] = MISSING_BIN;
      catRate[k] = h[m + 1] / (h[m] + h[m + 1]);
      k++;
    }
    if (k <= 1) return false;
    sortByRate(catBin, catRate, k);
    const minLeaf = this.minLeaf;
    let l0 = 0;
    let l1 = 0;
    let ln = 0;
    let bestPrefix = -1;
    let bestLeftRows = 0;
    for (let i = 0; i < k - 1; i++) {
      const o = base + catBin[i] * BIN_STRIDE;
      l0 += h[o];
      l1 += h[o + 1];
      ln += h[o + 2];
      if (ln < minLeaf || n - ln < minLeaf) continue;
      const s = gini2(l0, l1) + gini2(w0 - l0, w1 - l1);
      if (s > this.score) {
        this.score = s;
        bestPrefix = i;
        bestLeftRows = ln;
      }
    }
    if (bestPrefix < 0) return true;
    this.feature = f;
    this.categorical = true;
    this.leftRows = bestLeftRows;
    this.hadMissing = hasMissing;
    this.missingLeft = false;
    const set = this.levelSet;
    const present = this.presentSet;
    set.fill(0);
    present.fill(0);
    for (let i = 0; i < k; i++) {
      const b = catBin[i];
      present[b >>> 5] |= 1 << (b & 31);
      if (i > bestPrefix) continue;
      set[b >>> 5] |= 1 << (b & 31);
      if (b === MISSING_BIN) this.missingLeft = true;
    }
    return true;
  }

  /**
   * Settle where missing values go for the chosen split: where the node's missing rows did better, or,
   * if the node had none, with the larger child. Levels absent from the node follow the missing rows.
   */
  settleMissing(n: number): void {
    if (!this.hadMissing) this.missingLeft = this.leftRows >= n - this.leftRows;
    if (this.categorical && this.missingLeft) {
      const set = this.levelSet;
      const present = this.presentSet;
      for (let w = 0; w < CAT_SET_WORDS; w++) set[w] |= ~present[w];
    }
  }
}

/** Σ w_c² / Σ w_c for one child (0 for an empty child). */
function gini2(a0: number, a1: number): number {
  const w = a0 + a1;
  return w > 0 ? (a0 * a0 + a1 * a1) / w : 0;
}

/** Insertion sort of the first k levels by bad rate, ties by bin: k <= 256 and usually tiny. */
function sortByRate(bin: Int32Array, rate: Float64Array, k: number): void {
  for (let i = 1; i < k; i++) {
    const b = bin[i];
    const r = rate[i];
    let j = i - 1;
    while (j >= 0 && (rate[j] > r || (rate[j] === r && bin[j] > b))) {
      bin[j + 1] = bin[j];
      rate[j + 1] = rate[j];
      j--;
    }
    bin[j + 1] = b;
    rate[j + 1] = r;
  }
}
