/**
 * Calibration by score bucket (mean PD against observed bad rate) and the Hosmer–Lemeshow test.
 * Buckets are the same as the gains table's (buckets.ts); the statistic does not depend on their order.
 */
import type { Labels } from '../dataset';
import { modelInputError } from '../encoding/errors';
import { scoreBuckets } from './buckets';
import { chiSquareSf } from './distributions';

export interface CalibrationRow {
  /** 1 = riskiest bucket. */
  group: number;
  count: number;
  /** Mean predicted PD in the bucket. */
  meanPd: number;
  observedRate: number;
  expectedBads: number;
  observedBads: number;
  /** This bucket's term of the HL statistic: (O − E)² / (E·(1 − E/n)). */
  hlTerm: number;
}

export interface CalibrationResult {
  rows: CalibrationRow[];
  /** Hosmer–Lemeshow statistic, summed over non-empty buckets. */
  hosmerLemeshow: number;
  /** Non-empty buckets − 2. */
  degreesOfFreedom: number;
  /** P[χ²(df) > HL]; NaN when df < 1. */
  pValue: number;
}

export function calibrationTable(y: Labels, pd: Float64Array, groups = 10): CalibrationResult {
  for (let i = 0; i < pd.length; i++) {
    if (pd[i] < 0 || pd[i] > 1) throw modelInputError(`PD at row ${i + 1} is ${pd[i]}; PDs must lie in [0, 1].`, { row: i + 1 });
  }
  const buckets = scoreBuckets(y, pd, groups);
  let hl = 0;
  const rows = buckets.map((b) => {
    const expected = b.scoreSum;
    const observed = b.bads;
    const denom = expected * (1 - expected / b.count);
    // A bucket whose PDs are all exactly 0 (or 1) predicts with certainty: no contribution if it is right, infinite if not.
    const hlTerm = denom > 0 ? ((observed - expected) * (observed - expected)) / denom : observed === expected ? 0 : Infinity;
    hl += hlTerm;
    return {
      group: b.bucket,
      count: b.count,
      meanPd: expected / b.count,
      observedRate: observed / b.count,
      expectedBads: expected,
      observedBads: observed,
      hlTerm,
    };
  });
  const df = rows.length - 2;
  return { rows, hosmerLemeshow: hl, degreesOfFreedom: df, pValue: df >= 1 ? chiSquareSf(hl, df) : NaN };
}
