/** Accuracy of the predicted probabilities themselves (not only their ranking). */
import type { Labels } from '../dataset';
import { modelInputError } from '../encoding/errors';
import { checkScores } from './inputs';

function checkProbabilities(y: Labels, p: Float64Array): void {
  checkScores(y, p, 'probabilities');
  for (let i = 0; i < p.length; i++) {
    if (p[i] < 0 || p[i] > 1) throw modelInputError(`Probability at row ${i + 1} is ${p[i]}; probabilities must lie in [0, 1].`, { row: i + 1 });
  }
  if (y.length === 0) throw modelInputError('There are no rows to evaluate.');
}

/** Brier score: mean squared difference between the probability of bad and the outcome. */
export function brierScore(y: Labels, p: Float64Array): number {
  checkProbabilities(y, p);
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const d = p[i] - y[i];
    s += d * d;
  }
  return s / y.length;
}

/**
 * The clipping scikit-learn 1.2 applies in log_loss (eps="auto" for float64): probabilities are
 * clipped to [ε, 1 − ε] with ε = machine epsilon, so a confident wrong 0 or 1 costs ≈ 36 nats, not ∞.
 */
export const LOG_LOSS_EPSILON = Number.EPSILON;

/** Mean negative log-likelihood (natural log) of the outcomes, with scikit-learn's clipping. */
export function logLoss(y: Labels, p: Float64Array): number {
  checkProbabilities(y, p);
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const q = Math.min(Math.max(p[i], LOG_LOSS_EPSILON), 1 - LOG_LOSS_EPSILON);
    s -= y[i] === 1 ? Math.log(q) : Math.log1p(-q);
  }
  return s / y.length;
}
