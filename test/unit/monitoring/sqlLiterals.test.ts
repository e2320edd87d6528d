import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlLiterals } from '../../../src/monitoring/sql';
import { Workspace } from '../../../src/workspace/workspace';
import { tempDir } from '../../helpers/paths';

/** View definitions cannot hold bound parameters; their literals must read back as exactly the value written. */
describe('SqlLiterals', () => {
  const tmp = tempDir('vigil-literals-');
  let ws: Workspace;
  beforeAll(async () => {
    ws = await Workspace.open(join(tmp.dir, 'ws.duckdb'));
  });
  afterAll(async () => {
    await ws.close();
    tmp.cleanup();
  });

  it('round-trips awkward text and numbers through DuckDB unchanged', async () => {
    const v = new SqlLiterals();
    const texts = ["it's", "''", 'back\\slash\\', "'); DROP TABLE x; --", '$1 ? :name', '关注一', 'tab\tnewline\n'];
    const numbers = [0, -1, 90, 0.02, 1e-7, 0.1 + 0.2, 123456789.123];
    const sql = `SELECT ${[...texts, ...numbers].map((x, i) => `${v.add(x)} AS c${i}`).join(', ')}`;
    const [row] = await ws.all<Record<string, unknown>>(sql);
    expect(Object.values(row)).toEqual([...texts, ...numbers]);
    await ws.run(`CREATE VIEW literal_view AS ${sql}`);
    expect(Object.values((await ws.all<Record<string, unknown>>(`SELECT * FROM literal_view`))[0])).toEqual([...texts, ...numbers]);
  });

  it('refuses values that have no faithful literal', () => {
    const v = new SqlLiterals();
    expect(() => v.add(Number.NaN)).toThrow(/view definition/);
    expect(() => v.add(Number.POSITIVE_INFINITY)).toThrow(/view definition/);
    expect(() => v.add('nul\0byte')).toThrow(/NUL/);
  });
});
