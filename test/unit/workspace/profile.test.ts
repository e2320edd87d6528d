import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnProfile } from '../../../src/api/workspace';
import type { Workspace } from '../../../src/workspace/workspace';
import { profileTable } from '../../../src/workspace/profile';
import { REPO_ROOT } from '../../helpers/paths';
import { errorOf, loadUciTable, openTempWorkspace, testJob } from './fixtures';

interface ReferenceColumn {
  count: number;
  missing: number;
  distinct: number;
  min: number;
  max: number;
  mean: number;
  std: number;
  quantiles: Record<string, number>;
  top: { value: number; count: number }[];
  histogram: { x0: number; x1: number; count: number }[];
}
// pandas/numpy figures, made by test/fixtures/scripts/uci_profile_reference.py.
const reference = JSON.parse(
  readFileSync(join(REPO_ROOT, 'test/fixtures/workspace/uci_profile_reference.json'), 'utf8'),
) as { rows: number; columns: Record<string, ReferenceColumn> };

const byName = (cols: ColumnProfile[], name: string) => {
  const col = cols.find((c) => c.name === name);
  if (!col) throw new Error(`no profile for ${name}`);
  return col;
};

describe('workspace.profile', () => {
  let ws: Workspace;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ ws, cleanup } = await openTempWorkspace());
    await loadUciTable(ws, 'uci');
    await ws.run(`CREATE TABLE edge AS SELECT * FROM (VALUES
      (1, 5, NULL::DOUBLE, 'NaN'::DOUBLE, '上海', DATE '2024-01-31', TIMESTAMP '2024-01-31 09:30:00', true, [1, 2]),
      (2, 5, NULL, 'inf'::DOUBLE, '北京', DATE '2023-12-31', TIMESTAMP '2023-12-31 23:59:59', false, [3]),
      (3, 5, NULL, 1.5, '上海', NULL, NULL, true, NULL),
      (4, 5, NULL, 2.5, NULL, DATE '2024-06-30', TIMESTAMP '2024-06-30 00:00:00', NULL, []))
      AS t(id, constant, all_null, odd_double, city, due_date, paid_at, settled, tags)`);
    await ws.run('CREATE TABLE empty_book (id INTEGER, balance DECIMAL(18,2))');
  });
  afterAll(() => cleanup());

  it('matches pandas on the real UCI accounts', async () => {
    const job = testJob();
    const columns = Object.keys(reference.columns);
    const result = await profileTable(ws, { table: 'uci', columns }, job);
    expect(result.table).toBe('uci');
    expect(result.rows).toBe(reference.rows);
    expect(result.columns.map((c) => c.name)).toEqual(columns);
    for (const name of columns) {
      const ref = reference.columns[name];
      const got = byName(result.columns, name);
      expect(got.count, name).toBe(ref.count);
      expect(got.missing, name).toBe(ref.missing);
      expect(got.missingPct, name).toBe(0);
      expect(got.distinct, name).toBe(ref.distinct);
      expect(got.min, name).toBe(ref.min);
      expect(got.max, name).toBe(ref.max);
      expect(got.mean!, name).toBeCloseTo(ref.mean, 6);
      expect(got.std! / ref.std, name).toBeCloseTo(1, 10);
      for (const [k, v] of Object.entries(ref.quantiles)) {
        expect(got.quantiles?.[k as keyof NonNullable<ColumnProfile['quantiles']>], `${name} ${k}`).toBeCloseTo(v, 6);
      }
      expect(got.top.map((t) => ({ value: Number(t.value), count: t.count })), name).toEqual(ref.top);
      expect(got.histogram.map((b) => b.count), name).toEqual(ref.histogram.map((b) => b.count));
      got.histogram.forEach((b, i) => {
        expect(b.x0, `${name} bin ${i}`).toBeCloseTo(ref.histogram[i].x0, 6);
        expect(b.x1, `${name} bin ${i}`).toBeCloseTo(ref.histogram[i].x1, 6);
      });
    }
  });

  it('reports progress once per column and finishes at the total', async () => {
    const job = testJob();
    const result = await profileTable(ws, { table: 'uci' }, job);
    expect(result.columns).toHaveLength(25);
    const perColumn = job.calls.filter((c) => c.message?.startsWith('Profiling column'));
    expect(perColumn.map((c) => c.done)).toEqual([...Array(25).keys()]);
    expect(perColumn[2].message).toBe('Profiling column SEX (3 of 25)');
    expect(job.calls.at(-1)).toMatchObject({ done: 25, total: 25 });
  });

  it('handles constant, all-missing, non-finite, text, date, boolean and list columns', async () => {
    const { columns, rows } = await profileTable(ws, { table: 'edge' }, testJob());
    expect(rows).toBe(4);

    // Unique values: the top list is the smallest ones, each seen once.
    expect(byName(columns, 'id').top).toEqual(['1', '2', '3', '4'].map((value) => ({ value, count: 1 })));

    const constant = byName(columns, 'constant');
    expect(constant).toMatchObject({ count: 4, missing: 0, distinct: 1, min: 5, max: 5, mean: 5, std: 0 });
    expect(constant.histogram).toEqual([{ x0: 5, x1: 5, count: 4 }]);
    expect(constant.quantiles?.p50).toBe(5);

    const allNull = byName(columns, 'all_null');
    expect(allNull).toMatchObject({ count: 0, missing: 4, missingPct: 100, distinct: 0, min: null, max: null });
    expect(allNull).toMatchObject({ mean: null, std: null, quantiles: null, top: [], histogram: [] });

    // NaN and infinity are present values, but only finite ones enter the statistics and bins.
    const odd = byName(columns, 'odd_double');
    expect(odd).toMatchObject({ count: 4, missing: 0, distinct: 4, min: 1.5, max: 2.5, mean: 2 });
    expect(odd.quantiles?.p50).toBe(2);
    expect(odd.histogram).toHaveLength(20);
    expect(odd.histogram[0]).toMatchObject({ x0: 1.5, count: 1 });
    expect(odd.histogram[19]).toMatchObject({ x1: 2.5, count: 1 });
    expect(odd.histogram.reduce((s, b) => s + b.count, 0)).toBe(2);

    const city = byName(columns, 'city');
    expect(city).toMatchObject({ type: 'VARCHAR', count: 3, missing: 1, missingPct: 25, distinct: 2, mean: null });
    expect(city.top).toEqual([
      { value: '上海', count: 2 },
      { value: '北京', count: 1 },
    ]);
    expect(city.histogram).toEqual([]);
    expect(city.quantiles).toBeNull();

    expect(byName(columns, 'due_date')).toMatchObject({ type: 'DATE', min: '2023-12-31', max: '2024-06-30', missing: 1 });
    const paid = byName(columns, 'paid_at');
    expect(paid).toMatchObject({ min: '2023-12-31T23:59:59', max: '2024-06-30T00:00:00' });
    expect(paid.top[0].value).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(byName(columns, 'settled').top).toEqual([
      { value: 'true', count: 2 },
      { value: 'false', count: 1 },
    ]);
    const tags = byName(columns, 'tags');
    expect(tags).toMatchObject({ count: 3, missing: 1, distinct: 3, min: null, max: null, histogram: [] });
    expect(tags.top.map((t) => t.value).sort()).toEqual(['[1, 2]', '[3]', '[]']);
  });

  it('profiles an empty table without dividing by zero', async () => {
    const { rows, columns } = await profileTable(ws, { table: 'EMPTY_BOOK' }, testJob());
    expect(rows).toBe(0);
    expect(columns.map((c) => [c.name, c.type, c.count, c.missingPct, c.histogram.length])).toEqual([
      ['id', 'INTEGER', 0, 0, 0],
      ['balance', 'DECIMAL(18,2)', 0, 0, 0],
    ]);
  });

  it('rejects unknown tables and columns', async () => {
    expect((await errorOf(profileTable(ws, { table: 'nope' }, testJob()))).kind).toBe('not_found');
    const e = await errorOf(profileTable(ws, { table: 'uci', columns: ['AGE', 'SALARY'] }, testJob()));
    expect(e.kind).toBe('not_found');
    expect(e.details).toMatchObject({ table: 'uci', column: 'SALARY' });
    expect((await errorOf(profileTable(ws, { table: 'uci', columns: 'AGE' }, testJob()))).kind).toBe('bad_input');
  });

  it('stops between columns when cancelled', async () => {
    const job = testJob({ cancelAfterProgress: 3 });
    const e = await errorOf(profileTable(ws, { table: 'uci' }, job));
    expect(e.kind).toBe('cancelled');
    expect(job.calls).toHaveLength(3);
  });
});
