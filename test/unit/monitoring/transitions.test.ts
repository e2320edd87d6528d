/**
 * Loans that skip a snapshot. Transitions pair each loan's row with its next row; a loan missing at
 * the period's end has exited even when it comes back later, and a loan that reappears is an entry,
 * not a continuation. The fixture panel has no gaps, so these use a copy with two rows removed:
 * L01 is off book in February, L10 in March.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATION_COLUMNS, type MigrationMatrix, type MigrationRatePoint, type PanelMapping } from '../../../src/api/monitoring';
import { MIGRATION_RATE_DEFS } from '../../../src/monitoring/migrationRates';
import { openFixture, S1, S2, S3, S4, SMALL_MAPPING, testCtx, type Fixture } from './fixture';

const GAP_MAPPING: PanelMapping = {
  panel: 'gap',
  table: 'gap_panel',
  columns: { loanId: 'loan_id', snapshotDate: 'snapshot_date', daysPastDue: 'dpd', balance: 'balance', restructured: 'restructured' },
};

let fx: Fixture;
beforeAll(async () => {
  fx = await openFixture(false);
  await fx.ws.run(`CREATE TABLE gap_panel AS SELECT * FROM small_panel
                    WHERE NOT (loan_id = 'L01' AND snapshot_date = DATE '2024-02-29') AND NOT (loan_id = 'L10' AND snapshot_date = DATE '2024-03-31')`);
  await fx.api['monitoring.saveMapping']({ mapping: GAP_MAPPING }, testCtx());
  await fx.api['monitoring.saveMapping']({ mapping: SMALL_MAPPING }, testCtx());
});
afterAll(async () => fx.cleanup());

const rate = (p: MigrationRatePoint, name: string) => p.rates.find((r) => r.name === name)!;

describe('roll rates across a gap', () => {
  it('counts a loan missing at the end snapshot as exited, and its return as no roll at all', async () => {
    const [p1, p2, p3] = (await fx.api['monitoring.rollRates']({ panel: 'gap' }, testCtx())).periods;
    const cell = (p: typeof p1, from: string, to: string) => p.matrix.find((c) => c.from === from && c.to === to);
    // Jan → Feb: L01 (current, 1000) is off book in February
    expect(cell(p1, 'current', 'exited')).toEqual({ from: 'current', to: 'exited', count: 1, balance: 1000 });
    expect(cell(p1, 'current', 'current')).toEqual({ from: 'current', to: 'current', count: 3, balance: 500 + 400 + 1200 });
    // Feb → Mar: L10 (61–90 days) is off book in March, so it did not roll to 90+ (the full panel says 1 of 1)
    expect(cell(p2, '61-90', 'exited')).toEqual({ from: '61-90', to: 'exited', count: 1, balance: 700 });
    expect(p2.rollForward[3]).toEqual({ from: '61-90', to: '90+', byCount: 0, byBalance: 0 });
    // L01 is back in March but was not on book in February: current → 1–30 is L09 of 5 (the full panel has 6)
    expect(p2.rollForward[0].byCount).toBeCloseTo(1 / 5, 12);
    expect(p2.rollForward[0].byBalance).toBeCloseTo(1200 / (250 + 1200 + 800 + 1500 + 1200), 12);
    // Mar → Apr: L10 returns (cured) but was off book in March: no 90+ → current move (the full panel has one)
    expect(cell(p3, '90+', 'current')).toBeUndefined();
    expect(cell(p3, '90+', 'exited')).toEqual({ from: '90+', to: 'exited', count: 1, balance: 600 }); // L06
    expect(cell(p3, 'current', 'current')?.count).toBe(3); // L01 (back since March), L05, L07
  });
});

describe('migration rates across a gap', () => {
  it('month to month: the loan off book in February left the normal base', async () => {
    const [p1] = await fx.api['monitoring.migrationRates']({ panel: 'gap' }, testCtx());
    expect([p1.start, p1.end]).toEqual([S1, S2]);
    // Jan normals L01 1000, L02 2000, L03 500, L05 400, L09 1200; L01 reduced, L02 → SM
    expect(rate(p1, 'normal')).toMatchObject({ migrated: 1, base: 5, reduced: 1 });
    expect(rate(p1, 'normal').byBalance).toBeCloseTo(2000 / (5100 - 1000), 12);
  });

  it('over two snapshots: pairs January with March directly, so L01 stays and L10 leaves', async () => {
    const series = await fx.api['monitoring.migrationRates']({ panel: 'gap', periodSnapshots: 2 }, testCtx());
    expect(series.map((p) => [p.start, p.end])).toEqual([[S1, S3]]);
    const [q] = series;
    // Jan normals at March: L01 normal (its February gap is inside the period), L02 SM, L03 repaid, L05 SS (restructured), L09 SM
    expect(rate(q, 'normal')).toMatchObject({ migrated: 3, base: 5, reduced: 1 });
    expect(rate(q, 'normal').byBalance).toBeCloseTo((2000 + 400 + 1200) / (5100 - 500), 12);
    // Jan special mention L08 (cures) and L10 (off book in March): nothing migrated, one reduced (the full panel: L10 → SS)
    expect(rate(q, 'special_mention')).toMatchObject({ migrated: 0, base: 2, reduced: 1, byCount: 0 });
  });

  it('agrees with the direct migration matrix (a FULL JOIN of the two snapshots) for every period', async () => {
    const fromMatrix = (m: MigrationMatrix, from: number[], to: number[]) => {
      const rows = m.rows.filter((_, i) => from.includes(i + 1));
      const count = (cols: (c: (typeof MIGRATION_COLUMNS)[number]) => boolean) =>
        rows.reduce((s, r) => s + r.cells.filter((c) => cols(c.to)).reduce((t, c) => t + c.count, 0), 0);
      return {
        migrated: count((c) => c !== 'exited' && to.includes(MIGRATION_COLUMNS.indexOf(c) + 1)),
        base: rows.reduce((s, r) => s + r.count, 0),
        reduced: count((c) => c === 'exited'),
      };
    };
    for (const panel of ['gap', 'small']) {
      for (const step of [1, 2, 3]) {
        const series = await fx.api['monitoring.migrationRates']({ panel, periodSnapshots: step }, testCtx());
        expect(series.length).toBe(Math.floor(3 / step));
        for (const point of series) {
          const matrix = await fx.api['monitoring.migration']({ panel, from: point.start, to: point.end }, testCtx());
          for (const r of point.rates) {
            const def = MIGRATION_RATE_DEFS[r.name];
            expect({ migrated: r.migrated, base: r.base, reduced: r.reduced }, `${panel} ${point.start}→${point.end} ${r.name}`).toEqual(
              fromMatrix(matrix, def.from, def.to),
            );
          }
        }
      }
    }
    expect((await fx.api['monitoring.migrationRates']({ panel: 'gap', periodSnapshots: 3 }, testCtx()))[0].end).toBe(S4);
  });
});
