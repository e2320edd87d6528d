/**
 * The train form as the analyst fills it (numbers kept as typed text, so a half-typed "0." is not
 * fought over), and the one place it becomes `TrainArgs`: every check the form can make before the
 * engine is asked, each with a message that names the field.
 */
import type { ForestParams, ModelKind, TrainArgs } from '../../../src/api/models';
import type { MessageKey } from '../../i18n/catalog';

export type ValidationChoice = 'random' | 'where' | 'none';
export type MaxFeaturesChoice = 'sqrt' | 'log2' | 'all' | 'custom';

export interface TrainForm {
  table: string;
  target: string;
  /** Ticked target values meaning bad; only sent when the target is not a 0/1 flag. */
  bad: string[];
  features: string[];
  model: ModelKind;
  name: string;
  validation: ValidationChoice;
  testFraction: string;
  testWhere: string;
  seed: string;
  crossValidate: boolean;
  cvFolds: string;
  l2: string;
  impute: 'none' | 'median';
  trees: string;
  maxDepth: string;
  minSamplesLeaf: string;
  maxFeatures: MaxFeaturesChoice;
  maxFeaturesValue: string;
  classWeight: 'none' | 'balanced';
}

/** The engine's own defaults, shown in the form so the analyst sees what will be used. */
export const DEFAULT_FORM: TrainForm = {
  table: '',
  target: '',
  bad: [],
  features: [],
  model: 'logistic',
  name: '',
  validation: 'random',
  testFraction: '0.3',
  testWhere: '',
  seed: '42',
  crossValidate: false,
  cvFolds: '5',
  l2: '0',
  impute: 'none',
  trees: '100',
  maxDepth: '',
  minSamplesLeaf: '1',
  maxFeatures: 'sqrt',
  maxFeaturesValue: '0.5',
  classWeight: 'none',
};

export interface TargetValue {
  value: string;
  rows: number;
}

/** A 0/1 (or false/true) column maps itself, exactly as the engine decides; anything else needs the analyst. */
export function targetMapsItself(values: readonly TargetValue[]): boolean {
  const set = values.map((v) => v.value).join(',');
  return set === '0,1' || set === 'false,true';
}

/** Names that usually hold the outcome, so the form can suggest one. */
const TARGET_NAMES = [/^(default|bad|target|label|y)$/i, /default/i, /(bad|overdue|delinq|dpd90|逾期|违约)/i];

export function suggestTarget(columns: readonly string[]): string {
  for (const re of TARGET_NAMES) {
    const hit = columns.find((c) => re.test(c));
    if (hit) return hit;
  }
  return '';
}

export type FormCheck = { ok: true; args: TrainArgs } | { ok: false; problem: MessageKey; field: keyof TrainForm };

function num(text: string): number | null {
  const s = text.trim();
  if (s === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

const fail = (problem: MessageKey, field: keyof TrainForm): FormCheck => ({ ok: false, problem, field });

function forestArgs(f: TrainForm): ForestParams | FormCheck {
  const trees = num(f.trees);
  if (trees === null || !Number.isInteger(trees) || trees < 1 || trees > 2000) return fail('models.problem.trees', 'trees');
  const maxDepth = num(f.maxDepth);
  if (f.maxDepth.trim() !== '' && (maxDepth === null || !Number.isInteger(maxDepth) || maxDepth < 1)) return fail('models.problem.maxDepth', 'maxDepth');
  const leaf = num(f.minSamplesLeaf);
  if (leaf === null || !Number.isInteger(leaf) || leaf < 1) return fail('models.problem.minSamplesLeaf', 'minSamplesLeaf');
  let maxFeatures: ForestParams['maxFeatures'] = f.maxFeatures === 'custom' ? undefined : f.maxFeatures;
  if (f.maxFeatures === 'custom') {
    // A fraction of the features (0..1), or a whole count of them.
    const v = num(f.maxFeaturesValue);
    if (v === null || v <= 0 || (v >= 1 && !Number.isInteger(v))) return fail('models.problem.maxFeatures', 'maxFeaturesValue');
    maxFeatures = v;
  }
  return {
    trees,
    ...(maxDepth === null ? {} : { maxDepth }),
    minSamplesLeaf: leaf,
    ...(maxFeatures === undefined ? {} : { maxFeatures }),
    ...(f.classWeight === 'balanced' ? { classWeight: 'balanced' as const } : {}),
  };
}

/** The form as `TrainArgs`, or the first thing to fix. `targetValues` is null until the target was checked. */
export function trainArgsOf(f: TrainForm, targetValues: readonly TargetValue[] | null): FormCheck {
  if (f.table === '') return fail('models.problem.table', 'table');
  if (f.target === '') return fail('models.problem.target', 'target');
  if (targetValues === null) return fail('models.problem.targetUnchecked', 'target');
  if (targetValues.length < 2) return fail('models.problem.targetOneValue', 'target');
  const mapsItself = targetMapsItself(targetValues);
  if (!mapsItself) {
    if (f.bad.length === 0) return fail('models.problem.badNone', 'bad');
    if (f.bad.length >= targetValues.length) return fail('models.problem.badAll', 'bad');
  }
  if (f.features.length === 0) return fail('models.problem.features', 'features');
  if (f.features.includes(f.target)) return fail('models.problem.targetIsFeature', 'features');

  const seed = num(f.seed);
  if (seed === null || !Number.isSafeInteger(seed) || seed < 0) return fail('models.problem.seed', 'seed');
  let validation: TrainArgs['validation'];
  if (f.validation === 'random') {
    const fraction = num(f.testFraction);
    if (fraction === null || fraction <= 0 || fraction >= 1) return fail('models.problem.testFraction', 'testFraction');
    validation = { kind: 'random', testFraction: fraction };
  } else if (f.validation === 'where') {
    if (f.testWhere.trim() === '') return fail('models.problem.testWhere', 'testWhere');
    validation = { kind: 'where', testWhere: f.testWhere.trim() };
  } else {
    validation = { kind: 'none' };
  }
  let cvFolds: number | undefined;
  if (f.crossValidate) {
    const k = num(f.cvFolds);
    if (k === null || !Number.isInteger(k) || k < 2 || k > 20) return fail('models.problem.cvFolds', 'cvFolds');
    cvFolds = k;
  }
  if (f.name.trim().length > 100) return fail('models.problem.name', 'name');

  const args: TrainArgs = {
    table: f.table,
    target: f.target,
    ...(mapsItself ? {} : { bad: [...f.bad] }),
    features: [...f.features],
    model: f.model,
    ...(f.name.trim() === '' ? {} : { name: f.name.trim() }),
    validation,
    ...(cvFolds === undefined ? {} : { cvFolds }),
    seed,
  };
  if (f.model === 'logistic') {
    const l2 = num(f.l2);
    if (l2 === null || l2 < 0) return fail('models.problem.l2', 'l2');
    args.logistic = { l2, impute: f.impute };
  } else {
    const forest = forestArgs(f);
    if ('ok' in forest) return forest;
    args.forest = forest;
  }
  return { ok: true, args };
}
