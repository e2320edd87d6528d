/**
 * PD -> scorecard points, the industry scaling ("points to double the odds").
 *
 *   odds      = good:bad odds = (1 − PD)/PD
 *   factor    = PDO / ln 2
 *   offset    = baseScore − factor · ln(baseOdds)
 *   score     = offset + factor · ln(odds) = offset − factor · ln(PD/(1 − PD))
 *
 * So the score is baseScore exactly at baseOdds, rises by PDO each time the good:bad odds double,
 * and a higher score means a lower risk. Defaults: 600 points at 50:1, 20 points to double the
 * odds (620 at 100:1, 580 at 25:1).
 */
import { modelInputError } from '../encoding/errors';

export interface ScoreScaling {
  /** Score at the base odds. */
  baseScore: number;
  /** Good:bad odds that map to baseScore (50 means 50:1). */
  baseOdds: number;
  /** Points to double the odds. */
  pdo: number;
}

export const DEFAULT_SCALING: Readonly<ScoreScaling> = Object.freeze({ baseScore: 600, baseOdds: 50, pdo: 20 });

export interface ScalingConstants {
  factor: number;
  offset: number;
}

export function scalingConstants(s: ScoreScaling = DEFAULT_SCALING): ScalingConstants {
  if (!Number.isFinite(s.baseScore)) throw modelInputError(`The base score must be a number, not ${s.baseScore}.`, { option: 'baseScore' });
  if (!(s.baseOdds > 0) || !Number.isFinite(s.baseOdds)) throw modelInputError(`The base odds must be a positive number, not ${s.baseOdds}.`, { option: 'baseOdds' });
  if (!(s.pdo > 0) || !Number.isFinite(s.pdo)) throw modelInputError(`Points to double the odds must be positive, not ${s.pdo}.`, { option: 'pdo' });
  const factor = s.pdo / Math.LN2;
  return { factor, offset: s.baseScore - factor * Math.log(s.baseOdds) };
}

/**
 * Score from log-odds of BAD (a logistic model's linear predictor): offset − factor·η.
 * Preferred over going through the PD: no rounding of extreme PDs to 0 or 1.
 */
export function scoreFromLogOdds(logOddsBad: number, s: ScoreScaling = DEFAULT_SCALING): number {
  const { factor, offset } = scalingConstants(s);
  return offset - factor * logOddsBad;
}

/** Score from a PD; PD 0 gives +Infinity and PD 1 gives −Infinity. */
export function scoreFromPd(pd: number, s: ScoreScaling = DEFAULT_SCALING): number {
  if (!(pd >= 0 && pd <= 1)) throw modelInputError(`A PD must lie in [0, 1], not ${pd}.`, { pd });
  const { factor, offset } = scalingConstants(s);
  // ln((1 − PD)/PD) with log1p so small PDs keep their digits.
  return offset + factor * (Math.log1p(-pd) - Math.log(pd));
}

/** The PD a score stands for (inverse of scoreFromPd). */
export function pdFromScore(score: number, s: ScoreScaling = DEFAULT_SCALING): number {
  const { factor, offset } = scalingConstants(s);
  const logOddsBad = -(score - offset) / factor;
  return logOddsBad >= 0 ? 1 / (1 + Math.exp(-logOddsBad)) : Math.exp(logOddsBad) / (1 + Math.exp(logOddsBad));
}

/** Scores for a whole portfolio of PDs. */
export function scoresFromPds(pds: Float64Array, s: ScoreScaling = DEFAULT_SCALING): Float64Array {
  const { factor, offset } = scalingConstants(s);
  const out = new Float64Array(pds.length);
  for (let i = 0; i < pds.length; i++) {
    const pd = pds[i];
    if (!(pd >= 0 && pd <= 1)) throw modelInputError(`PD at row ${i + 1} is ${pd}; PDs must lie in [0, 1].`, { row: i + 1 });
    out[i] = offset + factor * (Math.log1p(-pd) - Math.log(pd));
  }
  return out;
}
