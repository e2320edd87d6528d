/**
 * Population Stability Index between the score distribution a model was built on ("expected",
 * e.g. the development sample) and a later one ("actual", e.g. this month's book).
 *
 * Bins: the expected population's quantiles at 1/bins, 2/bins, ... (deciles by default; linear
 * interpolation between order statistics, numpy's default), duplicate edges dropped so heavy
 * ties merge bins rather than create empty ones. Bin b holds scores in (edge_{b−1}, edge_b]; the
 * first bin is open below, the last open above.
 * PSI = Σ (actual% − expected%)·ln(actual% / expected%). A bin empty on either side would make the
 * log infinite, so an empty share is replaced by PSI_EPSILON = 0.0001 (0.01%), the usual
 * convention in scorecard monitoring; `emptyBins` reports how often that happened.
 * Rule of thumb: < 0.1 stable, 0.1–0.25 some shift, > 0.25 major shift.
 */
import { modelInputError } from '../encoding/errors';
import { upperBound } from './inputs';

export const PSI_EPSILON = 1e-4;

export interface PsiBin {
  /** Exclusive lower edge (−Infinity for the first bin). */
  lower: number;
  /** Inclusive upper edge (+Infinity for the last bin). */
  upper: number;
  expectedCount: number;
  actualCount: number;
  expectedShare: number;
  actualShare: number;
  /** (actual − expected)·ln(actual/expected) with empty shares replaced by PSI_EPSILON. */
  contribution: number;
}

export interface PsiResult {
  psi: number;
  bins: PsiBin[];
  /** Number of bins where a share was 0 and PSI_EPSILON was used. */
  emptyBins: number;
}

/** Quantile with linear interpolation between order statistics (numpy's default, Hyndman–Fan type 7). */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

function finiteSorted(values: Float64Array, label: string): Float64Array {
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) throw modelInputError(`The ${label} scores have a missing value at row ${i + 1}.`, { row: i + 1 });
  }
  if (values.length === 0) throw modelInputError(`The ${label} population is empty.`);
  return Float64Array.from(values).sort();
}

export function psi(expected: Float64Array, actual: Float64Array, bins = 10): PsiResult {
  if (!Number.isInteger(bins) || bins < 2) throw modelInputError(`PSI needs at least 2 bins, not ${bins}.`, { bins });
  const e = finiteSorted(expected, 'expected');
  const a = finiteSorted(actual, 'actual');
  const edges: number[] = [];
  for (let b = 1; b < bins; b++) {
    const edge = quantileSorted(e, b / bins);
    if (edges.length === 0 || edge > edges[edges.length - 1]) edges.push(edge);
  }
  const out: PsiBin[] = [];
  let total = 0;
  let emptyBins = 0;
  let eBelow = 0;
  let aBelow = 0;
  for (let b = 0; b <= edges.length; b++) {
    const upper = b < edges.length ? edges[b] : Infinity;
    const eUpTo = b < edges.length ? upperBound(e, upper) : e.length;
    const aUpTo = b < edges.length ? upperBound(a, upper) : a.length;
    const expectedCount = eUpTo - eBelow;
    const actualCount = aUpTo - aBelow;
    const expectedShare = expectedCount / e.length;
    const actualShare = actualCount / a.length;
    if (expectedCount === 0 || actualCount === 0) emptyBins++;
    const es = expectedCount === 0 ? PSI_EPSILON : expectedShare;
    const as = actualCount === 0 ? PSI_EPSILON : actualShare;
    const contribution = (as - es) * Math.log(as / es);
    total += contribution;
    out.push({ lower: b === 0 ? -Infinity : edges[b - 1], upper, expectedCount, actualCount, expectedShare, actualShare, contribution });
    eBelow = eUpTo;
    aBelow = aUpTo;
  }
  return { psi: total, bins: out, emptyBins };
}
