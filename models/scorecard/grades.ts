/**
 * Risk grades from score bands. Bands are listed best first, each with the lowest score it takes;
 * the last band has `minScore: null` and takes every lower score, so every loan gets a grade.
 */
import { modelInputError } from '../encoding/errors';

export interface RiskGradeBand {
  grade: string;
  /** Lowest score in the band (inclusive); null only for the last, open-ended band. */
  minScore: number | null;
}

/** Default A..G in 40-point bands around 600 (= 50:1 good:bad under the default scaling). */
export const DEFAULT_GRADE_BANDS: readonly RiskGradeBand[] = Object.freeze([
  { grade: 'A', minScore: 680 },
  { grade: 'B', minScore: 640 },
  { grade: 'C', minScore: 600 },
  { grade: 'D', minScore: 560 },
  { grade: 'E', minScore: 520 },
  { grade: 'F', minScore: 480 },
  { grade: 'G', minScore: null },
]);

/** Throws a user-readable error unless the bands are well formed. */
export function checkGradeBands(bands: readonly RiskGradeBand[]): void {
  if (bands.length === 0) throw modelInputError('At least one risk grade band is needed.');
  const seen = new Set<string>();
  bands.forEach((b, i) => {
    if (!b.grade) throw modelInputError(`Risk grade band ${i + 1} has no name.`, { band: i + 1 });
    if (seen.has(b.grade)) throw modelInputError(`Risk grade "${b.grade}" appears twice.`, { grade: b.grade });
    seen.add(b.grade);
    const last = i === bands.length - 1;
    if (last && b.minScore !== null) {
      throw modelInputError(`The last band ("${b.grade}") must be open-ended (no minimum score) so every loan gets a grade.`, { grade: b.grade });
    }
    if (!last && (b.minScore === null || !Number.isFinite(b.minScore))) {
      throw modelInputError(`Band "${b.grade}" needs a minimum score; only the last band is open-ended.`, { grade: b.grade });
    }
    const prev = i > 0 ? bands[i - 1].minScore : null;
    if (!last && i > 0 && prev !== null && b.minScore !== null && b.minScore >= prev) {
      throw modelInputError(`Bands must be listed best first with falling minimum scores: "${b.grade}" (${b.minScore}) is not below "${bands[i - 1].grade}" (${prev}).`, {
        grade: b.grade,
      });
    }
  });
}

/** Band index (0 = best) per score. */
export function gradeIndexes(scores: Float64Array, bands: readonly RiskGradeBand[] = DEFAULT_GRADE_BANDS): Uint8Array {
  checkGradeBands(bands);
  if (bands.length > 255) throw modelInputError('At most 255 risk grades are supported.');
  const out = new Uint8Array(scores.length);
  const last = bands.length - 1;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    if (Number.isNaN(s)) throw modelInputError(`Score at row ${i + 1} is missing.`, { row: i + 1 });
    let b = 0;
    while (b < last && s < (bands[b].minScore as number)) b++;
    out[i] = b;
  }
  return out;
}

/** The grade of one score. */
export function gradeOf(score: number, bands: readonly RiskGradeBand[] = DEFAULT_GRADE_BANDS): string {
  return bands[gradeIndexes(Float64Array.of(score), bands)[0]].grade;
}
