/**
 * The full validation figures of a PD model on one sample (train or test), shaped for the api: every
 * number comes from models/metrics (checked there against scikit-learn/scipy); this file only chooses
 * the cut-offs, thins curves for plotting and turns NaN ("undefined here") into null for JSON.
 */
import type { ConfusionMatrix, MetricSet, ScorecardScaling } from '../api/models';
import type { Labels } from '../../models/dataset';
import {
  brierScore,
  calibrationTable,
  confusionMatrix,
  delongAuc,
  gainsTable,
  ks,
  logLoss,
  rocCurve,
} from '../../models/metrics';
import { scoreOfPd, scoresOf } from './scorecard';

/** Points on the ROC / KS curves: enough for a smooth plot, small enough for a JSON registry row. */
const CURVE_POINTS = 200;
/** Bars of the score distribution plot. */
const SCORE_BINS = 20;

export const orNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

function confusion(y: Labels, pd: Float64Array, cutoff: number): ConfusionMatrix {
  const m = confusionMatrix(y, pd, cutoff);
  return {
    cutoff,
    tp: m.truePositives,
    fp: m.falsePositives,
    tn: m.trueNegatives,
    fn: m.falseNegatives,
    precision: orNull(m.precision),
    recall: orNull(m.recall),
    specificity: orNull(m.specificity),
    accuracy: m.accuracy,
    f1: orNull(m.f1),
  };
}

/** Equal-width score bins over the observed range (edges on whole points), goods and bads counted separately. */
export function scoreDistribution(y: Labels, scores: Float64Array, bins = SCORE_BINS): MetricSet['scoreDistribution'] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < scores.length; i++) {
    if (scores[i] < lo) lo = scores[i];
    if (scores[i] > hi) hi = scores[i];
  }
  lo = Math.floor(lo);
  hi = Math.max(lo + 1, Math.ceil(hi));
  const width = (hi - lo) / bins;
  const goods = new Float64Array(bins);
  const bads = new Float64Array(bins);
  for (let i = 0; i < scores.length; i++) {
    const b = Math.min(bins - 1, Math.floor((scores[i] - lo) / width));
    if (y[i] === 1) bads[b]++;
    else goods[b]++;
  }
  return Array.from({ length: bins }, (_, b) => ({ x0: lo + b * width, x1: lo + (b + 1) * width, goods: goods[b], bads: bads[b] }));
}

export function metricSet(y: Labels, pd: Float64Array, opts: { cutoff: number; scaling: ScorecardScaling }): MetricSet {
  const auc = delongAuc(y, pd);
  const k = ks(y, pd);
  const calibration = calibrationTable(y, pd);
  const roc = rocCurve(y, pd, CURVE_POINTS);
  let bads = 0;
  for (let i = 0; i < y.length; i++) bads += y[i];
  const ksCurve: MetricSet['ksCurve'] = [];
  // The ROC points are the KS curve read the other way: flagged bad share (tpr) and good share (fpr) per PD cut-off.
  for (let i = 1; i < roc.fpr.length; i++) ksCurve.push({ pd: roc.threshold[i], cumBad: roc.tpr[i], cumGood: roc.fpr[i] });
  return {
    rows: y.length,
    bads,
    badRate: bads / y.length,
    auc: auc.auc,
    aucCi: [auc.ciLow, auc.ciHigh],
    aucSe: auc.standardError,
    ks: k.statistic,
    ksThreshold: k.threshold,
    ksScore: scoreOfPd(opts.scaling)(k.threshold),
    gini: 2 * auc.auc - 1,
    brier: brierScore(y, pd),
    logLoss: logLoss(y, pd),
    hosmerLemeshow: { statistic: orNull(calibration.hosmerLemeshow), df: calibration.degreesOfFreedom, pValue: orNull(calibration.pValue) },
    confusion: confusion(y, pd, opts.cutoff),
    gains: gainsTable(y, pd).map((g) => ({
      decile: g.decile,
      count: g.count,
      bads: g.bads,
      goods: g.goods,
      badRate: g.badRate,
      minPd: g.minPd,
      maxPd: g.maxPd,
      meanPd: g.meanPd,
      cumBads: g.cumBads,
      cumBadRate: g.cumBadRate,
      cumBadCapture: g.cumBadCapture,
      cumGoodCapture: g.cumGoodCapture,
      lift: g.lift,
      cumLift: g.cumLift,
    })),
    calibration: calibration.rows.map((r) => ({
      group: r.group,
      count: r.count,
      meanPd: r.meanPd,
      observedRate: r.observedRate,
      expectedBads: r.expectedBads,
      observedBads: r.observedBads,
    })),
    roc: Array.from(roc.fpr, (fpr, i) => ({ fpr, tpr: roc.tpr[i] })),
    ksCurve,
    scoreDistribution: scoreDistribution(y, scoresOf(pd, opts.scaling)),
  };
}
