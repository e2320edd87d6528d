/**
 * Newton–Raphson (IRLS) for the logistic log-likelihood with an optional L2 penalty.
 *
 * Raw credit features span 1e0..1e6 (ages, flags, balances), which makes the raw Hessian so badly
 * conditioned that a textbook solve loses most of its digits. So we fit on internally centred and
 * scaled columns z = (x − mean)/sd and map the coefficients and their covariance back with the exact
 * linear transform β = T·γ, Cov(β) = T·Cov(γ)·Tᵀ. Same maximum, same covariance, digits kept.
 *
 * The penalty is on the coefficients of the features AS GIVEN (like scikit-learn's C = 1/λ):
 * objective = LL(β) − (λ/2)·Σ_{j≥1} β_j², never on the intercept. On the scaled columns that is the
 * diagonal penalty (λ/2)·Σ γ_j²/sd_j².
 */
import type { Labels } from '../dataset';
import { modelInputError } from '../encoding/errors';
import type { ModelJob } from '../encoding/job';
import { weightedCrossProducts, type CrossProducts } from './crossProducts';
import { cholesky, choleskyInverse, choleskySolve } from './linalg';
import { standardizeInPlace, toRawScale } from './standardize';

export interface NewtonOptions {
  /** L2 penalty λ ≥ 0 on the non-intercept coefficients (raw feature scale). */
  l2: number;
  /** Converged when the largest Newton step on the standardized scale is at most this. */
  tolerance: number;
  maxIterations: number;
  job?: ModelJob;
}

export interface NewtonFit {
  /** [intercept, term coefficients...] on the raw feature scale. */
  coef: Float64Array;
  /** Inverse of the (penalized) negative Hessian at the optimum, raw scale, row-major (k+1)². */
  covariance: Float64Array;
  logLikelihood: number;
  iterations: number;
  converged: boolean;
  /** Largest |∂ penalized LL / ∂γ_j| at the returned point, on the standardized scale (γ_j = effect of 1 sd). */
  maxAbsGradient: number;
  /** Last Newton step per coefficient (standardized scale): large entries at a non-converged stop are diverging. */
  lastStep: Float64Array;
  /** Standardized-scale coefficients; |γ_j| is the log-odds change per standard deviation. */
  standardizedCoef: Float64Array;
  /** Term means and standard deviations used for the internal scaling (reused by VIF and reason codes). */
  means: Float64Array;
  scales: Float64Array;
  /** Linear predictor (log-odds) of each training row at the returned coefficients. */
  linearPredictor: Float64Array;
  /** True when the Hessian became singular because fitted probabilities hit 0 or 1 (separation). */
  hessianCollapsed: boolean;
}

interface Evaluation {
  eta: Float64Array;
  /** Penalized log-likelihood. */
  objective: number;
  logLikelihood: number;
}

function evaluate(z: Float64Array[], y: Labels, gamma: Float64Array, penalty: Float64Array, eta: Float64Array): Evaluation {
  eta.fill(gamma[0]);
  for (let j = 0; j < z.length; j++) {
    const g = gamma[j + 1];
    const c = z[j];
    for (let i = 0; i < eta.length; i++) eta[i] += g * c[i];
  }
  let ll = 0;
  for (let i = 0; i < eta.length; i++) {
    const e = eta[i];
    // y·η − log(1 + e^η), with the softplus written so it never overflows.
    ll += (y[i] === 1 ? e : 0) - (Math.max(e, 0) + Math.log1p(Math.exp(-Math.abs(e))));
  }
  let pen = 0;
  for (let j = 1; j < gamma.length; j++) pen += penalty[j] * gamma[j] * gamma[j];
  return { eta, objective: ll - 0.5 * pen, logLikelihood: ll };
}

