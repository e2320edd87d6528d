/**
 * Weighted cross-products Zᵀ·W·Z, Zᵀ·r and their intercept row, the O(n·k²) heart of every Newton
 * step. Computed in blocks of rows so the block's slices of all k columns stay in cache while the
 * k(k+1)/2 pairs are formed: the naive column-pair loop streams the whole design from memory k²/2
 * times and is memory-bound. Block partial sums also keep rounding error lower than one running sum.
 */

const BLOCK_ROWS = 1024;

export interface CrossProducts {
  /** (k+1)² row-major, intercept first: [Σw, Σw·z_j; Σw·z_j, Σw·z_j·z_m]. */
  hessian: Float64Array;
  /** k+1: [Σr, Σz_j·r]. */
  gradient: Float64Array;
}

export function weightedCrossProducts(z: Float64Array[], weight: Float64Array, residual: Float64Array): CrossProducts {
  const k = z.length;
  const dim = k + 1;
  const n = weight.length;
  const hessian = new Float64Array(dim * dim);
  const gradient = new Float64Array(dim);
  const weighted = new Float64Array(k * BLOCK_ROWS);
  for (let r0 = 0; r0 < n; r0 += BLOCK_ROWS) {
    const len = Math.min(BLOCK_ROWS, n - r0);
    let sw = 0;
    let sr = 0;
    for (let i = 0; i < len; i++) {
      sw += weight[r0 + i];
      sr += residual[r0 + i];
    }
    hessian[0] += sw;
    gradient[0] += sr;
    for (let j = 0; j < k; j++) {
      const zj = z[j];
      const off = j * BLOCK_ROWS;
      let swz = 0;
      let srz = 0;
      for (let i = 0; i < len; i++) {
        const v = zj[r0 + i];
        const wv = weight[r0 + i] * v;
        weighted[off + i] = wv;
        swz += wv;
        srz += residual[r0 + i] * v;
      }
      hessian[j + 1] += swz;
      gradient[j + 1] += srz;
    }
    accumulatePairs(hessian, dim, weighted, z, k, r0, len);
  }
  // Mirror the upper triangle (and the intercept row) into the lower one.
  for (let a = 0; a < dim; a++) for (let b = a + 1; b < dim; b++) hessian[b * dim + a] = hessian[a * dim + b];
  return { hessian, gradient };
}

/**
 * H[j][m] += Σ_i weighted_j[i]·z_m[i] over one block, for m ≥ j, two rows × two columns at a time:
 * each pass loads four values for four products (instead of two for one), halving memory traffic.
 * Pairs with m < j inside a diagonal 2×2 tile are computed and ignored (the lower triangle is mirrored later).
 */
function accumulatePairs(hessian: Float64Array, dim: number, weighted: Float64Array, z: Float64Array[], k: number, r0: number, len: number): void {
  for (let j = 0; j < k; j += 2) {
    const a0 = j * BLOCK_ROWS;
    const pairJ = j + 1 < k;
    const a1 = pairJ ? a0 + BLOCK_ROWS : a0;
    for (let m = j; m < k; m += 2) {
      const z0 = z[m];
      const pairM = m + 1 < k;
      const z1 = pairM ? z[m + 1] : z0;
      let s00 = 0;
      let s01 = 0;
      let s10 = 0;
      let s11 = 0;
      for (let i = 0; i < len; i++) {
        const w0 = weighted[a0 + i];
        const w1 = weighted[a1 + i];
        const x0 = z0[r0 + i];
        const x1 = z1[r0 + i];
        s00 += w0 * x0;
        s01 += w0 * x1;
        s10 += w1 * x0;
        s11 += w1 * x1;
      }
      hessian[(j + 1) * dim + (m + 1)] += s00;
      if (pairM) hessian[(j + 1) * dim + (m + 2)] += s01;
      if (pairJ && m > j) hessian[(j + 2) * dim + (m + 1)] += s10;
      if (pairJ && pairM) hessian[(j + 2) * dim + (m + 2)] += s11;
    }
  }
}
