/**
 * The SQL form of PD -> score -> grade (used to write a million scores) agrees with the JavaScript
 * form (used in the metrics) and with models/scorecard; the metric set maps undefined figures to null.
 */
import { DOUBLE, DuckDBInstance, LIST, listValue } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { gradeIndexes, scoresFromPds } from '../../../models/scorecard';
import { metricSet, scoreDistribution } from '../../../src/modeling/metric-set';
import { DEFAULT_SCORE_SCALING, GRADE_BANDS, PD_FLOOR, scoreAndGradeSql, scoresOf } from '../../../src/modeling/scorecard';

const PDS = [0, 1e-9, PD_FLOOR, 0.001, 0.0196078431372549, 0.05, 0.2, 0.5, 0.9, 0.999999, 1];

describe('score and grade in SQL', () => {
  it('matches the JavaScript scaling and models/scorecard, with PDs clamped away from 0 and 1', async () => {
    const scaling = { baseScore: 650, baseOdds: 30, pdo: 25 };
    const sql = scoreAndGradeSql(scaling);
    const inst = await DuckDBInstance.create(':memory:');
    const c = await inst.connect();
    const reader = await c.runAndReadAll(
      `WITH p AS (SELECT unnest($pds::DOUBLE[]) AS pd), s AS (SELECT pd, ${sql.score('pd')} AS score FROM p)
       SELECT pd, score, ${sql.grade('score')} AS grade FROM s ORDER BY pd`,
      { ...sql.params, pds: listValue(PDS) },
      { pds: LIST(DOUBLE) },
    );
    const rows = reader.getRowObjects() as { pd: number; score: number; grade: string }[];
    const js = scoresOf(Float64Array.from(PDS), scaling);
    const clamped = Float64Array.from(PDS, (p) => Math.min(1 - PD_FLOOR, Math.max(PD_FLOOR, p)));
    const reference = scoresFromPds(clamped, scaling);
    const grades = gradeIndexes(js, GRADE_BANDS);
    rows.forEach((r, i) => {
      expect(r.score).toBeCloseTo(js[i], 9);
      expect(js[i]).toBeCloseTo(reference[i], 9);
      expect(r.grade).toBe(GRADE_BANDS[grades[i]].grade);
    });
    expect(Number.isFinite(rows[0].score) && Number.isFinite(rows.at(-1)?.score ?? NaN)).toBe(true);
    c.closeSync();
    inst.closeSync();
  });
});

describe('metric set', () => {
  const y = Uint8Array.from([0, 0, 1, 0, 1, 1, 0, 0, 1, 0, 0, 0]);
  const pd = Float64Array.from([0.1, 0.2, 0.8, 0.3, 0.6, 0.35, 0.05, 0.32, 0.9, 0.15, 0.25, 0.5]);

  it('turns figures that are undefined at this cutoff into null instead of NaN', () => {
    const m = metricSet(y, pd, { cutoff: 0.95, scaling: DEFAULT_SCORE_SCALING });
    expect(m.confusion).toMatchObject({ tp: 0, fp: 0, tn: 8, fn: 4, precision: null, f1: null });
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
  });

  it('reports KS where it peaks in PD and in score points', () => {
    const m = metricSet(y, pd, { cutoff: 1 / 3, scaling: DEFAULT_SCORE_SCALING });
    // Flagging PD >= 0.35 catches all 4 bads and 1 of 8 goods: KS = 1 - 0.125.
    expect(m.ks).toBeCloseTo(0.875, 12);
    expect(m.ksThreshold).toBe(0.35);
    expect(m.ksScore).toBeCloseTo(scoresOf(Float64Array.of(0.35), DEFAULT_SCORE_SCALING)[0], 12);
    expect(m.confusion).toMatchObject({ tp: 4, fp: 1, tn: 7, fn: 0 });
  });

  it('bins the score distribution over the whole range, goods and bads apart', () => {
    const scores = scoresOf(pd, DEFAULT_SCORE_SCALING);
    const bins = scoreDistribution(y, scores, 5);
    expect(bins).toHaveLength(5);
    expect(bins[0].x0).toBeLessThanOrEqual(Math.min(...scores));
    expect(bins[4].x1).toBeGreaterThanOrEqual(Math.max(...scores));
    expect(bins.reduce((s, b) => s + b.bads, 0)).toBe(4);
    expect(bins.reduce((s, b) => s + b.goods, 0)).toBe(8);
    // The riskiest loan (lowest score) is a bad and sits in the first bin.
    expect(bins[0].bads).toBeGreaterThan(0);
  });
});
