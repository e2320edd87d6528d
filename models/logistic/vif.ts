/**
 * Variance inflation factors of the design terms: VIF_j = 1/(1 − R²_j), R²_j from regressing term
 * j on all other terms with an intercept. That equals the j-th diagonal element of the inverse
 * correlation matrix of the terms, which is how we compute it: one k×k inversion instead of k
 * regressions, and identical to statsmodels' variance_inflation_factor on a design with a constant.
 * One-hot terms get their own VIF (a categorical feature with many levels shows one per level).
 */
import { weightedCrossProducts } from './crossProducts';
import { cholesky, choleskyInverse } from './linalg';

/** `standardized` must be centred, unit-variance (population sd) columns, as the Newton fit leaves them. */
export function varianceInflationFactors(standardized: Float64Array[]): Float64Array {
  const k = standardized.length;
  const vif = new Float64Array(k);
  if (k === 0) return vif;
  if (k === 1) return vif.fill(1);
  const n = standardized[0].length;
  // Zᵀ·Z/n with unit weights; drop the intercept row/column the cross-product routine adds.
  const { hessian } = weightedCrossProducts(standardized, new Float64Array(n).fill(1), new Float64Array(n));
  const corr = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) corr[a * k + b] = hessian[(a + 1) * (k + 1) + (b + 1)] / n;
  const chol = cholesky(corr, k);
  // Collinear terms are rejected before this point; if rounding still breaks the factorization, the VIF is unbounded.
  if (chol.failedColumn >= 0) return vif.fill(Infinity);
  const inv = choleskyInverse(chol.factor, k);
  for (let j = 0; j < k; j++) vif[j] = inv[j * k + j];
  return vif;
}
