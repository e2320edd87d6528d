/**
 * The outcome mapping, the holdout condition check and default feature choice: the guards that stand
 * between an analyst's input and the models.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VigilError } from '../../../src/api/errors';
import { chooseFeatures, defaultFeatures, isIdLike } from '../../../src/modeling/features';
import { describeTable, type TableColumns } from '../../../src/modeling/frame';
import { checkPredicate, resolveTarget } from '../../../src/modeling/target';
import { Workspace } from '../../../src/workspace/workspace';
import { tempDir } from '../../helpers/paths';

const tmp = tempDir('vigil-target-');
let ws: Workspace;
let t: TableColumns;

beforeAll(async () => {
  ws = await Workspace.open(join(tmp.dir, 'target.duckdb'));
  await ws.run(`CREATE TABLE book AS
    SELECT range AS loan_id, range + 100 AS "customerId", CAST(range % 2 AS INTEGER) AS defaulted, range % 2 = 1 AS bad_flag,
           CASE range % 3 WHEN 0 THEN 'M1' WHEN 1 THEN 'M2+' ELSE 'current' END AS status,
           CAST(range * 10 AS DOUBLE) AS balance, CAST(range % 5 AS INTEGER) AS paid, 'x' AS note,
           CASE WHEN range < 8 THEN '2024-0' || (1 + range % 9) ELSE '2024-10' END AS month
      FROM range(12)`);
  t = await ws.withConnection((c) => describeTable(c, 'book'));
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

describe('resolveTarget', () => {
  it('takes 0/1 and false/true flags as they are', async () => {
    await ws.withConnection(async (c) => {
      expect((await resolveTarget(c, t, 'defaulted')).bad).toEqual(['1']);
      expect((await resolveTarget(c, t, 'BAD_FLAG')).bad).toEqual(['true']);
    });
  });

  it('asks for the bad values of any other column, then maps them', async () => {
    await ws.withConnection(async (c) => {
      const e = await fails(resolveTarget(c, t, 'status'));
      expect(e.message).toMatch(/not a 0\/1 flag \(values: M1, M2\+, current\)/);
      const m = await resolveTarget(c, t, 'status', ['M1', 'M2+']);
      expect(m.bad).toEqual(['M1', 'M2+']);
      expect(m.values).toEqual([
        { value: 'M1', rows: 4 },
        { value: 'M2+', rows: 4 },
        { value: 'current', rows: 4 },
      ]);
      expect((await fails(resolveTarget(c, t, 'status', ['M3']))).message).toMatch(/has no value "M3"/);
      expect((await fails(resolveTarget(c, t, 'status', ['M1', 'M2+', 'current']))).message).toMatch(/leave at least one good/);
      expect((await fails(resolveTarget(c, t, 'note'))).message).toMatch(/1 distinct value/);
    });
  });
});

describe('checkPredicate', () => {
  it('counts the rows a valid condition selects', async () => {
    await ws.withConnection(async (c) => {
      expect(await checkPredicate(c, 'book', "month >= '2024-07'")).toBe(6);
      expect(await checkPredicate(c, 'book', "status = 'M2+' AND (balance > 20)")).toBe(3);
      expect(await checkPredicate(c, 'book', "status IN ('(', ')')")).toBe(0);
    });
  });

  it('refuses anything that is not one expression over the table', async () => {
    await ws.withConnection(async (c) => {
      for (const bad of ['1=1) OR (1=1', 'TRUE; DROP TABLE book', 'TRUE -- comment', 'TRUE /* x */', "month = 'open", 'no_such_column > 1', '']) {
        const e = await fails(checkPredicate(c, 'book', bad));
        expect(e.kind, bad).toBe('bad_input');
        expect(e.details?.predicate, bad).toBe(bad);
      }
    });
    expect((await ws.all<{ n: number }>('SELECT count(*) AS n FROM book'))[0].n).toBe(12);
  });
});

describe('feature choice', () => {
  it('recognises identifier names, not words that merely end in "id"', () => {
    for (const id of ['ID', 'loan_id', 'customerId', 'account_no', 'contract number', 'id_card', '客户编号']) expect(isIdLike(id), id).toBe(true);
    for (const not of ['paid', 'valid', 'PAY_0', 'LIMIT_BAL', 'idle_days', 'bid_amount']) expect(isIdLike(not), not).toBe(false);
  });

  it('defaults to numeric columns except the target and ids', () => {
    expect(defaultFeatures(t, 'defaulted')).toEqual(['balance', 'paid']);
  });

  it('checks an explicit list against the table', () => {
    expect(chooseFeatures(t, 'defaulted', ['BALANCE', 'status'])).toEqual(['balance', 'status']);
    expect(() => chooseFeatures(t, 'defaulted', ['defaulted'])).toThrow(/is the target/);
    expect(() => chooseFeatures(t, 'defaulted', ['balance', 'Balance'])).toThrow(/listed twice/);
    expect(() => chooseFeatures(t, 'defaulted', ['nope'])).toThrow(/not in table "book"/);
    expect(() => chooseFeatures(t, 'defaulted', [])).toThrow(/at least one feature/);
  });
});
