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

/** Earlier moves a period's move is judged against: about a year of monthly history. */
export const MOVE_HISTORY = 12;

/**
 * How unusual each period's move is, for a series of values (null = not measurable): the z-score of
 * the change on the previous value against the earlier changes (the last MOVE_HISTORY, at least 3).
 * Judging moves rather than levels keeps a steadily growing layer from being flagged every period
 * (a level against its own past is "unusual" all along a trend), while a jump still stands out.
 * A move off a perfectly flat history (every earlier change equal) is unusual whenever it differs:
 * its z is infinite, reported as null, and `unusual` says so.
 */
export function unusualMoves(values: (number | null)[]): { z: number | null; unusual: boolean }[] {
  const changes: (number | null)[] = values.map((v, i) => (i === 0 || v === null || values[i - 1] === null ? null : v - (values[i - 1] as number)));
  return changes.map((change, i) => {
    const past = changes.slice(0, i).filter((c): c is number => c !== null).slice(-MOVE_HISTORY);
    if (change === null || past.length < 3) return { z: null, unusual: false };
    const z = zScore(change, past);
    if (z !== null) return { z, unusual: Math.abs(z) > 2 };
    // Flat history: any different move is unusual (allow for rounding in sums of money).
    const mean = past.reduce((s, v) => s + v, 0) / past.length;
    return { z: null, unusual: Math.abs(change - mean) > 1e-9 * Math.max(1, Math.abs(mean)) };
  });
}
