/**
 * Separation diagnostics. When a feature (or combination) splits bads from goods perfectly for
 * some rows, the maximum-likelihood coefficients are infinite: Newton keeps pushing them out and
 * the fitted probabilities of those rows go to 0 or 1. We never throw for this: the analyst gets
 * the model and a clear warning naming the diverging terms, so they can drop a feature, merge
 * levels or add an L2 penalty.
 */
import type { Labels } from '../dataset';
import { sigmoid } from './link';

/**
 * A row counts as "perfectly predicted" when its fitted probability is within this of its outcome.
 * statsmodels' summary uses 1e-4, which in a million-row prime book flags ordinary low-PD loans;
 * 1e-8 (|log-odds| > 18.4) only flags what a finite, sensible fit does not produce.
 */
export const PERFECT_PREDICTION_TOLERANCE = 1e-8;

export interface SeparationCheck {
  perfectlyPredicted: number;
  warnings: string[];
}

/** |y − p| computed without forming 1 − p: the probability the fit gives to the outcome that did NOT happen. */
const missProbability = (eta: number, y: number): number => sigmoid(y === 1 ? -eta : eta);

/**
 * A converged Newton fit has found a finite maximum, which cannot exist under separation, so only a
 * fit that stopped without converging (or whose information matrix collapsed) is diagnosed; the
 * count of perfectly predicted rows is reported either way (a converged fit can legitimately give
 * an extreme loan a fitted PD within 1e-8 of its outcome).
 */
export function checkSeparation(
  y: Labels,
  linearPredictor: Float64Array,
  termNames: string[],
  fit: { converged: boolean; iterations: number; lastStep: Float64Array; hessianCollapsed: boolean },
): SeparationCheck {
  let perfect = 0;
  for (let i = 0; i < y.length; i++) if (missProbability(linearPredictor[i], y[i]) < PERFECT_PREDICTION_TOLERANCE) perfect++;
  const warnings: string[] = [];
  if (fit.converged && !fit.hessianCollapsed) return { perfectlyPredicted: perfect, warnings };
  const diverging: string[] = [];
  for (let j = 1; j < fit.lastStep.length; j++) if (Math.abs(fit.lastStep[j]) > 1e-3) diverging.push(termNames[j - 1]);
  const divergingText = diverging.length > 0 ? ` Coefficients still moving when the fit stopped: ${diverging.join(', ')}.` : '';
  if (perfect === y.length) {
    warnings.push(
      `Perfect separation: every one of the ${y.length} training rows is predicted exactly (fitted probability 0 or 1). ` +
        `The coefficients are not finite; their values, standard errors and p-values are meaningless.${divergingText} ` +
        'Remove the separating feature(s) or add an L2 penalty.',
    );
  } else if (perfect > 0) {
    warnings.push(
      `Quasi-separation: ${perfect} of ${y.length} training rows have fitted probabilities of 0 or 1 ` +
        `(within ${PERFECT_PREDICTION_TOLERANCE} of their outcome) and the fit did not converge.${divergingText} ` +
        'Those coefficients are heading to infinity and their standard errors are unreliable; merge sparse levels, ' +
        'remove the feature or add an L2 penalty.',
    );
  } else {
    warnings.push(
      `The fit stopped after ${fit.iterations} Newton iterations without converging; the coefficients may be unreliable.${divergingText}`,
    );
  }
  return { perfectlyPredicted: perfect, warnings };
}
