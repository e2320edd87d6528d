/** Small numeric helpers on aggregated results (never on loan-level data). */

/** 95% two-sided normal quantile. */
const Z95 = 1.959963984540054;

/**
 * Wilson score interval for a proportion k/n (Wilson 1927): unlike the normal approximation it
 * stays inside [0, 1] and behaves for small cells and shares near 0 or 1, which migration
 * matrices are full of.
 */
export function wilson(k: number, n: number, z = Z95): [number, number] | null {
  if (n <= 0) return null;
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export function matMul(a: number[][], b: number[][]): number[][] {
  return a.map((row) => b[0].map((_, j) => row.reduce((s, x, k) => s + x * b[k][j], 0)));
}

export function identity(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

/** z-score of `x` against earlier values; null with fewer than 3 of them or no spread. */
export function zScore(x: number | null, history: (number | null)[]): number | null {
  const h = history.filter((v): v is number => v !== null && Number.isFinite(v));
  if (x === null || h.length < 3) return null;
  const mean = h.reduce((s, v) => s + v, 0) / h.length;
  const sd = Math.sqrt(h.reduce((s, v) => s + (v - mean) ** 2, 0) / (h.length - 1));
  return sd === 0 ? null : (x - mean) / sd;
}
