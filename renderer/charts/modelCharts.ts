/** The Models page's charts, each a pure function from the engine's validation figures to Plot options. */
export { rocChart, type RocCurve, type RocOptions } from './roc';
export { ksChart, ksPeak, flaggedShare, type KsOptions, type KsPeak, type KsPoint } from './ksCurve';
export { liftChart, type LiftOptions } from './lift';
export { calibrationChart, calibrationDomain, type CalibrationOptions } from './calibration';
export { scoreDistributionChart, scoreShares, type ScoreBin, type ScoreDistributionOptions, type ScoreShareBin } from './scoreDistribution';
export { importanceChart, rankImportance, type ImportanceMeasure, type ImportanceOptions } from './importance';
export { coefficientChart, coefficientBars, Z_CRITICAL, type CoefficientOptions } from './coefficients';
export { RISK_COLOR, SERIES_COLORS, seriesColor, percentTick, cornerLegend, type LegendItem } from './modelTheme';
