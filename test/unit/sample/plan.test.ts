import { describe, expect, it } from 'vitest';
import { VigilError } from '../../../src/api/errors';
import { MAX_SEASONING_MONTHS, arrearsHorizonMonths } from '../../../src/sample/calibration';
import { planSample } from '../../../src/sample/plan';
import { preWindowCohorts } from '../../../src/sample/population';

function badInputOf(fn: () => unknown): VigilError {
  try {
    fn();
  } catch (e) {
    if (e instanceof VigilError) return e;
    throw e;
  }
  throw new Error('expected a bad_input error');
}

describe('planSample', () => {
  it('fills the documented defaults: 50,000 loans, 24 months ending 2026-10-31', () => {
    const p = planSample({});
    expect(p).toMatchObject({ loans: 50_000, months: 24, seed: 20261125, replace: false });
    expect(p.lastSnapshot).toBe('2026-10-31');
    expect(p.firstSnapshot).toBe('2024-11-30');
    expect(p.firstMonth).toBe('2024-11-01');
  });

  it('places the window by the last snapshot month, across year ends and leap years', () => {
    const p = planSample({ months: 12, lastSnapshot: '2024-02-10' });
    expect(p.lastSnapshot).toBe('2024-02-29');
    expect(p.firstSnapshot).toBe('2023-03-31');
    expect(planSample({ months: 6, lastSnapshot: '2025-01' }).firstMonth).toBe('2024-08-01');
  });

  it('rejects values a user could mistype, saying which field', () => {
    for (const [args, field] of [
      [{ loans: 0 }, 'loans'],
      [{ loans: 1.5 }, 'loans'],
      [{ loans: 10_000_000 }, 'loans'],
      [{ months: 1 }, 'months'],
      [{ months: 121 }, 'months'],
      [{ seed: -1 }, 'seed'],
      [{ seed: '7' as unknown as number }, 'seed'],
      [{ replace: 'yes' as unknown as boolean }, 'replace'],
      [{ lastSnapshot: '2026-13-01' }, 'lastSnapshot'],
      [{ lastSnapshot: 'October' }, 'lastSnapshot'],
    ] as const) {
      const e = badInputOf(() => planSample(args));
      expect(e.kind).toBe('bad_input');
      expect(e.details?.field).toBe(field);
    }
  });
});

describe('the simulated population', () => {
  it('adds pre-window consumer and small-business cohorts, within the macro path and the arrears horizon', () => {
    const cohorts = preWindowCohorts();
    expect(new Set(cohorts.map((c) => c.product))).toEqual(new Set(['consumer', 'small_business']));
    for (const c of cohorts) {
      // The oldest pre-window loan was written term - 1 + cohorts months before the window.
      expect(c.term - 1 + c.cohorts, `${c.product} ${c.term}`).toBeLessThanOrEqual(MAX_SEASONING_MONTHS);
      expect(c.cohorts).toBeLessThanOrEqual(arrearsHorizonMonths(c.product));
      expect(c.weight).toBeGreaterThan(0);
    }
    // Short loans need the most pre-window cohorts for each seasoned one.
    const consumer = cohorts.filter((c) => c.product === 'consumer').sort((a, b) => a.term - b.term);
    consumer.slice(1).forEach((c, i) => expect(c.weight).toBeLessThan(consumer[i].weight));
  });

  it('simulates more candidates than loans asked for, the more the shorter the window', () => {
    const short = planSample({ months: 2, loans: 10_000 });
    const long = planSample({ months: 120, loans: 10_000 });
    expect(short.preWindowShare).toBeGreaterThan(long.preWindowShare);
    expect(long.preWindowShare).toBeGreaterThan(0.05);
    expect(short.candidates).toBeGreaterThan(long.candidates);
    expect(long.candidates).toBeGreaterThan(10_000 / (1 - long.preWindowShare));
    expect(planSample({ loans: 1 }).candidates).toBeGreaterThan(1);
  });
});
