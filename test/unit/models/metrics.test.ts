/**
 * Every metric against figures computed once by scikit-learn / scipy / a Python fast DeLong
 * (test/fixtures/scripts/metrics_reference.py), on seeded synthetic PDs stored in the fixture:
 * pd1 is rounded to 2 decimals (heavy ties), pd2 continuous, pd3 has exact 0s and 1s.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  auc,
  binaryMetrics,
  brierScore,
  calibrationTable,
  confusionMatrix,
  delongAuc,
  delongTest,
  gainsTable,
  gini,
  ks,
  logLoss,
  psi,
  PSI_EPSILON,
  rocCurve,
} from '../../../models/metrics';
import { ModelInputError } from '../../../models/encoding';
import { relativeError } from '../../fixtures/models/compare';
import { REPO_ROOT } from '../../helpers/paths';

interface KsRef {
  ks_2samp: number;
  max_tpr_minus_fpr: number;
  threshold: number;
  tpr_at: number;
  fpr_at: number;
}
interface BucketRef {
  bucket: number;
  count: number;
  bads: number;
  pd_sum: number;
  min_pd: number;
  max_pd: number;
}
interface PsiRef {
  psi: number;
  edges: number[];
  expected_counts: number[];
  actual_counts: number[];
}
interface Fixture {
  inputs: { y: number[]; pd1: number[]; pd2: number[]; pd3: number[] };
  auc: { pd1: number; pd2: number };
  delong: { auc: number[]; variance: number[]; covariance: number; ci_pd1: number[]; difference: number; z: number; p_value: number };
  ks: { pd1: KsRef; pd2: KsRef };
  brier: { pd1: number; pd2: number };
  log_loss: { pd2: number; pd3: number };
  roc_pd1: { fpr: number[]; tpr: number[]; thresholds_after_first: number[] };
  deciles_pd1: BucketRef[];
  deciles_pd2: BucketRef[];
  hosmer_lemeshow: Record<'pd1' | 'pd2', { statistic: number; df: number; p_value: number }>;
  confusion_pd1: { cutoff: number; tp: number; fp: number; tn: number; fn: number; precision: number; recall: number; specificity: number; accuracy: number; f1: number };
  psi: { shifted: PsiRef; empty_bin: PsiRef; same: PsiRef };
}

const fx = JSON.parse(readFileSync(join(REPO_ROOT, 'test/fixtures/models/metrics_reference.json'), 'utf8')) as Fixture;
const y = Uint8Array.from(fx.inputs.y);
const pd1 = Float64Array.from(fx.inputs.pd1);
const pd2 = Float64Array.from(fx.inputs.pd2);
const pd3 = Float64Array.from(fx.inputs.pd3);

describe('AUC, Gini, DeLong', () => {
  it('AUC equals sklearn roc_auc_score, with heavy ties and without', () => {
    expect(Math.abs(auc(y, pd1) - fx.auc.pd1)).toBeLessThan(1e-14);
    expect(Math.abs(auc(y, pd2) - fx.auc.pd2)).toBeLessThan(1e-14);
    expect(gini(y, pd1)).toBeCloseTo(2 * fx.auc.pd1 - 1, 14);
  });

  it('AUC is 1 for a perfect ranking, 0 for an inverted one and 0.5 for a constant score', () => {
    const yy = Uint8Array.from([0, 0, 1, 1]);
    expect(auc(yy, Float64Array.from([0.1, 0.2, 0.3, 0.4]))).toBe(1);
    expect(auc(yy, Float64Array.from([0.4, 0.3, 0.2, 0.1]))).toBe(0);
    expect(auc(yy, Float64Array.from([0.5, 0.5, 0.5, 0.5]))).toBe(0.5);
  });

  it('DeLong variance and 95% CI match the Python fast DeLong', () => {
    const a = delongAuc(y, pd1);
    expect(relativeError(a.auc, fx.delong.auc[0])).toBeLessThan(1e-13);
    expect(relativeError(a.variance, fx.delong.variance[0])).toBeLessThan(1e-10);
    expect(relativeError(a.ciLow, fx.delong.ci_pd1[0])).toBeLessThan(1e-10);
    expect(relativeError(a.ciHigh, fx.delong.ci_pd1[1])).toBeLessThan(1e-10);
    expect(relativeError(delongAuc(y, pd2).variance, fx.delong.variance[1])).toBeLessThan(1e-10);
  });

  it('DeLong test of two correlated AUCs matches (difference, z, p-value)', () => {
    const t = delongTest(y, pd1, pd2);
    expect(relativeError(t.difference, fx.delong.difference)).toBeLessThan(1e-11);
    expect(relativeError(t.z, fx.delong.z)).toBeLessThan(1e-9);
    expect(relativeError(t.pValue, fx.delong.p_value)).toBeLessThan(1e-8);
    const v = fx.delong.variance[0] + fx.delong.variance[1] - 2 * fx.delong.covariance;
    expect(relativeError(t.variance, v)).toBeLessThan(1e-9);
    const same = delongTest(y, pd1, pd1);
    expect(same.difference).toBe(0);
    expect(same.pValue).toBe(1);
  });
});

describe('KS and ROC', () => {
  it('KS statistic equals scipy ks_2samp and sklearn max(TPR − FPR), at the same threshold', () => {
    for (const [p, ref] of [[pd1, fx.ks.pd1], [pd2, fx.ks.pd2]] as const) {
      const r = ks(y, p);
      expect(Math.abs(r.statistic - ref.ks_2samp)).toBeLessThan(1e-14);
      expect(Math.abs(r.statistic - ref.max_tpr_minus_fpr)).toBeLessThan(1e-14);
      expect(r.threshold).toBe(ref.threshold);
      expect(r.badCapture).toBeCloseTo(ref.tpr_at, 14);
      expect(r.goodCapture).toBeCloseTo(ref.fpr_at, 14);
    }
  });

  it('unthinned ROC equals sklearn roc_curve(drop_intermediate=False); thinned stays close and bounded', () => {
    const full = rocCurve(y, pd1, Infinity);
    expect(full.fpr.length).toBe(fx.roc_pd1.fpr.length);
    for (let i = 0; i < full.fpr.length; i++) {
      expect(full.fpr[i]).toBeCloseTo(fx.roc_pd1.fpr[i], 14);
      expect(full.tpr[i]).toBeCloseTo(fx.roc_pd1.tpr[i], 14);
    }
    expect(Array.from(full.threshold.slice(1))).toEqual(fx.roc_pd1.thresholds_after_first);
    const thin = rocCurve(y, pd2, 50);
    expect(thin.fpr.length).toBeLessThanOrEqual(52);
    expect(thin.fpr.length).toBeGreaterThan(20);
    expect([thin.fpr[0], thin.tpr[0]]).toEqual([0, 0]);
    expect([thin.fpr[thin.fpr.length - 1], thin.tpr[thin.tpr.length - 1]]).toEqual([1, 1]);
    // Trapezoidal area of the thinned curve is still close to the exact AUC.
    let area = 0;
    for (let i = 1; i < thin.fpr.length; i++) area += (thin.fpr[i] - thin.fpr[i - 1]) * (thin.tpr[i] + thin.tpr[i - 1]) * 0.5;
    expect(Math.abs(area - fx.auc.pd2)).toBeLessThan(0.01);
  });
});

describe('probability scores', () => {
  it('Brier score equals sklearn brier_score_loss', () => {
    expect(relativeError(brierScore(y, pd1), fx.brier.pd1)).toBeLessThan(1e-13);
    expect(relativeError(brierScore(y, pd2), fx.brier.pd2)).toBeLessThan(1e-13);
  });

  it('log loss equals sklearn log_loss, including its clipping of exact 0 and 1', () => {
    expect(relativeError(logLoss(y, pd2), fx.log_loss.pd2)).toBeLessThan(1e-12);
    expect(relativeError(logLoss(y, pd3), fx.log_loss.pd3)).toBeLessThan(1e-12);
    expect(Number.isFinite(logLoss(Uint8Array.from([1]), Float64Array.from([0])))).toBe(true);
  });

  it('binaryMetrics bundles the same figures', () => {
    const m = binaryMetrics(y, pd2);
    expect(m.auc).toBe(auc(y, pd2));
    expect(m.ks).toBe(ks(y, pd2).statistic);
    expect(m.logLoss).toBe(logLoss(y, pd2));
    expect(m.rows).toBe(3000);
  });
});

describe('gains, calibration, confusion', () => {
  it('deciles keep ties together by the middle-position rule (same buckets as the Python rule)', () => {
    for (const [p, ref] of [[pd1, fx.deciles_pd1], [pd2, fx.deciles_pd2]] as const) {
      const table = gainsTable(y, p);
      expect(table.map((r) => r.decile)).toEqual(ref.map((r) => r.bucket));
      expect(table.map((r) => r.count)).toEqual(ref.map((r) => r.count));
      expect(table.map((r) => r.bads)).toEqual(ref.map((r) => r.bads));
      expect(table.map((r) => r.maxPd)).toEqual(ref.map((r) => r.max_pd));
      expect(table.map((r) => r.minPd)).toEqual(ref.map((r) => r.min_pd));
    }
  });

  it('gains table arithmetic: cumulative capture, lift and KS', () => {
    const table = gainsTable(y, pd2);
    const totalBads = fx.deciles_pd2.reduce((s, r) => s + r.bads, 0);
    const badRate = totalBads / y.length;
    const last = table[table.length - 1];
    expect(last.cumCount).toBe(3000);
    expect(last.cumBadCapture).toBe(1);
    expect(last.cumLift).toBeCloseTo(1, 14);
    expect(table[0].lift).toBeCloseTo(fx.deciles_pd2[0].bads / fx.deciles_pd2[0].count / badRate, 12);
    expect(table[2].cumBadCapture).toBeCloseTo((fx.deciles_pd2[0].bads + fx.deciles_pd2[1].bads + fx.deciles_pd2[2].bads) / totalBads, 14);
    expect(Math.max(...table.map((r) => r.ks))).toBeLessThanOrEqual(fx.ks.pd2.ks_2samp + 1e-12);
    for (let i = 1; i < table.length; i++) expect(table[i].maxPd).toBeLessThanOrEqual(table[i - 1].minPd);
  });

  it('a tie run larger than a decile stays whole and leaves a visible gap', () => {
    const yy = Uint8Array.from({ length: 20 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const p = Float64Array.from({ length: 20 }, (_, i) => (i < 8 ? 0.5 : 0.01 * (20 - i)));
    const table = gainsTable(yy, p);
    expect(table[0].count).toBe(8); // middle position 3.5 of 20 -> decile 2
    expect(table[0].decile).toBe(2);
    expect(table.reduce((s, r) => s + r.count, 0)).toBe(20);
  });

  it('Hosmer–Lemeshow statistic and p-value match the Python figures', () => {
    for (const key of ['pd1', 'pd2'] as const) {
      const p = key === 'pd1' ? pd1 : pd2;
      const c = calibrationTable(y, p);
      const ref = fx.hosmer_lemeshow[key];
      expect(c.degreesOfFreedom).toBe(ref.df);
      expect(relativeError(c.hosmerLemeshow, ref.statistic)).toBeLessThan(1e-10);
      expect(relativeError(c.pValue, ref.p_value)).toBeLessThan(1e-8);
      const refRows = key === 'pd1' ? fx.deciles_pd1 : fx.deciles_pd2;
      expect(c.rows.map((r) => r.observedBads)).toEqual(refRows.map((r) => r.bads));
      c.rows.forEach((r, i) => expect(r.expectedBads).toBeCloseTo(refRows[i].pd_sum, 9));
    }
  });

  it('confusion matrix at a cutoff equals sklearn', () => {
    const ref = fx.confusion_pd1;
    const m = confusionMatrix(y, pd1, ref.cutoff);
    expect([m.truePositives, m.falsePositives, m.trueNegatives, m.falseNegatives]).toEqual([ref.tp, ref.fp, ref.tn, ref.fn]);
    expect(m.precision).toBeCloseTo(ref.precision, 14);
    expect(m.recall).toBeCloseTo(ref.recall, 14);
    expect(m.specificity).toBeCloseTo(ref.specificity, 14);
    expect(m.accuracy).toBeCloseTo(ref.accuracy, 14);
    expect(m.f1).toBeCloseTo(ref.f1, 14);
    expect(confusionMatrix(y, pd1, 2).precision).toBeNaN(); // nothing flagged
  });
});

describe('PSI', () => {
  const expected = pd2.slice(0, 1500);
  const shifted = Float64Array.from(pd2.slice(1500), (v) => Math.min(1, Math.max(0, v * 1.3)));
  const low = Float64Array.from(pd2.slice(1500), (v) => v * 0.2);

  it('matches numpy deciles and counts, for a shift and with the empty-bin epsilon', () => {
    for (const [actual, ref] of [[shifted, fx.psi.shifted], [low, fx.psi.empty_bin], [expected, fx.psi.same]] as const) {
      const r = psi(expected, actual);
      expect(r.bins.map((b) => b.upper).slice(0, -1)).toEqual(ref.edges);
      expect(r.bins.map((b) => b.expectedCount)).toEqual(ref.expected_counts);
      expect(r.bins.map((b) => b.actualCount)).toEqual(ref.actual_counts);
      expect(Math.abs(r.psi - ref.psi)).toBeLessThan(1e-12);
    }
    expect(psi(expected, expected).psi).toBe(0);
    const empty = psi(expected, low);
    expect(empty.emptyBins).toBeGreaterThan(0);
    expect(PSI_EPSILON).toBe(1e-4);
  });
});

describe('input checks', () => {
  it('rejects mismatched lengths, NaN scores, bad labels and one-class samples with bad_input', () => {
    const expectBadInput = (f: () => unknown, pattern: RegExp): void => {
      let caught: unknown;
      try {
        f();
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(ModelInputError);
      expect((caught as ModelInputError).kind).toBe('bad_input');
      expect((caught as Error).message).toMatch(pattern);
    };
    expectBadInput(() => auc(Uint8Array.from([0, 1]), Float64Array.from([0.1])), /2 outcomes but 1 scores/);
    expectBadInput(() => auc(Uint8Array.from([0, 1]), Float64Array.from([0.1, NaN])), /missing value at row 2/);
    expectBadInput(() => auc(Uint8Array.from([0, 2]), Float64Array.from([0.1, 0.2])), /Outcome at row 2 is 2/);
    expectBadInput(() => ks(Uint8Array.from([1, 1]), Float64Array.from([0.1, 0.2])), /all 2 rows are bad/);
    expectBadInput(() => brierScore(Uint8Array.from([1]), Float64Array.from([1.5])), /must lie in \[0, 1\]/);
  });
});
