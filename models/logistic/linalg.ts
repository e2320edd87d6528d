/**
 * Dense symmetric positive-definite algebra on row-major Float64Array (k × k, k = number of terms).
 * k is small (tens to a few hundred) while rows are many, so O(k³) here is negligible next to the
 * O(n·k²) cross-products; what matters is that the factorization tells us WHICH column broke it.
 */

export interface CholeskyResult {
  /** Lower-triangular factor L (row-major, upper part zero) with A = L·Lᵀ. */
  factor: Float64Array;
  /** −1 when A is positive definite; otherwise the first column that is (numerically) a combination of earlier ones. */
  failedColumn: number;
}

/**
 * Cholesky factorization without pivoting. A pivot that falls below `relativeTolerance` times the
 * column's original diagonal means that column adds (almost) nothing beyond the earlier columns:
 * exact collinearity, which the caller reports by name.
 */
export function cholesky(a: Float64Array, k: number, relativeTolerance = 1e-12): CholeskyResult {
  const l = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    let diag = a[j * k + j];
    for (let m = 0; m < j; m++) diag -= l[j * k + m] * l[j * k + m];
    if (!(diag > relativeTolerance * Math.abs(a[j * k + j])) || !(diag > 0)) return { factor: l, failedColumn: j };
    const ljj = Math.sqrt(diag);
    l[j * k + j] = ljj;
    for (let i = j + 1; i < k; i++) {
      let s = a[i * k + j];
      for (let m = 0; m < j; m++) s -= l[i * k + m] * l[j * k + m];
      l[i * k + j] = s / ljj;
    }
  }
  return { factor: l, failedColumn: -1 };
}

/** Solves (L·Lᵀ) x = b for x, given the Cholesky factor L. */
export function choleskySolve(l: Float64Array, k: number, b: Float64Array): Float64Array {
  const x = Float64Array.from(b);
  for (let i = 0; i < k; i++) {
    let s = x[i];
    for (let m = 0; m < i; m++) s -= l[i * k + m] * x[m];
    x[i] = s / l[i * k + i];
  }
  for (let i = k - 1; i >= 0; i--) {
    let s = x[i];
    for (let m = i + 1; m < k; m++) s -= l[m * k + i] * x[m];
    x[i] = s / l[i * k + i];
  }
  return x;
}

/** A⁻¹ from the Cholesky factor of A (symmetric result, row-major). */
export function choleskyInverse(l: Float64Array, k: number): Float64Array {
  const inv = new Float64Array(k * k);
  const e = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    e.fill(0);
    e[c] = 1;
    const col = choleskySolve(l, k, e);
    for (let r = 0; r < k; r++) inv[r * k + c] = col[r];
  }
  // Symmetrize: the two triangles differ only by rounding; statistics must not depend on which we read.
  for (let r = 0; r < k; r++) {
    for (let c = r + 1; c < k; c++) {
      const v = 0.5 * (inv[r * k + c] + inv[c * k + r]);
      inv[r * k + c] = v;
      inv[c * k + r] = v;
    }
  }
  return inv;
}
