/**
 * Who is simulated, and how many. The published sample is an extract of the loans on book at some
 * snapshot of the window, as a bank would pull it. To hold the steady-state stock of arrears and
 * workouts at the first snapshot, the simulation also runs loans that the extract may not show:
 *
 * - written in the window: a share `newShare` of the loans below other than pre-window ones;
 * - seasoned: on book when the window opens unless a default in the burn-in removed them,
 *   originated uniformly over the months that leave the loan on book then (term - 1 months, at most
 *   `MAX_SEASONING_MONTHS`; cards up to five years back);
 * - pre-window: consumer and small-business loans whose contractual maturity fell in the
 *   `arrearsHorizonMonths` before the window or at its first month-end, written at the same monthly
 *   volume as the seasoned cohorts. They are the loans a steady book has in late arrears or in
 *   workout although their schedule has run out; most paid off on time and never appear. Mortgages
 *   have none: no mortgage is older than `MAX_SEASONING_MONTHS`, so none has matured.
 *
 * Every simulated loan is a candidate, numbered 1, 2, 3...; the first `loans` candidates with a
 * panel row are published, so the extract has exactly the loans asked for, and loan numbers have
 * gaps where a loan left the book before the window. The few spare candidates after those are
 * dropped with their collection cases: a random 1-3% of the cases whatever their arm, so the
 * experiment stays randomised and very nearly balanced.
 */
import { MAX_SEASONING_MONTHS, PRODUCT_MIX, TERMS, arrearsHorizonMonths } from './calibration';

export interface PreWindowCohorts {
  product: keyof typeof TERMS;
  term: number;
  /** Months of pre-window originations: maturities from `cohorts - 1` months before the window to its first month. */
  cohorts: number;
  /** Volume of these cohorts relative to the whole seasoned book. */
  weight: number;
}

/** The pre-window originations of each term product and term, with their relative volume. */
export function preWindowCohorts(): PreWindowCohorts[] {
  const out: PreWindowCohorts[] = [];
  for (const [product, share] of PRODUCT_MIX) {
    if (product === 'credit_card') continue;
    const terms: readonly (readonly [number, number])[] = TERMS[product];
    const termTotal = terms.reduce((s, [, w]) => s + w, 0);
    for (const [term, termShare] of terms) {
      const seasonedCohorts = Math.min(term - 1, MAX_SEASONING_MONTHS);
      // Never older than the oldest origination the macro path covers.
      const cohorts = Math.max(0, Math.min(arrearsHorizonMonths(product), MAX_SEASONING_MONTHS - seasonedCohorts));
      if (cohorts > 0) out.push({ product, term, cohorts, weight: (share * termShare * cohorts) / (termTotal * seasonedCohorts) });
    }
  }
  return out;
}

/** Share of the candidates that are pre-window loans, for a window whose new loans are `newShare` of the book. */
export function preWindowShare(newShare: number): number {
  const volume = (1 - newShare) * preWindowCohorts().reduce((s, c) => s + c.weight, 0);
  return volume / (1 + volume);
}

/**
 * Candidates to simulate so that at least `loans` of them are on book in the window: the loans
 * asked for, plus the pre-window share. Pre-window loans still on book at the first snapshot
 * outnumber the seasoned loans that left in the burn-in (measured on 20,000 loans: 1% to 2.6% more
 * candidates on book than asked, for 120- to 2-month windows), and 20 spare candidates cover chance
 * in small samples. The surplus, the candidates with the highest numbers, is dropped.
 */
export function candidateCount(loans: number, newShare: number): number {
  return Math.ceil(loans / (1 - preWindowShare(newShare))) + 20;
}
