/** Score scaling against hand-computed values, risk grade bands, and reason codes. */
import { describe, expect, it } from 'vitest';
import { rng, type Dataset } from '../../../models/dataset';
import { LogisticRegression, sigmoid } from '../../../models/logistic';
import {
  DEFAULT_GRADE_BANDS,
  gradeIndexes,
  gradeOf,
  logisticReasonCodes,
  pdFromScore,
  reasonCodes,
  reasonCodesOf,
  scalingConstants,
  scoreFromLogOdds,
  scoreFromPd,
  scoresFromPds,
  type RiskGradeBand,
} from '../../../models/scorecard';

/** PD at good:bad odds g:1 is 1/(g + 1). */
const pdAtOdds = (goodBad: number): number => 1 / (goodBad + 1);

describe('score scaling (600 at 50:1, 20 points to double the odds)', () => {
  it('has factor = 20/ln 2 and offset = 600 − factor·ln 50 (hand-computed)', () => {
    const { factor, offset } = scalingConstants();
    expect(factor).toBeCloseTo(28.85390081777927, 12); // 20 / ln 2
    expect(offset).toBeCloseTo(487.1228762045055, 10); // 600 − 28.8539008 × 3.9120230054
  });

  it('maps 50:1 to 600, 100:1 to 620, 25:1 to 580, 200:1 to 640', () => {
    expect(scoreFromPd(pdAtOdds(50))).toBeCloseTo(600, 10);
    expect(scoreFromPd(pdAtOdds(100))).toBeCloseTo(620, 10);
    expect(scoreFromPd(pdAtOdds(25))).toBeCloseTo(580, 10);
    expect(scoreFromPd(pdAtOdds(200))).toBeCloseTo(640, 10);
    expect(scoreFromPd(0.5)).toBeCloseTo(600 - 20 * Math.log2(50), 10); // even odds
  });

  it('higher score = lower risk, and score -> PD inverts PD -> score', () => {
    expect(scoreFromPd(0.01)).toBeGreaterThan(scoreFromPd(0.02));
    for (const pd of [1e-6, 0.001, 0.0196, 0.2, 0.9, 0.999999]) expect(pdFromScore(scoreFromPd(pd))).toBeCloseTo(pd, 12);
    expect(pdFromScore(600)).toBeCloseTo(1 / 51, 14);
    expect(scoreFromPd(0)).toBe(Infinity);
    expect(scoreFromPd(1)).toBe(-Infinity);
  });

  it('supports a custom scaling (500 at 20:1, 50 PDO) and log-odds input', () => {
    const s = { baseScore: 500, baseOdds: 20, pdo: 50 };
    expect(scoreFromPd(pdAtOdds(20), s)).toBeCloseTo(500, 10);
    expect(scoreFromPd(pdAtOdds(40), s)).toBeCloseTo(550, 10);
    expect(scoreFromPd(pdAtOdds(5), s)).toBeCloseTo(400, 10);
    for (const eta of [-8, -2.5, 0, 1.7]) expect(scoreFromLogOdds(eta, s)).toBeCloseTo(scoreFromPd(sigmoid(eta), s), 9);
    expect(Array.from(scoresFromPds(Float64Array.of(pdAtOdds(50), pdAtOdds(100))).map(Math.round))).toEqual([600, 620]);
    expect(() => scalingConstants({ baseScore: 600, baseOdds: 0, pdo: 20 })).toThrow(/base odds must be a positive number/);
    expect(() => scoreFromPd(1.2)).toThrow(/A PD must lie in \[0, 1\]/);
  });
});

describe('risk grades', () => {
  it('assigns default A..G bands with inclusive minimum scores and an open bottom band', () => {
    expect(DEFAULT_GRADE_BANDS.map((b) => b.grade).join('')).toBe('ABCDEFG');
    expect(gradeOf(680)).toBe('A');
    expect(gradeOf(679.999)).toBe('B');
    expect(gradeOf(600)).toBe('C');
    expect(gradeOf(480)).toBe('F');
    expect(gradeOf(479.9)).toBe('G');
    expect(gradeOf(-Infinity)).toBe('G');
    expect(gradeOf(Infinity)).toBe('A');
    expect(Array.from(gradeIndexes(Float64Array.of(700, 610, 300)))).toEqual([0, 2, 6]);
  });

  it('accepts user bands and rejects malformed ones', () => {
    const bands: RiskGradeBand[] = [
      { grade: 'Prime', minScore: 650 },
      { grade: 'Near-prime', minScore: 580 },
      { grade: 'Subprime', minScore: null },
    ];
    expect(gradeOf(600, bands)).toBe('Near-prime');
    expect(() => gradeOf(600, [{ grade: 'A', minScore: 600 }, { grade: 'B', minScore: 650 }, { grade: 'C', minScore: null }])).toThrow(/falling minimum scores/);
    expect(() => gradeOf(600, [{ grade: 'A', minScore: 600 }, { grade: 'B', minScore: 500 }])).toThrow(/must be open-ended/);
    expect(() => gradeOf(600, [{ grade: 'A', minScore: 600 }, { grade: 'A', minScore: null }])).toThrow(/appears twice/);
    expect(() => gradeOf(600, [{ grade: 'A', minScore: null }, { grade: 'B', minScore: null }])).toThrow(/needs a minimum score/);
  });
});

