/**
 * Score buckets (deciles by default) shared by the gains/lift table and the calibration table,
 * so both tables always cut the portfolio the same way.
 *
 * Rule: rows are ranked by score DESCENDING (bucket 1 = riskiest). Rows with exactly equal
 * scores are never split across buckets: a run of tied rows goes, as a whole, to the bucket that
 * contains the middle position of the run: bucket = floor(groups · mid / n) + 1, with
 * mid = (first + last)/2 in 0-based rank positions. Bucket sizes are therefore as equal as the
 * ties allow; a tie run larger than a bucket can leave a neighbouring bucket empty, and empty
 * buckets are left out of the tables (their numbers are kept, so gaps are visible).
 */
import type { Labels } from '../dataset';
import { modelInputError } from '../encoding/errors';
import { checkScores, tieGroups } from './inputs';

export interface ScoreBucket {
  /** 1-based bucket number, 1 = highest scores (riskiest). */
  bucket: number;
  count: number;
  bads: number;
  /** Sum of the scores in the bucket (expected bads when scores are PDs). */
  scoreSum: number;
  minScore: number;
  maxScore: number;
}

export function scoreBuckets(y: Labels, p: Float64Array, groups = 10): ScoreBucket[] {
  if (!Number.isInteger(groups) || groups < 1) throw modelInputError(`The number of groups must be a positive whole number, not ${groups}.`, { groups });
  const counts = checkScores(y, p);
  const n = y.length;
  if (n === 0) throw modelInputError('There are no rows to group.');
  const ties = tieGroups(y, p, counts);
  const out: ScoreBucket[] = [];
  let start = 0;
  for (let g = 0; g < ties.length; g++) {
    const size = ties.bads[g] + ties.goods[g];
    const mid = start + (size - 1) / 2;
    const bucket = Math.min(groups, Math.floor((groups * mid) / n) + 1);
    let current = out[out.length - 1];
    if (!current || current.bucket !== bucket) {
      current = { bucket, count: 0, bads: 0, scoreSum: 0, minScore: ties.score[g], maxScore: ties.score[g] };
      out.push(current);
    }
    current.count += size;
    current.bads += ties.bads[g];
    current.scoreSum += ties.score[g] * size;
    current.minScore = ties.score[g]; // descending walk: the latest run is the lowest
    start += size;
  }
  return out;
}