/** Gradient and negative Hessian of the penalized LL at η (standardized scale, intercept first). */
function derivatives(
  z: Float64Array[],
  y: Labels,
  eta: Float64Array,
  gamma: Float64Array,
  penalty: Float64Array,
  scratch: { residual: Float64Array; weight: Float64Array },
): CrossProducts {
  const k = z.length + 1;
  const { residual, weight } = scratch;
  for (let i = 0; i < eta.length; i++) {
    const e = Math.exp(-Math.abs(eta[i]));
    const p = eta[i] >= 0 ? 1 / (1 + e) : e / (1 + e);
    residual[i] = y[i] - p;
    // p(1 − p) without the cancellation of 1 − p near 1.
    weight[i] = e / ((1 + e) * (1 + e));
  }
  const d = weightedCrossProducts(z, weight, residual);
  for (let j = 1; j < k; j++) {
    d.gradient[j] -= penalty[j] * gamma[j];
    d.hessian[j * k + j] += penalty[j];
  }
  return d;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/**
 * Fits the model. `columns` are the raw design columns (no intercept); they are standardized IN
 * PLACE (the caller hands over freshly encoded copies, so no extra n×k memory is needed).
 */
export function newtonLogistic(columns: Float64Array[], y: Labels, termNames: string[], options: NewtonOptions): NewtonFit {
  const n = y.length;
  const k = columns.length + 1;
  const { means, scales } = standardizeInPlace(columns, termNames);
  const z = columns;
  const penalty = new Float64Array(k);
  for (let j = 1; j < k; j++) penalty[j] = options.l2 / (scales[j - 1] * scales[j - 1]);

  const gamma = new Float64Array(k);
  let bads = 0;
  for (let i = 0; i < n; i++) bads += y[i];
  // Start at the intercept-only optimum: one Newton step fewer, and never a degenerate start.
  gamma[0] = Math.log(bads / (n - bads));
  const scratch = { residual: new Float64Array(n), weight: new Float64Array(n) };
  let current = evaluate(z, y, gamma, penalty, new Float64Array(n));
  let spareEta: Float64Array = new Float64Array(n);
  const lastStep = new Float64Array(k);
  let iterations = 0;
  let converged = false;
  let hessianCollapsed = false;

  while (iterations < options.maxIterations) {
    options.job?.throwIfCancelled();
    const { gradient, hessian } = derivatives(z, y, current.eta, gamma, penalty, scratch);
    const chol = cholesky(hessian, k);
    if (chol.failedColumn >= 0) {
      // A singular Hessian at a point the iterations reached means the weights p(1−p) collapsed
      // (separation) when the start was fine; at the start it means collinear terms.
      if (iterations > 0) {
        hessianCollapsed = true;
        break;
      }
      const name = chol.failedColumn === 0 ? 'the intercept' : `"${termNames[chol.failedColumn - 1]}"`;
      throw modelInputError(
        `${name} is an exact linear combination of the terms before it (perfect collinearity); remove it or one of those terms.`,
        { term: chol.failedColumn === 0 ? 'const' : termNames[chol.failedColumn - 1] },
      );
    }
    const step = choleskySolve(chol.factor, k, gradient);
    iterations++;
    // Step halving: Newton on a concave objective rarely needs it, but it keeps a bad start
    // or a near-separated sample from overshooting into a worse fit.
    let scale = 1;
    let candidate: Evaluation | null = null;
    const trial = new Float64Array(k);
    for (let halving = 0; halving < 40; halving++) {
      for (let j = 0; j < k; j++) trial[j] = gamma[j] + scale * step[j];
      const e = evaluate(z, y, trial, penalty, spareEta);
      if (e.objective >= current.objective - 1e-12 * Math.abs(current.objective)) {
        candidate = e;
        break;
      }
      scale *= 0.5;
    }
    for (let j = 0; j < k; j++) lastStep[j] = scale * step[j];
    if (candidate === null) {
      // No step size improves the objective: either we are already at the optimum to rounding
      // (the Newton step itself is negligible) or the fit is stuck, which is reported as not converged.
      converged = maxAbs(step) <= options.tolerance;
      break;
    }
    gamma.set(trial);
    spareEta = current.eta;
    current = candidate;
    options.job?.progress(iterations, null, `Newton iteration ${iterations}: log-likelihood ${current.logLikelihood.toFixed(4)}`);
    if (maxAbs(lastStep) <= options.tolerance) {
      converged = true;
      break;
    }
  }

  const { gradient, hessian } = derivatives(z, y, current.eta, gamma, penalty, scratch);
  const chol = cholesky(hessian, k, 0);
  const covStd = chol.failedColumn >= 0 ? new Float64Array(k * k).fill(NaN) : choleskyInverse(chol.factor, k);
  if (chol.failedColumn >= 0) hessianCollapsed = true;
  const { coef, covariance } = toRawScale(gamma, covStd, means, scales);
  return {
    coef,
    covariance,
    logLikelihood: current.logLikelihood,
    iterations,
    converged,
    maxAbsGradient: maxAbs(gradient),
    lastStep,
    standardizedCoef: gamma,
    means,
    scales,
    linearPredictor: current.eta,
    hessianCollapsed,
  };
}
