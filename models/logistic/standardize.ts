/**
 * The internal centring and scaling of the design, and its exact inverse for the estimates.
 * With z_j = (x_j − mean_j)/sd_j the model η = γ_0 + Σ γ_j·z_j is the same model as
 * η = β_0 + Σ β_j·x_j with β = T·γ, so coefficients and covariance map back exactly.
 */
import { modelInputError } from '../encoding/errors';

export function sum(a: Float64Array): number {
  let s0 = 0;
  let s1 = 0;
  let i = 0;
  for (; i + 1 < a.length; i += 2) {
    s0 += a[i];
    s1 += a[i + 1];
  }
  if (i < a.length) s0 += a[i];
  return s0 + s1;
}

/** Centres and scales each column IN PLACE (two-pass mean and population sd); returns the means and sds. */
export function standardizeInPlace(columns: Float64Array[], termNames: string[]): { means: Float64Array; scales: Float64Array } {
  const k = columns.length;
  const means = new Float64Array(k);
  const scales = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const c = columns[j];
    const n = c.length;
    const mean = sum(c) / n;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const d = c[i] - mean;
      c[i] = d;
      ss += d * d;
    }
    const sd = Math.sqrt(ss / n);
    if (!(sd > 0) || sd <= Math.abs(mean) * 1e-13) {
      throw modelInputError(`"${termNames[j]}" has the same value on every training row, so its effect cannot be estimated; remove it.`, {
        term: termNames[j],
      });
    }
    for (let i = 0; i < n; i++) c[i] /= sd;
    means[j] = mean;
    scales[j] = sd;
  }
  return { means, scales };
}

/**
 * Maps standardized coefficients γ and their covariance back to the raw scale:
 * β_j = γ_j/sd_j, β_0 = γ_0 − Σ γ_j·mean_j/sd_j, Cov(β) = T·Cov(γ)·Tᵀ.
 */
export function toRawScale(gamma: Float64Array, cov: Float64Array, means: Float64Array, scales: Float64Array): { coef: Float64Array; covariance: Float64Array } {
  const k = gamma.length;
  const t = new Float64Array(k * k);
  t[0] = 1;
  for (let j = 1; j < k; j++) {
    t[j] = -means[j - 1] / scales[j - 1];
    t[j * k + j] = 1 / scales[j - 1];
  }
  const coef = new Float64Array(k);
  for (let r = 0; r < k; r++) {
    let s = 0;
    for (let c = 0; c < k; c++) s += t[r * k + c] * gamma[c];
    coef[r] = s;
  }
  const tc = new Float64Array(k * k);
  for (let r = 0; r < k; r++) {
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let m = 0; m < k; m++) s += t[r * k + m] * cov[m * k + c];
      tc[r * k + c] = s;
    }
  }
  const covariance = new Float64Array(k * k);
  for (let r = 0; r < k; r++) {
    for (let c = r; c < k; c++) {
      let s = 0;
      for (let m = 0; m < k; m++) s += tc[r * k + m] * t[c * k + m];
      covariance[r * k + c] = s;
      covariance[c * k + r] = s;
    }
  }
  return { coef, covariance };
}
