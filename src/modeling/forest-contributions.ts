/**
 * Saabas path contributions for many loans at once. The blocked algorithm now lives next to
 * predictForest (models/forest/explain-rows.ts, exposed as `RandomForest.explainRows`), where the
 * scoring workers can run it too; this adapter keeps the older name for its callers.
 */
import type { Dataset } from '../../models/dataset';
import type { RandomForest } from '../../models/forest';

export class ForestContributions {
  constructor(private readonly forest: RandomForest) {}

  /** Per feature (column), the contribution of each of `rows` (indexes into `data`), in probability points. */
  of(data: Dataset, rows: ArrayLike<number>): Float64Array[] {
    return this.forest.explainRows(data, rows);
  }
}
