/** SQL for level-payment (annuity) loans: what term loans in the sample amortise by. */

/** Principal outstanding after `paid` of `n` monthly instalments on `principal` at annual `rate`. */
export function annuityBalance(principal: string, rate: string, n: string, paid: string): string {
  const g = `(1 + ${rate} / 12)`;
  return `(${principal} * (pow(${g}, ${n}) - pow(${g}, ${paid})) / (pow(${g}, ${n}) - 1))`;
}

/** Level monthly instalment of `principal` over `n` months at annual `rate`. */
export function annuityPayment(principal: string, rate: string, n: string): string {
  return `(${principal} * (${rate} / 12) / (1 - pow(1 + ${rate} / 12, -(${n}))))`;
}

/** Principal an instalment of `payment` can service over `n` months at annual `rate` (present value). */
export function annuityPrincipal(payment: string, rate: string, n: string): string {
  return `(${payment} * (1 - pow(1 + ${rate} / 12, -(${n}))) / (${rate} / 12))`;
}

/**
 * `annuityBalance` with the loan's constants precomputed: `growth` = 1 + rate / 12 and
 * `growthToTerm` = growth ^ n. The monthly panel evaluates this for millions of rows, and one
 * pow() per row instead of two is a measurable share of its time.
 */
export function annuityBalanceFast(principal: string, growth: string, growthToTerm: string, paid: string): string {
  return `(${principal} * (${growthToTerm} - pow(${growth}, ${paid})) / (${growthToTerm} - 1))`;
}

/** Level instalment from the same precomputed constants: P * i * g^n / (g^n - 1). */
export function annuityPaymentFast(principal: string, growth: string, growthToTerm: string): string {
  return `(${principal} * (${growth} - 1) * ${growthToTerm} / (${growthToTerm} - 1))`;
}
