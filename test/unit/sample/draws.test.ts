import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { drawHash, normal, pickText, uniform } from '../../../src/sample/draws';
import { allRows } from '../../../src/workspace/workspace';

// The generator's randomness is only as good as these fragments: check them in DuckDB itself.
let instance: DuckDBInstance;
let c: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  c = await instance.connect();
  await c.run(`CREATE TABLE keys AS SELECT hash(42::BIGINT, range) AS key FROM range(200000)`);
});
afterAll(() => {
  c.closeSync();
  instance.closeSync();
});

describe('uniform draws', () => {
  it('lie in [0, 1) with the moments of a uniform', async () => {
    const [r] = await allRows<{ lo: number; hi: number; mean: number; variance: number }>(
      c,
      `SELECT min(u) AS lo, max(u) AS hi, avg(u) AS mean, var_pop(u) AS variance FROM (SELECT ${uniform('income')} AS u FROM keys)`,
    );
    expect(r.lo).toBeGreaterThanOrEqual(0);
    expect(r.hi).toBeLessThan(1);
    expect(r.mean).toBeCloseTo(0.5, 2);
    expect(r.variance).toBeCloseTo(1 / 12, 3);
  });

  it('are independent across draw names and indices of one key (DuckDB combines multi-argument hashes cheaply)', async () => {
    const [r] = await allRows<{ byName: number; byIndex: number; rawCombined: number }>(
      c,
      `SELECT corr(${uniform('product')}, ${uniform('employment')}) AS byName,
              corr(${uniform('onset', ['3'])}, ${uniform('onset', ['4'])}) AS byIndex,
              corr((hash(key, 'product') >> 11)::DOUBLE, (hash(key, 'employment') >> 11)::DOUBLE) AS rawCombined
       FROM keys`,
    );
    expect(Math.abs(r.byName)).toBeLessThan(0.01);
    expect(Math.abs(r.byIndex)).toBeLessThan(0.01);
    // The reason drawHash re-hashes: without it the two draws are strongly related.
    expect(Math.abs(r.rawCombined)).toBeGreaterThan(0.3);
  });

  it('fill a 10 x 10 grid of two draws evenly (joint uniformity)', async () => {
    const cells = await allRows<{ n: number }>(
      c,
      `SELECT count(*) AS n FROM keys GROUP BY floor(${uniform('a')} * 10), floor(${uniform('b')} * 10)`,
    );
    expect(cells).toHaveLength(100);
    // 2,000 expected per cell; a chi-square with 99 degrees of freedom stays far below 200.
    const chi2 = cells.reduce((s, { n }) => s + (n - 2000) ** 2 / 2000, 0);
    expect(chi2).toBeLessThan(200);
  });

  it('are a pure function of (key, name, index): recomputing gives the same hash', async () => {
    const [r] = await allRows<{ same: boolean; differ: boolean }>(
      c,
      `SELECT bool_and(${drawHash('x', ['7'])} = ${drawHash('x', ['7'])}) AS same,
              bool_and(${drawHash('x', ['7'])} <> ${drawHash('x', ['8'])}) AS differ FROM keys`,
    );
    expect(r).toEqual({ same: true, differ: true });
  });
});

describe('derived draws', () => {
  it('normal draws have mean 0 and standard deviation 1', async () => {
    const [r] = await allRows<{ mean: number; sd: number; tail: number }>(
      c,
      `SELECT avg(z) AS mean, stddev_pop(z) AS sd, avg((abs(z) > 1.96)::INTEGER) AS tail FROM (SELECT ${normal('score')} AS z FROM keys)`,
    );
    expect(r.mean).toBeCloseTo(0, 1);
    expect(r.sd).toBeCloseTo(1, 1);
    expect(r.tail).toBeGreaterThan(0.045);
    expect(r.tail).toBeLessThan(0.055);
  });

  it('pick follows the weights, whatever their scale', async () => {
    const rows = await allRows<{ v: string; share: number }>(
      c,
      `SELECT v, count(*) / 200000 AS share FROM (SELECT ${pickText(uniform('p'), [['a', 3], ['b', 1], ['c', 6]])} AS v FROM keys) GROUP BY v ORDER BY v`,
    );
    expect(rows.map((r) => r.v)).toEqual(['a', 'b', 'c']);
    expect(rows[0].share).toBeCloseTo(0.3, 1);
    expect(rows[1].share).toBeCloseTo(0.1, 1);
    expect(rows[2].share).toBeCloseTo(0.6, 1);
  });
});
