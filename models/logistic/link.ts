/** Logistic function p = 1/(1 + e^−η), without overflow or cancellation in either tail. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}
