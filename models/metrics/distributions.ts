/**
 * The few distribution functions the models' statistics need, accurate to about 1e-15 relative
 * far into the tails (a coefficient with z = 27 has p ~ 1e-166, and the summary must still show
 * the same p-value statsmodels shows).
 *
 * - Normal tail: W. J. Cody's rational Chebyshev approximations (Math. Comp. 1969; ACM TOMS
 *   Algorithm 715), the method behind R's pnorm and scipy's ndtr accuracy class.
 * - Normal quantile: Wichura's AS 241 (PPND16), about 1e-16 relative.
 * - Chi-square tail: the regularized upper incomplete gamma function Q(k/2, x/2), by series or
 *   Lentz's continued fraction (Numerical Recipes, ch. 6.2), with a Lanczos log-gamma.
 */

const CODY_A = [2.2352520354606837, 161.02823106855587, 1067.6894854603709, 18154.98125334356, 0.06568233791820745];
const CODY_B = [47.202581904688245, 976.0985517377767, 10260.932208618979, 45507.78933502673];
const CODY_C = [
  0.39894151208813466, 8.883149794388377, 93.50665613217785, 597.2702763948002, 2494.5375852903726,
  6848.190450536283, 11602.65143764735, 9842.714838383978, 1.0765576773720192e-8,
];
const CODY_D = [
  22.266688044328117, 235.387901782625, 1519.3775994075547, 6485.558298266761, 18615.571640885097,
  34900.95272114598, 38912.00328609327, 19685.429676859992,
];
const CODY_P = [0.215898534057957, 0.12740116116024736, 0.022235277870649807, 0.0014216191932278934, 0.000029112874951168793, 0.023073441764940174];
const CODY_Q = [1.284260096144911, 0.4682382124808651, 0.06598813786892856, 0.0037823963320275824, 0.00007297515550839662];
const INV_SQRT_2PI = 0.3989422804014327;
const SQRT_32 = 5.656854249492381;

/**
 * exp(-y²/2) computed as exp(-a²/2)·exp(-(y-a)(y+a)/2) with `a` = y rounded down to 1/16:
 * the split keeps the cancellation in y² from costing digits (Cody's trick).
 */
function gaussianTailFactor(y: number): number {
  const a = Math.trunc(y * 16) / 16;
  const del = (y - a) * (y + a);
  return Math.exp(-a * a * 0.5) * Math.exp(-del * 0.5);
}

/** P[Z > |x|] for a standard normal Z; the smaller tail, accurate in relative terms. */
function normalSmallTail(x: number): number {
  const y = Math.abs(x);
  if (y <= 0.67448975) {
    const xsq = x * x;
    let xnum = CODY_A[4] * xsq;
    let xden = xsq;
    for (let i = 0; i < 3; i++) {
      xnum = (xnum + CODY_A[i]) * xsq;
      xden = (xden + CODY_B[i]) * xsq;
    }
    return 0.5 - (y * (xnum + CODY_A[3])) / (xden + CODY_B[3]);
  }
  if (y <= SQRT_32) {
    let xnum = CODY_C[8] * y;
    let xden = y;
    for (let i = 0; i < 7; i++) {
      xnum = (xnum + CODY_C[i]) * y;
      xden = (xden + CODY_D[i]) * y;
    }
    return gaussianTailFactor(y) * ((xnum + CODY_C[7]) / (xden + CODY_D[7]));
  }
  if (y >= 38.5) return 0; // below the smallest double
  const xsq = 1 / (y * y);
  let xnum = CODY_P[5] * xsq;
  let xden = xsq;
  for (let i = 0; i < 4; i++) {
    xnum = (xnum + CODY_P[i]) * xsq;
    xden = (xden + CODY_Q[i]) * xsq;
  }
  const r = (xsq * (xnum + CODY_P[4])) / (xden + CODY_Q[4]);
  return (gaussianTailFactor(y) * (INV_SQRT_2PI - r)) / y;
}

/** Standard normal CDF Φ(x). */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const tail = normalSmallTail(x);
  return x > 0 ? 1 - tail : tail;
}

/** Standard normal survival 1 − Φ(x), accurate for large x (no 1 − Φ cancellation). */
export function normalSf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const tail = normalSmallTail(x);
  return x > 0 ? tail : 1 - tail;
}

/** Two-sided p-value of a z statistic: P[|Z| > |z|], as statsmodels' `P>|z|`. */
export function twoSidedNormalP(z: number): number {
  if (Number.isNaN(z)) return NaN;
  return 2 * normalSmallTail(z);
}

/** Standard normal quantile Φ⁻¹(p), Wichura AS 241. */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((r * 2509.0809287301227 + 33430.57558358813) * r + 67265.7709270087) * r + 45921.95393154987) * r +
          13731.69376550946) * r + 1971.5909503065513) * r + 133.14166789178438) * r + 3.3871328727963665)) /
      (((((((r * 5226.495278852854 + 28729.085735721943) * r + 39307.89580009271) * r + 21213.794301586597) * r +
        5394.196021424751) * r + 687.1870074920579) * r + 42.31333070160091) * r + 1)
    );
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let val: number;
  if (r <= 5) {
    r -= 1.6;
    val =
      (((((((r * 0.0007745450142783414 + 0.022723844989269184) * r + 0.2417807251774506) * r + 1.2704582524523684) * r +
        3.6478483247632045) * r + 5.769497221460691) * r + 4.630337846156546) * r + 1.4234371107496835) /
      (((((((r * 1.0507500716444169e-9 + 0.0005475938084995345) * r + 0.015198666563616457) * r + 0.14810397642748008) * r +
        0.6897673349851) * r + 1.6763848301838038) * r + 2.053191626637759) * r + 1);
  } else {
    r -= 5;
    val =
      (((((((r * 2.0103343992922881e-7 + 0.000027115555687434876) * r + 0.0012426609473880784) * r + 0.026532189526576124) * r +
        0.29656057182850487) * r + 1.7848265399172913) * r + 5.463784911164114) * r + 6.657904643501103) /
      (((((((r * 2.0442631033899397e-15 + 1.421511758316446e-7) * r + 0.000018463183175100548) * r + 0.0007868691311456133) * r +
        0.014875361290850615) * r + 0.1369298809227358) * r + 0.599832206555888) * r + 1);
  }
  return q < 0 ? -val : val;
}

const LANCZOS_G = 7;
const LANCZOS = [
  0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406, 12.507343278686905,
  -0.13857109526572012, 0.000009984369578019572, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7), about 1e-15 relative. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + LANCZOS_G + 0.5;
  for (let i = 1; i < LANCZOS.length; i++) a += LANCZOS[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Regularized upper incomplete gamma Q(a, x) = Γ(a, x)/Γ(a). */
export function upperIncompleteGammaRatio(a: number, x: number): number {
  if (Number.isNaN(a) || Number.isNaN(x) || a <= 0) return NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  const logPrefix = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    // Series for the lower ratio P(a, x); Q = 1 − P (no cancellation worth fearing while x < a + 1).
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 10_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-17) break;
    }
    return 1 - sum * Math.exp(logPrefix);
  }
  // Continued fraction for Q(a, x), modified Lentz.
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(logPrefix) * h;
}

/** Chi-square survival P[χ²(df) > x]. */
export function chiSquareSf(x: number, df: number): number {
  if (!(df > 0)) return NaN;
  return upperIncompleteGammaRatio(df / 2, x / 2);
}
