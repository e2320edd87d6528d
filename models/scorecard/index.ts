export { DEFAULT_SCALING, scalingConstants, scoreFromLogOdds, scoreFromPd, pdFromScore, scoresFromPds } from './scaling';
export type { ScoreScaling, ScalingConstants } from './scaling';
export { DEFAULT_GRADE_BANDS, checkGradeBands, gradeIndexes, gradeOf } from './grades';
export type { RiskGradeBand } from './grades';
export { reasonCodes, reasonCodesOf, logisticReasonCodes } from './reasonCodes';
export type { ContributionColumns, ReasonCodeTable, ReasonCode } from './reasonCodes';
