/**
 * Saabas path contributions for many loans at once, for forest reason codes at scoring time.
 *
 * `RandomForest.contributions(data, row)` walks all trees for one row; over hundreds of thousands of
 * rows that is memory-bound (each row touches every tree: ~13 MB of nodes for 100 deep trees), about
 * 3x slower per row than prediction. Here rows are taken in blocks and each tree is walked by the whole
 * block while its nodes are in cache (the layout predictForest uses), giving the same numbers: each
 * row's contributions are summed over trees in the same order, then divided by the tree count, as in
 * models/forest/explain.ts. This belongs next to predictForest in models/forest; it lives here until
 * the forest exposes a batch form (it uses only the forest's exported node layout).
 */
import type { Dataset } from '../../models/dataset';
import type { RandomForest } from '../../models/forest';
import { goesLeft, type FlatForest } from '../../models/forest/flat-forest';
import { CATEGORICAL_SPLIT } from '../../models/forest/grown-tree';
import { decodeNodes } from '../../models/forest/serialize';

/** Rows explained per block: their row-major features and sums (2 × 4096 × p doubles) stay in cache with one tree. */
const BLOCK = 4096;

export class ForestContributions {
  private readonly nodes: FlatForest;
  /** Numeric thresholds, NaN at categorical splits: the hot loop then needs no flag test (as predictForest). */
  private readonly cut: Float64Array;

  constructor(forest: RandomForest) {
    // The node arrays are private to RandomForest; its own compact JSON is the public way to them.
    this.nodes = decodeNodes(forest.toJSON().nodes, forest.features.length);
    this.cut = this.nodes.threshold.slice();
    for (let k = 0; k < this.cut.length; k++) if ((this.nodes.flags[k] & CATEGORICAL_SPLIT) !== 0) this.cut[k] = NaN;
  }

  /** Per feature (column), the contribution of each of `rows` (indexes into `data`), in probability points. */
  of(data: Dataset, rows: ArrayLike<number>): Float64Array[] {
    const { roots, left, feature, value } = this.nodes;
    const cut = this.cut;
    const p = data.columns.length;
    const trees = roots.length;
    const out = data.columns.map(() => new Float64Array(rows.length));
    const x = new Float64Array(Math.min(BLOCK, rows.length) * p);
    const sum = new Float64Array(x.length);
    for (let from = 0; from < rows.length; from += BLOCK) {
      const n = Math.min(BLOCK, rows.length - from);
      for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) x[i * p + j] = data.columns[j][rows[from + i]];
      sum.fill(0, 0, n * p);
      for (let t = 0; t < trees; t++) {
        for (let i = 0; i < n; i++) {
          const base = i * p;
          let k = roots[t];
          let l = left[k];
          while (l >= 0) {
            const f = feature[k];
            const v = x[base + f];
            const c = cut[k];
            // Both tests fail only for a missing value or a categorical split (cut NaN): the slow path.
            const child = v <= c ? l : v > c ? l + 1 : goesLeft(this.nodes, k, v) ? l : l + 1;
            sum[base + f] += value[child] - value[k];
            k = child;
            l = left[k];
          }
        }
      }
      for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) out[j][from + i] = sum[i * p + j] / trees;
    }
    return out;
  }
}
