/**
 * A mixed book classified per product (cards under the 2011 card measures, loans under the 2023
 * measures) and a panel's own default rule set. Hand-counted on the 10-loan fixture: the cards are
 * L05 (restructured in March) and L06 (280 / 310 / 370 days past due in Jan / Feb / Mar).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TierRuleSet, TierSnapshot } from '../../../src/api/monitoring';
import { openFixture, S1, S2, SMALL_MAPPING, testCtx, type Fixture } from './fixture';

const cells = (s: TierSnapshot) => s.tiers.map((t) => [t.count, t.balance]);

let fx: Fixture;
beforeAll(async () => {
  fx = await openFixture();
});
afterAll(async () => fx.cleanup());

describe('mixed book: day limits per product', () => {
  it('classifies cards under the card limits and everything else under the retail limits', async () => {
    const res = await fx.api['monitoring.classify']({ panel: 'small', ruleSet: 'retail_2023_cards_2011' }, testCtx());
    expect(res.notes).toEqual([]);
    const [jan, feb, mar] = res.snapshots;
    // Jan: L06 (card, 280 d) is loss, not doubtful as under the retail limits; L04 (consumer, 100 d) stays substandard
    // (under the card limits alone it would be substandard too, 91–120).
    expect(cells(jan)).toEqual([[5, 5100], [2, 2200], [1, 300], [0, 0], [1, 600]]);
    // Feb: L04 (consumer, 130 d) substandard (card limits would say doubtful); L06 (card, 310 d) loss
    expect(cells(feb)).toEqual([[6, 5940], [2, 2700], [1, 300], [0, 0], [1, 600]]);
    // Mar: as under the retail limits (L06 at 370 d is loss either way)
    expect(cells(mar)).toEqual([[3, 3280], [2, 3200], [3, 2200], [0, 0], [1, 600]]);
    const view = await fx.ws.all<{ loan_id: string; tier: string }>(
      `SELECT loan_id, tier FROM small_tiers WHERE snapshot_date = $1::DATE AND loan_id IN ('L04', 'L06') ORDER BY loan_id`,
      [S2],
    );
    expect(view).toEqual([
      { loan_id: 'L04', tier: 'substandard' },
      { loan_id: 'L06', tier: 'loss' },
    ]);
  });

  it('uses the same classification in a migration matrix', async () => {
    const m = await fx.api['monitoring.migration']({ panel: 'small', ruleSet: 'retail_2023_cards_2011', from: S1, to: S2 }, testCtx());
    // Under the retail limits L06 sits in doubtful in Jan; under the mixed set it is in loss and stays there.
    expect(m.rows.find((r) => r.from === 'doubtful')?.count).toBe(0);
    expect(m.rows.find((r) => r.from === 'loss')?.cells.find((c) => c.to === 'loss')?.count).toBe(1);
  });

  it('falls back to the main limits, with a note, when the panel has no product column', async () => {
    const bare = { ...SMALL_MAPPING, panel: 'bare', attributes: undefined, scores: undefined };
    await fx.api['monitoring.saveMapping']({ mapping: bare }, testCtx());
    const res = await fx.api['monitoring.classify']({ panel: 'bare', ruleSet: 'retail_2023_cards_2011' }, testCtx());
    expect(res.notes.join(' ')).toContain('no product column');
    // L06 at 280 days is doubtful under the retail limits
    expect(cells(res.snapshots[0])[3]).toEqual([1, 600]);
  });

  it('refuses a product listed twice or an empty product list, naming the entry', async () => {
    const base: TierRuleSet = { ...(await fx.api['monitoring.ruleSets']({}, testCtx())).find((r) => r.name === 'retail_2023_cards_2011')!, name: 'mine', builtin: false };
    const save = (ruleSet: TierRuleSet) => fx.api['monitoring.saveRuleSet']({ ruleSet }, testCtx());
    const limits = { normal: 0, special_mention: 60, substandard: 120, doubtful: 180 };
    await expect(save({ ...base, byProduct: [{ products: ['credit_card'], maxDpd: limits }, { products: ['credit_card'], maxDpd: limits }] })).rejects.toMatchObject({
      kind: 'bad_input',
      details: { field: 'byProduct[1].products', product: 'credit_card' },
    });
    await expect(save({ ...base, byProduct: [{ products: [], maxDpd: limits }] })).rejects.toMatchObject({ details: { field: 'byProduct[0].products' } });
    await expect(save({ ...base, byProduct: [{ products: ['x'], maxDpd: { ...limits, doubtful: 100 } }] })).rejects.toMatchObject({
      details: { field: 'byProduct[0].maxDpd.doubtful' },
    });
    // A valid one saves and classifies: consumer loans at 60/120/180 put L04 (130 d in Feb) in doubtful.
    await save({ ...base, byProduct: [...(base.byProduct ?? []), { products: ['consumer'], maxDpd: limits }] });
    const feb = (await fx.api['monitoring.classify']({ panel: 'small', ruleSet: 'mine' }, testCtx())).snapshots[1];
    expect(cells(feb)[3]).toEqual([1, 300]);
    await fx.api['monitoring.deleteRuleSet']({ name: 'mine' }, testCtx());
  });
});

describe('a panel’s own rule set', () => {
  it('classifies by it when the call names none, and keeps the set from being deleted', async () => {
    await fx.api['monitoring.saveRuleSet'](
      { ruleSet: { name: 'short_cards', label: 'Cards', maxDpd: { normal: 0, special_mention: 90, substandard: 120, doubtful: 180 }, overrides: [], grades: [], provisionRates: { normal: 0.01, special_mention: 0.02, substandard: 0.25, doubtful: 0.5, loss: 1 } } },
      testCtx(),
    );
    await fx.api['monitoring.saveMapping']({ mapping: { ...SMALL_MAPPING, panel: 'cards', ruleSet: 'short_cards' } }, testCtx());
    const res = await fx.api['monitoring.classify']({ panel: 'cards' }, testCtx());
    expect(res.ruleSet).toBe('short_cards');
    // Jan: L06 at 280 days is loss under the card limits
    expect(cells(res.snapshots[0])[4]).toEqual([1, 600]);
    // Naming another set still wins.
    expect((await fx.api['monitoring.classify']({ panel: 'cards', ruleSet: 'retail_2023' }, testCtx())).ruleSet).toBe('retail_2023');
    await expect(fx.api['monitoring.deleteRuleSet']({ name: 'short_cards' }, testCtx())).rejects.toMatchObject({ kind: 'conflict', details: { panels: ['cards'] } });
    expect((await fx.api['monitoring.ruleSets']({}, testCtx())).map((r) => r.name)).toContain('short_cards');
  });

  it('refuses a mapping whose rule set does not exist', async () => {
    await expect(fx.api['monitoring.saveMapping']({ mapping: { ...SMALL_MAPPING, panel: 'ghost', ruleSet: 'nope' } }, testCtx())).rejects.toMatchObject({
      kind: 'not_found',
      details: { ruleSet: 'nope' },
    });
  });
});