describe('reason codes', () => {
  it('picks the top positive contributions per loan, most adverse first, ties to the earlier feature', () => {
    const table = reasonCodes(
      {
        features: ['utilisation', 'dpd', 'tenure', 'product'],
        columns: [Float64Array.of(0.5, -1, 0.2), Float64Array.of(0.9, -2, 0.2), Float64Array.of(-0.3, -0.5, 0.2), Float64Array.of(0.1, 0.4, 0.2)],
      },
      3,
    );
    expect(reasonCodesOf(table, 0).map((r) => r.feature)).toEqual(['dpd', 'utilisation', 'product']);
    expect(reasonCodesOf(table, 1).map((r) => r.feature)).toEqual(['product']); // only one feature pushes risk up
    expect(reasonCodesOf(table, 2).map((r) => r.feature)).toEqual(['utilisation', 'dpd', 'tenure']);
    expect(Array.from(table.codes.slice(3, 6))).toEqual([3, -1, -1]);
    const { factor } = scalingConstants();
    expect(reasonCodesOf(table, 0)[0].points).toBeCloseTo(0.9 * factor, 12);
  });

  it('for a logistic model: coef·(x − mean) per feature, one-hot groups as one feature', () => {
    const next = rng(21);
    const rows = 4000;
    const utilisation = Float64Array.from({ length: rows }, () => next());
    const dpd = Float64Array.from({ length: rows }, () => Math.floor(next() * 4) * 30);
    const product = Float64Array.from({ length: rows }, () => Math.floor(next() * 3));
    const y = Uint8Array.from({ length: rows }, (_, i) => {
      const eta = -3 + 2 * utilisation[i] + 0.03 * dpd[i] + [0, 1.2, -0.8][product[i]];
      return next() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
    });
    const data: Dataset = {
      features: [
        { name: 'utilisation', kind: 'numeric' },
        { name: 'dpd', kind: 'numeric' },
        { name: 'product', kind: 'categorical', levels: ['card', 'consumer', 'mortgage'] },
      ],
      columns: [utilisation, dpd, product],
      rows,
    };
    const model = new LogisticRegression().fit(data, y);
    const table = logisticReasonCodes(model, data);
    expect(table.features).toEqual(['utilisation', 'dpd', 'product']);
    // The riskiest-looking loan: full utilisation, 90 days past due, consumer loan.
    const risky: Dataset = { ...data, columns: [Float64Array.of(1, 0), Float64Array.of(90, 0), Float64Array.of(1, 2)], rows: 2 };
    const codes = logisticReasonCodes(model, risky);
    const first = reasonCodesOf(codes, 0);
    expect(first.map((r) => r.feature).sort()).toEqual(['dpd', 'product', 'utilisation']);
    const [bU, bD] = [model.coefficients[1], model.coefficients[2]];
    const meanU = utilisation.reduce((s, v) => s + v, 0) / rows;
    const meanD = dpd.reduce((s, v) => s + v, 0) / rows;
    const byName = new Map(first.map((r) => [r.feature, r.contribution]));
    expect(byName.get('utilisation')).toBeCloseTo(bU * (1 - meanU), 10);
    expect(byName.get('dpd')).toBeCloseTo(bD * (90 - meanD), 10);
    // The one-hot group is one reason: Σ over product's terms of coef·(indicator − share in training).
    const share = (level: number): number => product.reduce((s, v) => s + (v === level ? 1 : 0), 0) / rows;
    const term = (name: string): number => model.summary.terms.find((t) => t.term === name)?.coef ?? NaN;
    const reference = model.summary.referenceLevels[0].reference;
    const levels = ['card', 'consumer', 'mortgage'];
    let expected = 0;
    levels.forEach((level, l) => {
      if (level !== reference) expected += term(`product=${level} (ref: ${reference})`) * ((l === 1 ? 1 : 0) - share(l));
    });
    expect(byName.get('product')).toBeCloseTo(expected, 10);
    // A safe loan (no utilisation, current, mortgage) has nothing pushing its risk up.
    expect(reasonCodesOf(codes, 1)).toEqual([]);
  });
});
