/**
 * PD -> score points and grades for the engine: the scaling of models/scorecard, with PDs held away
 * from exactly 0 and 1. A forest's PD is a share of trees, so 0 and 1 are common, and an infinite
 * score would poison every table, histogram and JSON file it reaches.
 */
import type { ScorecardScaling } from '../api/models';
import { checkGradeBands, DEFAULT_GRADE_BANDS, DEFAULT_SCALING, scalingConstants, type RiskGradeBand } from '../../models/scorecard';

/** Scores are computed from PDs clamped to [PD_FLOOR, 1 − PD_FLOOR] (≈ 888 and ≈ 86 points under the default scaling). */
export const PD_FLOOR = 1e-6;

export const DEFAULT_SCORE_SCALING: ScorecardScaling = { ...DEFAULT_SCALING };
export const GRADE_BANDS: readonly RiskGradeBand[] = DEFAULT_GRADE_BANDS;

/** A function PD -> score under `scaling` (validated once). */
export function scoreOfPd(scaling: ScorecardScaling): (pd: number) => number {
  const { factor, offset } = scalingConstants(scaling);
  return (pd) => {
    const p = Math.min(1 - PD_FLOOR, Math.max(PD_FLOOR, pd));
    return offset + factor * (Math.log1p(-p) - Math.log(p));
  };
}

export function scoresOf(pds: Float64Array, scaling: ScorecardScaling): Float64Array {
  const score = scoreOfPd(scaling);
  const out = new Float64Array(pds.length);
  for (let i = 0; i < pds.length; i++) out[i] = score(pds[i]);
  return out;
}

/**
 * The same PD -> score -> grade mapping as SQL, for writing a million scored rows
 * without a round trip per row. Constants come from the same scaling as scoreOfPd and are bound as
 * named parameters (prefix `sc_`), never spliced.
 */
export function scoreAndGradeSql(
  scaling: ScorecardScaling,
  bands: readonly RiskGradeBand[] = GRADE_BANDS,
): { score: (pdColumn: string) => string; grade: (scoreColumn: string) => string; params: Record<string, number | string> } {
  checkGradeBands(bands);
  const { factor, offset } = scalingConstants(scaling);
  const params: Record<string, number | string> = { sc_offset: offset, sc_factor: factor, sc_floor: PD_FLOOR };
  const clamped = (pd: string) => `greatest($sc_floor::DOUBLE, least(1 - $sc_floor::DOUBLE, ${pd}))`;
  const limited = bands.slice(0, -1);
  limited.forEach((b, i) => {
    params[`sc_min${i}`] = b.minScore as number;
    params[`sc_grade${i}`] = b.grade;
  });
  params.sc_grade_last = bands[bands.length - 1].grade;
  return {
    score: (pd) => `($sc_offset::DOUBLE + $sc_factor::DOUBLE * (ln(1 - ${clamped(pd)}) - ln(${clamped(pd)})))`,
    grade: (score) => `CASE ${limited.map((_, i) => `WHEN ${score} >= $sc_min${i}::DOUBLE THEN $sc_grade${i}`).join(' ')} ELSE $sc_grade_last END`,
    params,
  };
}
