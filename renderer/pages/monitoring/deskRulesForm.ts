/**
 * The desk rules editor's form (分层规则与违约损失率): the ordered layer rules, the LGD per product
 * (with the `default` row for every product not listed) and the fixed anomaly bounds of the twelve
 * layer indicators, as typed; turned back into desk rules, or into every row that is wrong and why.
 * Case allocation is edited in its own dialog and passed through here untouched.
 */
import {
  LAYER_INDICATORS,
  type DeskRules,
  type Layer,
  type LayerIndicator,
  type LayerRule,
  type Tier,
  type WarningLevel,
} from '../../../src/api/monitoring';
import { numberText, parseNumber, parseOptional, rowKey, type FieldLocation, type FormCheck, type Keyed, type RowProblem } from './orderedRows';

/** The LGD row for products not listed; always present and never removed. */
export const DEFAULT_LGD_PRODUCT = 'default';
/** What the engine applies when the desk rules name no default (the contract's documented 0.45). */
export const ENGINE_DEFAULT_LGD = 0.45;

export interface LayerRuleRow extends Keyed {
  layer: Layer;
  /** '' = this condition is not used. */
  tierAtLeast: Tier | '';
  warningAtLeast: WarningLevel | '';
  pdAtLeast: string;
}

export interface LgdRow extends Keyed {
  product: string;
  lgd: string;
}

export type ThresholdForm = Record<LayerIndicator, { min: string; max: string }>;

export interface DeskRulesForm {
  layerRules: LayerRuleRow[];
  lgd: LgdRow[];
  thresholds: ThresholdForm;
}

export type DeskList = keyof DeskRulesForm;

export function layerRow(r: LayerRule): LayerRuleRow {
  return { key: rowKey(), layer: r.layer, tierAtLeast: r.tierAtLeast ?? '', warningAtLeast: r.warningAtLeast ?? '', pdAtLeast: numberText(r.pdAtLeast) };
}

export function newLayerRow(): LayerRuleRow {
  return { key: rowKey(), layer: 'B', tierAtLeast: '', warningAtLeast: '', pdAtLeast: '' };
}

export function newLgdRow(): LgdRow {
  return { key: rowKey(), product: '', lgd: '' };
}

export function isDefaultLgd(row: LgdRow): boolean {
  return row.product === DEFAULT_LGD_PRODUCT;
}

export function deskFormFrom(rules: DeskRules): DeskRulesForm {
  const listed = Object.entries(rules.lgd).filter(([product]) => product !== DEFAULT_LGD_PRODUCT);
  return {
    layerRules: rules.layerRules.map(layerRow),
    lgd: [
      { key: rowKey(), product: DEFAULT_LGD_PRODUCT, lgd: String(rules.lgd[DEFAULT_LGD_PRODUCT] ?? ENGINE_DEFAULT_LGD) },
      ...listed.map(([product, lgd]) => ({ key: rowKey(), product, lgd: String(lgd) })),
    ],
    thresholds: Object.fromEntries(
      LAYER_INDICATORS.map((i) => [i, { min: numberText(rules.thresholds[i]?.min), max: numberText(rules.thresholds[i]?.max) }]),
    ) as ThresholdForm,
  };
}

type Problem = Pick<RowProblem, 'field' | 'problem'>;

function layerProblem(r: LayerRuleRow): Problem | null {
  const pd = parseOptional(r.pdAtLeast);
  if (pd === null || (pd !== undefined && (pd < 0 || pd > 1))) return { field: 'pdAtLeast', problem: 'mon.desk.badPd' };
  if (r.tierAtLeast === '' && r.warningAtLeast === '' && pd === undefined) return { field: null, problem: 'mon.desk.noCondition' };
  return null;
}

function lgdProblem(r: LgdRow, earlier: readonly LgdRow[]): Problem | null {
  const product = r.product.trim();
  if (product === '') return { field: 'product', problem: 'mon.desk.noProduct' };
  if (earlier.some((e) => e.product.trim() === product)) return { field: 'product', problem: 'mon.desk.duplicateProduct' };
  const lgd = parseNumber(r.lgd);
  if (lgd === null || lgd < 0 || lgd > 1) return { field: 'lgd', problem: 'mon.desk.badLgd' };
  return null;
}

function boundsProblem(b: { min: string; max: string }): Problem | null {
  const min = parseOptional(b.min);
  const max = parseOptional(b.max);
  if (min === null) return { field: 'min', problem: 'mon.wr.badNumber' };
  if (max === null) return { field: 'max', problem: 'mon.wr.badNumber' };
  if (min !== undefined && max !== undefined && min > max) return { field: 'max', problem: 'mon.desk.boundOrder' };
  return null;
}

/** The desk rules to save: the edited parts from the form, `allocation` as it was. */
export function deskRulesFrom(form: DeskRulesForm, allocation: DeskRules['allocation']): FormCheck<Omit<DeskRules, 'savedAt'>, DeskList> {
  const problems: RowProblem<DeskList>[] = [];
  const note = (list: DeskList, row: number, p: Problem | null) => {
    if (p) problems.push({ list, row, ...p });
  };
  form.layerRules.forEach((r, i) => note('layerRules', i, layerProblem(r)));
  form.lgd.forEach((r, i) => note('lgd', i, lgdProblem(r, form.lgd.slice(0, i))));
  LAYER_INDICATORS.forEach((ind, i) => note('thresholds', i, boundsProblem(form.thresholds[ind])));
  if (problems.length > 0) return { ok: false, problems };

  const thresholds: DeskRules['thresholds'] = {};
  for (const ind of LAYER_INDICATORS) {
    const min = parseOptional(form.thresholds[ind].min) ?? undefined;
    const max = parseOptional(form.thresholds[ind].max) ?? undefined;
    if (min !== undefined || max !== undefined) thresholds[ind] = { ...(min !== undefined && { min }), ...(max !== undefined && { max }) };
  }
  return {
    ok: true,
    value: {
      layerRules: form.layerRules.map((r): LayerRule => {
        const pd = parseOptional(r.pdAtLeast) ?? undefined;
        return {
          layer: r.layer,
          ...(r.tierAtLeast !== '' && { tierAtLeast: r.tierAtLeast }),
          ...(r.warningAtLeast !== '' && { warningAtLeast: r.warningAtLeast }),
          ...(pd !== undefined && { pdAtLeast: pd }),
        };
      }),
      lgd: Object.fromEntries(form.lgd.map((r) => [r.product.trim(), Number(r.lgd)])),
      thresholds,
      allocation,
    },
  };
}

/** Engine fields: `layerRules[1]` (or `rules[1]`), `lgd.card`, `thresholds.nplRatio`. */
export function placeDeskError(at: FieldLocation, form: DeskRulesForm): { list: DeskList; row: number } | null {
  if ((at.list === 'layerRules' || at.list === 'rules') && at.row !== null && at.row < form.layerRules.length) return { list: 'layerRules', row: at.row };
  if (at.list === 'lgd' && at.key !== null) {
    const row = form.lgd.findIndex((r) => r.product.trim() === at.key);
    return row >= 0 ? { list: 'lgd', row } : null;
  }
  if (at.list === 'thresholds' && at.key !== null) {
    const row = LAYER_INDICATORS.indexOf(at.key as LayerIndicator);
    return row >= 0 ? { list: 'thresholds', row } : null;
  }
  return null;
}
