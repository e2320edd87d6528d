/**
 * models.score: every row gets its own PD (checked against the coefficients evaluated in SQL, so a
 * row/score mix-up cannot pass), score, grade and reason codes; clear errors for a missing column and
 * an unseen category; an existing output is only replaced when asked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/host/engine';
import type { JobContext } from '../../../src/api/jobs';
import type { ScoreResult, TrainResult } from '../../../src/api/models';
import { scoreTable } from '../../../src/modeling/score';
import { DEFAULT_SCORE_SCALING, GRADE_BANDS, scoreOfPd } from '../../../src/modeling/scorecard';
import { rejection, UCI_HOLDOUT, UCI_TARGET, uciEngine } from './fixture';

let engine: Engine;
let cleanup: () => Promise<void>;
let logistic: TrainResult;

beforeAll(async () => {
  ({ engine, cleanup } = await uciEngine());
  logistic = await engine.call('models.train', { table: 'uci', target: UCI_TARGET, model: 'logistic', validation: { kind: 'where', testWhere: UCI_HOLDOUT } });
});
afterAll(() => cleanup());

interface ScoreRow {
  ID: number;
  pd: number;
  score: number;
  grade: string;
  reason_1: string | null;
  reason_2: string | null;
  reason_3: string | null;
}

describe('scoring a table with a logistic model', () => {
  let result: ScoreResult;
  beforeAll(async () => {
    result = await engine.call('models.score', { id: logistic.model.id, table: 'uci' });
  });

  it('writes one row per account with id, PD, score, grade and three reasons', async () => {
    expect(result.output).toBe('uci_scores');
    expect(result.rows).toBe(30000);
    const cols = await engine.workspace.all<{ column_name: string }>(`SELECT column_name FROM (DESCRIBE uci_scores)`);
    expect(cols.map((c) => c.column_name)).toEqual(['ID', 'pd', 'score', 'grade', 'reason_1', 'reason_2', 'reason_3']);
    const [{ n, ids }] = await engine.workspace.all<{ n: number; ids: number }>('SELECT count(*) AS n, count(DISTINCT ID) AS ids FROM uci_scores');
    expect([n, ids]).toEqual([30000, 30000]);
  });

  it('gives each account the PD its own features imply (coefficients evaluated in SQL), also in a table with deleted rows', async () => {
    const coef = logistic.coefficients ?? [];
    const eta = coef.map((c) => (c.feature === null ? `${c.coef}` : `${c.coef} * u."${c.feature}"`)).join(' + ');
    const worst = async (scores: string) =>
      (await engine.workspace.all<{ worst: number; n: number }>(
        `SELECT max(abs(s.pd - 1 / (1 + exp(-(${eta}))))) AS worst, count(*) AS n FROM uci u JOIN ${scores} s USING (ID)`,
      ))[0];
    expect(await worst('uci_scores')).toEqual({ worst: expect.any(Number), n: 30000 });
    expect((await worst('uci_scores')).worst).toBeLessThan(1e-12);
    // Holes in the rowids (deleted loans, one page boundary gone) must not shift any score onto a neighbour.
    await engine.workspace.run('CREATE TABLE uci_holes AS SELECT * FROM uci ORDER BY ID DESC');
    await engine.workspace.run('DELETE FROM uci_holes WHERE ID % 13 = 5 OR ID BETWEEN 100 AND 9000');
    const holes = await engine.call('models.score', { id: logistic.model.id, table: 'uci_holes' });
    const check = await worst('uci_holes_scores');
    expect(check.n).toBe(holes.rows);
    expect(check.worst).toBeLessThan(1e-12);
    const order = await engine.workspace.all<{ ID: number }>('SELECT ID FROM uci_holes_scores LIMIT 2');
    expect(order.map((r) => r.ID)).toEqual([30000, 29999]); // the output keeps the table's order
  });

  it('scores with the 600 / 50:1 / 20 scaling and grades by the bands', async () => {
    const rows = await engine.workspace.all<ScoreRow>('SELECT * FROM uci_scores WHERE ID IN (1, 2, 3, 29999)');
    const score = scoreOfPd(DEFAULT_SCORE_SCALING);
    for (const r of rows) {
      expect(r.score).toBeCloseTo(score(r.pd), 9);
      const band = GRADE_BANDS.find((b) => b.minScore === null || r.score >= b.minScore);
      expect(r.grade).toBe(band?.grade);
    }
    // PD 1/51 is 50:1 good:bad odds, i.e. exactly the base score.
    expect(score(1 / 51)).toBeCloseTo(600, 9);
    const counts = await engine.workspace.all<{ grade: string; n: number }>('SELECT grade, count(*) AS n FROM uci_scores GROUP BY grade');
    for (const g of result.grades) expect(g.rows).toBe(counts.find((c) => c.grade === g.grade)?.n ?? 0);
    const [{ mean }] = await engine.workspace.all<{ mean: number }>('SELECT avg(pd) AS mean FROM uci_scores');
    expect(result.meanPd).toBeCloseTo(mean, 12);
  });

  it('names as first reason the feature pushing the log-odds up the most against the training average', async () => {
    const coef = (logistic.coefficients ?? []).filter((c) => c.feature !== null);
    const means = (await engine.workspace.all<Record<string, number>>(
      `SELECT ${coef.map((c) => `avg("${c.feature}") AS "${c.feature}"`).join(', ')} FROM uci WHERE NOT (${UCI_HOLDOUT})`,
    ))[0];
    const rows = await engine.workspace.all<Record<string, number> & { reason_1: string; reason_2: string }>(
      'SELECT u.*, s.reason_1, s.reason_2 FROM uci u JOIN uci_scores s USING (ID) WHERE ID IN (1, 5, 77, 4242)',
    );
    for (const row of rows) {
      const contributions = coef.map((c) => ({ name: c.feature as string, v: c.coef * (row[c.feature as string] - means[c.feature as string]) }));
      contributions.sort((a, b) => b.v - a.v);
      expect(row.reason_1).toBe(contributions[0].name);
      expect(row.reason_2).toBe(contributions[1].v > 0 ? contributions[1].name : null);
    }
  });

  it('scores page by page exactly as in one go (pages of 997 rows over a table with holes)', async () => {
    const ctx: JobContext = { jobId: 'pages', signal: new AbortController().signal, progress: () => undefined, throwIfCancelled: () => undefined };
    const paged = await scoreTable(engine.workspace, { id: logistic.model.id, table: 'uci_holes', output: 'paged_scores' }, ctx, { pageRows: 997 });
    const [{ differ, n }] = await engine.workspace.all<{ differ: number; n: number }>(
      `SELECT count(*) FILTER (WHERE a.pd <> b.pd OR a.reason_1 IS DISTINCT FROM b.reason_1 OR a.grade <> b.grade) AS differ, count(*) AS n
         FROM paged_scores a JOIN uci_holes_scores b USING (ID)`,
    );
    expect([differ, n]).toEqual([0, paged.rows]);
    expect(paged.rows).toBeGreaterThan(10 * 997); // many pages
  });

  it('reports a near-zero PSI when the scored population is the development one', () => {
    expect(result.psi).toBeGreaterThanOrEqual(0);
    expect(result.psi).toBeLessThan(0.01);
    expect(result.reasonRows).toBe(30000);
  });

  it('refuses to overwrite an existing output unless asked to replace it', async () => {
    const e = await rejection(engine.call('models.score', { id: logistic.model.id, table: 'uci' }));
    expect(e.kind).toBe('conflict');
    const again = await engine.call('models.score', { id: logistic.model.id, table: 'uci', replace: true });
    expect(again.rows).toBe(30000);
    const tables = await engine.call('workspace.tables', {});
    expect(tables.find((t) => t.name === 'uci_scores')?.sourceFile).toContain(logistic.model.id);
  });
});

describe('scoring errors', () => {
  it('names every column the model needs that the table lacks', async () => {
    await engine.workspace.run('CREATE TABLE extract_no_age AS SELECT * EXCLUDE (AGE, PAY_0) FROM uci');
    const e = await rejection(engine.call('models.score', { id: logistic.model.id, table: 'extract_no_age' }));
    expect(e.kind).toBe('bad_input');
    expect(e.details?.columns).toEqual(['AGE', 'PAY_0']);
    expect(e.message).toContain('"AGE"');
  });

  it('names the column and value of a category the model never saw', async () => {
    await engine.workspace.run(`CREATE TABLE loans AS SELECT ID, ${UCI_TARGET}, LIMIT_BAL, AGE, PAY_0,
      CASE EDUCATION WHEN 1 THEN 'graduate' WHEN 2 THEN 'university' WHEN 3 THEN 'high school' ELSE 'other' END AS education FROM uci`);
    const cat = await engine.call('models.train', {
      table: 'loans',
      target: UCI_TARGET,
      model: 'logistic',
      features: ['LIMIT_BAL', 'AGE', 'PAY_0', 'education'],
      validation: { kind: 'where', testWhere: UCI_HOLDOUT },
    });
    expect(cat.summary?.referenceLevels).toEqual({ education: 'university' });
    expect(cat.coefficients?.map((c) => c.name)).toContain('education=graduate (ref: university)');
    await engine.workspace.run(`CREATE TABLE next_month AS SELECT * REPLACE (CASE WHEN ID = 17 THEN 'doctorate' ELSE education END AS education) FROM loans`);
    const e = await rejection(engine.call('models.score', { id: cat.model.id, table: 'next_month' }));
    expect(e.kind).toBe('bad_input');
    expect(e.details).toMatchObject({ column: 'education', unseen: ['doctorate'] });
    // Nothing was written.
    expect((await engine.call('workspace.tables', {})).some((t) => t.name === 'next_month_scores')).toBe(false);
  });

  it('says which model is unknown', async () => {
    const e = await rejection(engine.call('models.score', { id: 'nope', table: 'uci' }));
    expect(e.kind).toBe('not_found');
  });
});

describe('scoring with a forest', () => {
  it('gives reasons to the rows at or above the training bad rate, and only to them', async () => {
    const forest = await engine.call('models.train', {
      table: 'uci',
      target: UCI_TARGET,
      model: 'forest',
      validation: { kind: 'where', testWhere: UCI_HOLDOUT },
      forest: { trees: 10, minSamplesLeaf: 20, permutationRepeats: 0 },
    });
    const r = await engine.call('models.score', { id: forest.model.id, table: 'uci', output: 'forest_scores' });
    const cutoff = forest.metrics.train.badRate;
    const [s] = await engine.workspace.all<{ above: number; explained: number; wrong: number }>(
      `SELECT count(*) FILTER (WHERE pd >= $1) AS above, count(reason_1) AS explained,
              count(*) FILTER (WHERE pd < $1 AND reason_1 IS NOT NULL) AS wrong FROM forest_scores`,
      [cutoff],
    );
    expect(r.reasonRows).toBe(s.above);
    expect(s.wrong).toBe(0);
    expect(s.explained).toBeGreaterThan(0.9 * s.above);
    const [{ top }] = await engine.workspace.all<{ top: string }>('SELECT mode(reason_1) AS top FROM forest_scores');
    expect(top).toBe('PAY_0');
  });
});
