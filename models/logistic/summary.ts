/**
 * The statsmodels `Logit.summary()` table and header figures, plus odds ratios and VIFs, computed
 * from what a fit leaves behind (coefficients, covariance, log-likelihoods). Kept separate from
 * the fit so a saved model rebuilds exactly the same summary when it is loaded.
 */
import { chiSquareSf, normalQuantile, twoSidedNormalP } from '../metrics/distributions';

export interface CoefficientRow {
  /** `const`, `LIMIT_BAL`, `product=consumer (ref: mortgage)`. */
  term: string;
  /** Source feature; null for the intercept. */
  feature: string | null;
  /** For a one-hot term: its level. */
  level?: string;
  coef: number;
  stdErr: number;
  /** coef / stdErr. */
  z: number;
  /** Two-sided normal p-value, statsmodels' P>|z|. */
  pValue: number;
  /** 95% Wald interval coef ± 1.959964·se. */
  ciLow: number;
  ciHigh: number;
  /** exp(coef): multiplicative change in the odds of bad per unit (or vs the reference level). */
  oddsRatio: number;
  oddsRatioCiLow: number;
  oddsRatioCiHigh: number;
  /** Variance inflation factor of the term; null for the intercept. */
  vif: number | null;
}

export interface ReferenceLevel {
  feature: string;
  reference: string;
}

export interface LogisticSummary {
  rows: number;
  bads: number;
  /** Number of non-intercept terms (statsmodels' Df Model). */
  dfModel: number;
  /** rows − terms − 1 (statsmodels' Df Residuals). */
  dfResiduals: number;
  terms: CoefficientRow[];
  referenceLevels: ReferenceLevel[];
  logLikelihood: number;
  /** Log-likelihood of the intercept-only model. */
  llNull: number;
  /** McFadden pseudo R² = 1 − LL/LL_null. */
  pseudoR2: number;
  /** Likelihood-ratio statistic 2·(LL − LL_null). */
  llr: number;
  /** P[χ²(dfModel) > LLR]. */
  llrPValue: number;
  /** −2·LL + 2·(terms + 1). */
  aic: number;
  /** −2·LL + ln(rows)·(terms + 1). */
  bic: number;
  iterations: number;
  converged: boolean;
  /** Largest |gradient| of the (penalized) log-likelihood at the estimate, per-standard-deviation scale. */
  maxAbsGradient: number;
  /** Convergence threshold on the largest Newton step (per-standard-deviation scale). */
  tolerance: number;
  l2: number;
  /** Training rows whose fitted probability is 0 or 1 to within 1e-8 (separation diagnostic). */
  perfectlyPredicted: number;
  warnings: string[];
}

export interface SummaryInputs {
  termNames: string[];
  termFeatures: { feature: string; level?: string }[];
  referenceLevels: ReferenceLevel[];
  coef: Float64Array;
  covariance: Float64Array;
  vif: Float64Array;
  rows: number;
  bads: number;
  logLikelihood: number;
  iterations: number;
  converged: boolean;
  maxAbsGradient: number;
  tolerance: number;
  l2: number;
  perfectlyPredicted: number;
  warnings: string[];
}

/** Log-likelihood of the intercept-only model: the sample bad rate for every row. */
export function nullLogLikelihood(rows: number, bads: number): number {
  const goods = rows - bads;
  const rate = bads / rows;
  return (bads > 0 ? bads * Math.log(rate) : 0) + (goods > 0 ? goods * Math.log1p(-rate) : 0);
}

const Z_975 = normalQuantile(0.975);

export function buildSummary(s: SummaryInputs): LogisticSummary {
  const k = s.coef.length;
  const terms: CoefficientRow[] = [];
  for (let j = 0; j < k; j++) {
    const coef = s.coef[j];
    const stdErr = Math.sqrt(s.covariance[j * k + j]);
    const z = coef / stdErr;
    const ciLow = coef - Z_975 * stdErr;
    const ciHigh = coef + Z_975 * stdErr;
    const source = j === 0 ? null : s.termFeatures[j - 1];
    terms.push({
      term: j === 0 ? 'const' : s.termNames[j - 1],
      feature: source ? source.feature : null,
      ...(source?.level !== undefined ? { level: source.level } : {}),
      coef,
      stdErr,
      z,
      pValue: twoSidedNormalP(z),
      ciLow,
      ciHigh,
      oddsRatio: Math.exp(coef),
      oddsRatioCiLow: Math.exp(ciLow),
      oddsRatioCiHigh: Math.exp(ciHigh),
      vif: j === 0 ? null : s.vif[j - 1],
    });
  }
  const llNull = nullLogLikelihood(s.rows, s.bads);
  const llr = 2 * (s.logLikelihood - llNull);
  const dfModel = k - 1;
  return {
    rows: s.rows,
    bads: s.bads,
    dfModel,
    dfResiduals: s.rows - k,
    terms,
    referenceLevels: s.referenceLevels,
    logLikelihood: s.logLikelihood,
    llNull,
    pseudoR2: 1 - s.logLikelihood / llNull,
    llr,
    llrPValue: dfModel > 0 ? chiSquareSf(llr, dfModel) : NaN,
    aic: -2 * s.logLikelihood + 2 * k,
    bic: -2 * s.logLikelihood + Math.log(s.rows) * k,
    iterations: s.iterations,
    converged: s.converged,
    maxAbsGradient: s.maxAbsGradient,
    tolerance: s.tolerance,
    l2: s.l2,
    perfectlyPredicted: s.perfectlyPredicted,
    warnings: s.warnings,
  };
}
