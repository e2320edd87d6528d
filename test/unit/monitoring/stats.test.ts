import { describe, expect, it } from 'vitest';
import { identity, matMul, wilson, zScore } from '../../../src/monitoring/stats';

describe('Wilson interval', () => {
  it('matches the textbook values', () => {
    // 0 of 10: upper bound z²/n / (1 + z²/n) = 0.3841459 / 1.3841459 = 0.277533
    const [lo, hi] = wilson(0, 10)!;
    expect(lo).toBe(0);
    expect(hi).toBeCloseTo(0.277533, 5);
    // 10 of 10 mirrors it
    expect(wilson(10, 10)![0]).toBeCloseTo(1 - 0.277533, 5);
    expect(wilson(0, 0)).toBeNull();
  });
});

describe('matrices and z-scores', () => {
  it('multiplies share matrices', () => {
    expect(matMul([[0.5, 0.5], [0, 1]], [[0.5, 0.5], [0, 1]])).toEqual([[0.25, 0.75], [0, 1]]);
    expect(matMul(identity(2), [[1, 2], [3, 4]])).toEqual([[1, 2], [3, 4]]);
  });

  it('scores against at least three earlier values with spread', () => {
    expect(zScore(10, [1, 2, 3])).toBe(8); // mean 2, sample sd 1
    expect(zScore(5, [2, 2])).toBeNull();
    expect(zScore(5, [4, 4, 4])).toBeNull();
    expect(zScore(null, [1, 2, 3])).toBeNull();
  });
});
