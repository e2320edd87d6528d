import { describe, expect, it } from 'vitest';
import { identity, matMul, unusualMoves, wilson, zScore } from '../../../src/monitoring/stats';

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

  it('judges each move against the earlier moves, so a steady trend is not an anomaly but a jump is', () => {
    const flags = (xs: (number | null)[]) => unusualMoves(xs).map((m) => m.unusual);
    // A layer growing by 10 every month: never unusual (a level z-score would flag every month from the fourth).
    expect(flags([10, 20, 30, 40, 50, 60, 70])).toEqual([false, false, false, false, false, false, false]);
    // Flat moves, then a different one: unusual, with no finite z.
    expect(unusualMoves([10, 20, 30, 40, 90]).at(-1)).toEqual({ z: null, unusual: true });
    // Moves 2, −3, 2 then 19: mean 1/3, sample sd √(150/18); z = (19 − 1/3) / √(150/18) ≈ 6.466
    const last = unusualMoves([10, 12, 9, 11, 30]).at(-1)!;
    expect(last.unusual).toBe(true);
    expect(last.z).toBeCloseTo((19 - 1 / 3) / Math.sqrt(150 / 18), 12);
    // Fewer than three earlier moves: no judgement; a gap (null) breaks the moves around it.
    expect(unusualMoves([1, 5, 2])).toEqual([{ z: null, unusual: false }, { z: null, unusual: false }, { z: null, unusual: false }]);
    expect(flags([10, 20, null, 30, 40, 50, 60])).toEqual([false, false, false, false, false, false, false]);
    // Only the last 12 moves count: an old shock (+10,000) fades out of the history, so a +88 move after
    // twelve moves of +1 stands out (against all moves, the shock's spread would hide it: z ≈ −0.2).
    const calm = [0, 10_000, ...Array.from({ length: 13 }, (_, i) => 10_000 + i), 10_100];
    expect(flags(calm).at(-1)).toBe(true);
  });
});
