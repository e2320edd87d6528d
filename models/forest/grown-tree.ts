/** One grown tree as flat typed arrays: what a worker hands back and what the forest concatenates. */

/** `flags` bit: rows with a missing value (or, for categorical splits, a level unseen at the node) go left. */
export const MISSING_LEFT = 1;
/** `flags` bit: the split is a set of categorical levels; `threshold` is then the index of its bitset in `catSets`. */
export const CATEGORICAL_SPLIT = 2;
/** Words per categorical level set: 256 bits, one per bin (levels 0..254, bit 255 = missing). */
export const CAT_SET_WORDS = 8;

export interface TreeNodes {
  /** Split feature of each node (-1 for a leaf). */
  feature: Int32Array;
  /** Numeric split: go left when x <= threshold. Categorical split: index of the level set in `catSets`. */
  threshold: Float64Array;
  /** Left child index; the right child is always left + 1. -1 for a leaf. */
  left: Int32Array;
  /** Weighted bad rate of the node's training rows: the prediction at a leaf, the baseline for path contributions. */
  value: Float32Array;
  flags: Uint8Array;
  /** Level sets of categorical splits, CAT_SET_WORDS words each: bit k set = level k goes left. */
  catSets: Uint32Array;
}

export interface GrownTree extends TreeNodes {
  /** Un-normalised mean decrease in Gini impurity per feature (sum over this tree's splits). */
  impurityDecrease: Float64Array;
  /** Rows that were out of bag for this tree, and this tree's prediction for each of them. */
  oobRows: Int32Array;
  oobProba: Float32Array;
}

/** The typed arrays of a grown tree, for the transfer list of a worker message. */
export function treeBuffers(t: GrownTree): ArrayBuffer[] {
  return [t.feature, t.threshold, t.left, t.value, t.flags, t.catSets, t.impurityDecrease, t.oobRows, t.oobProba].map(
    (a) => a.buffer as ArrayBuffer,
  );
}
