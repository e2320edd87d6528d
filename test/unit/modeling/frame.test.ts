/**
 * Table -> typed arrays: casting, NULL -> NaN, categorical level indexes, pages in rowid order (also
 * with deleted rows and statements run between pages), and the errors a user sees.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VigilError } from '../../../src/api/errors';
import { describeTable, featureSpecs, readDataset, streamDataset } from '../../../src/modeling/frame';
import { Workspace } from '../../../src/workspace/workspace';
import { tempDir } from '../../helpers/paths';

const tmp = tempDir('vigil-frame-');
let ws: Workspace;

beforeAll(async () => {
  ws = await Workspace.open(join(tmp.dir, 'frame.duckdb'));
  // 5000 rows: several DuckDB chunks; NULLs at chunk-internal, byte-boundary and next-chunk positions.
  await ws.run(`CREATE TABLE loans AS
    SELECT range AS loan_id,
           CASE WHEN range IN (7, 8, 2049, 4999) THEN NULL ELSE range * 1.5 END AS balance,
           CAST(range % 3 AS INTEGER) AS bucket,
           CASE range % 4 WHEN 0 THEN 'card' WHEN 1 THEN 'card' WHEN 2 THEN 'auto' ELSE NULL END AS product,
           DATE '2024-01-01' + CAST(range % 30 AS INTEGER) AS opened,
           'id-' || range AS ref
      FROM range(5000)`);
});
afterAll(async () => {
  await ws.close();
  tmp.cleanup();
});

const fails = async (p: Promise<unknown>): Promise<VigilError> => {
  try {
    await p;
  } catch (e) {
    return e as VigilError;
  }
  throw new Error('expected a failure');
};

describe('featureSpecs', () => {
  it('makes numbers numeric and text categorical with levels by frequency', async () => {
    const specs = await ws.withConnection(async (c) => featureSpecs(c, await describeTable(c, 'LOANS'), ['balance', 'Product']));
    expect(specs).toEqual([
      { name: 'balance', kind: 'numeric' },
      { name: 'product', kind: 'categorical', levels: ['card', 'auto'] },
    ]);
  });

  it('refuses dates, id-like text and unknown columns, naming the column', async () => {
    await ws.withConnection(async (c) => {
      const t = await describeTable(c, 'loans');
      const date = await fails(featureSpecs(c, t, ['opened']));
      expect(date.kind).toBe('bad_input');
      expect(date.details).toMatchObject({ column: 'opened', type: 'DATE' });
      const text = await fails(featureSpecs(c, t, ['ref']));
      expect(text.message).toMatch(/more than 64 distinct values/);
      const missing = await fails(featureSpecs(c, t, ['nope']));
      expect(missing.details).toMatchObject({ table: 'loans', column: 'nope' });
    });
    expect((await fails(ws.withConnection((c) => describeTable(c, 'no_such_table')))).kind).toBe('not_found');
  });
});

describe('readDataset and streamDataset', () => {
  it('reads every row in table order, NULL as NaN, categories as level indexes', async () => {
    const { dataset, extra } = await ws.withConnection(async (c) => {
      const specs = await featureSpecs(c, await describeTable(c, 'loans'), ['balance', 'product']);
      return readDataset(c, 'loans', specs, { extra: [{ name: 'id', sql: 'loan_id' }] });
    });
    expect(dataset.rows).toBe(5000);
    const [balance, product] = dataset.columns;
    for (const i of [0, 7, 8, 9, 2048, 2049, 2050, 4999]) {
      expect(extra.id[i]).toBe(i);
      expect(Number.isNaN(balance[i])).toBe([7, 8, 2049, 4999].includes(i));
      if (![7, 8, 2049, 4999].includes(i)) expect(balance[i]).toBe(i * 1.5);
    }
    expect([product[0], product[1], product[2], product[3]]).toEqual([0, 0, 1, NaN]);
  });

  it('pages give the same rows as one read, also after deletes, with statements run between pages', async () => {
    await ws.run('CREATE TABLE holes AS SELECT * FROM loans');
    await ws.run('DELETE FROM holes WHERE loan_id % 7 = 3 OR loan_id BETWEEN 1000 AND 1999');
    const pages: { offset: number; rows: number }[] = [];
    const ids: number[] = [];
    await ws.withConnection(async (c) => {
      const total = await streamDataset(
        c,
        'holes',
        [{ name: 'bucket', kind: 'numeric' }],
        777,
        async ({ dataset, extra, offset }) => {
          pages.push({ offset, rows: dataset.rows });
          ids.push(...extra.id);
          // The scorer appends between pages: a statement here must not cut the read short.
          await c.run('SELECT 42');
        },
        { extra: [{ name: 'id', sql: 'loan_id' }], where: 'loan_id % 2 = 0' },
      );
      expect(total).toBe(ids.length);
    });
    const expected = (await ws.all<{ loan_id: number }>('SELECT loan_id FROM holes WHERE loan_id % 2 = 0 ORDER BY loan_id')).map((r) => r.loan_id);
    expect(ids).toEqual(expected);
    expect(pages.length).toBeGreaterThan(3);
    pages.forEach((p, k) => expect(p.offset).toBe(k === 0 ? 0 : pages[k - 1].offset + pages[k - 1].rows));
  });

  it('refuses a category value the model never saw, with the value and its row count', async () => {
    const e = await fails(
      ws.withConnection((c) => readDataset(c, 'loans', [{ name: 'product', kind: 'categorical', levels: ['card'] }])),
    );
    expect(e.kind).toBe('bad_input');
    expect(e.details).toMatchObject({ table: 'loans', column: 'product', unseen: ['auto'] });
    expect(e.message).toContain('(1250 rows)');
  });
});
