/** Tail-accurate normal and chi-square functions against scipy (fixture), and exact identities. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chiSquareSf, logGamma, normalCdf, normalQuantile, normalSf, twoSidedNormalP } from '../../../models/metrics';
import { relativeError } from '../../fixtures/models/compare';
import { REPO_ROOT } from '../../helpers/paths';

const fx = JSON.parse(readFileSync(join(REPO_ROOT, 'test/fixtures/models/metrics_reference.json'), 'utf8')) as {
  distributions: { normal_two_sided_p: number[][]; normal_cdf: number[][]; normal_quantile: number[][]; chi2_sf: number[][] };
};

describe('distribution functions vs scipy', () => {
  it('two-sided normal p-values to 1e-13 relative, down to z = 35 (p ~ 1e-268)', () => {
    for (const [z, p] of fx.distributions.normal_two_sided_p) {
      expect(relativeError(twoSidedNormalP(z), p), `z = ${z}`).toBeLessThan(1e-13);
      expect(twoSidedNormalP(-z)).toBe(twoSidedNormalP(z));
    }
  });

  it('normal CDF in both tails', () => {
    for (const [x, p] of fx.distributions.normal_cdf) expect(relativeError(normalCdf(x), p), `x = ${x}`).toBeLessThan(1e-13);
    expect(normalSf(3)).toBe(normalCdf(-3));
  });

  it('normal quantile to 1e-14 relative, including p = 1e-300', () => {
    for (const [p, x] of fx.distributions.normal_quantile) expect(relativeError(normalQuantile(p), x), `p = ${p}`).toBeLessThan(1e-14);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0)).toBe(-Infinity);
  });

  it('chi-square survival to 1e-12 relative', () => {
    for (const [x, df, p] of fx.distributions.chi2_sf) expect(relativeError(chiSquareSf(x, df), p), `χ²(${df}) > ${x}`).toBeLessThan(1e-12);
    expect(chiSquareSf(0, 3)).toBe(1);
  });

  it('log-gamma agrees with factorials', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(relativeError(logGamma(11), Math.log(3628800))).toBeLessThan(1e-14);
    expect(relativeError(logGamma(0.5), 0.5 * Math.log(Math.PI))).toBeLessThan(1e-14);
  });
});
