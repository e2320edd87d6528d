/**
 * `vigil train --table T --target Y --model logistic|forest ...`: fit, validate and save a default
 * model. `--json` prints the whole TrainResult (model id, train/test metrics, coefficients or
 * importances); people get the statsmodels-style table, the metrics and the decile table.
 */
import type { TrainArgs, Validation } from '../../api/models';
import { badInput } from '../../api/errors';
import { choiceOption, intOption, stringOption, type CliCommand, type OptionValues } from './command';
import { listOption, numberOption, trainResultText } from './models';

const MODELS = ['logistic', 'forest'] as const;

function required(options: OptionValues, name: string): string {
  const v = stringOption(options, name);
  if (v === undefined || v.trim() === '') throw badInput(`vigil train needs --${name}.`, { option: name });
  return v;
}

function validationOf(options: OptionValues): Validation | undefined {
  const testWhere = stringOption(options, 'test-where');
  const testFraction = numberOption(options, 'test-fraction', 0, 1);
  if (testWhere !== undefined && testFraction !== undefined) {
    throw badInput('Use either --test-where or --test-fraction, not both.', { option: 'test-where' });
  }
  if (testWhere !== undefined) return { kind: 'where', testWhere };
  if (testFraction !== undefined) return { kind: 'random', testFraction };
  return undefined;
}

/** The command line as TrainArgs; model-specific options given to the other model are an error, not ignored. */
export function trainArgsOf(options: OptionValues): TrainArgs {
  const model = choiceOption(options, 'model', MODELS);
  if (model === undefined) throw badInput('vigil train needs --model logistic or --model forest.', { option: 'model' });
  const forestOnly = ['trees', 'max-depth', 'min-leaf'].filter((o) => options[o] !== undefined);
  if (model === 'logistic' && forestOnly.length > 0) throw badInput(`--${forestOnly[0]} applies to --model forest only.`, { option: forestOnly[0] });
  if (model === 'forest' && options.l2 !== undefined) throw badInput('--l2 applies to --model logistic only.', { option: 'l2' });
  const trees = intOption(options, 'trees', 1, 10_000);
  const maxDepth = intOption(options, 'max-depth', 1, 1_000);
  const minLeaf = intOption(options, 'min-leaf', 1, 1_000_000);
  const l2 = numberOption(options, 'l2', 0, Number.MAX_VALUE);
  const features = listOption(options, 'features');
  const bad = listOption(options, 'bad');
  const validation = validationOf(options);
  const cvFolds = intOption(options, 'cv', 2, 20);
  const seed = intOption(options, 'seed', 0);
  const name = stringOption(options, 'name');
  return {
    table: required(options, 'table'),
    target: required(options, 'target'),
    model,
    ...(features ? { features } : {}),
    ...(bad ? { bad } : {}),
    ...(validation ? { validation } : {}),
    ...(cvFolds !== undefined ? { cvFolds } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(model === 'logistic' && l2 !== undefined ? { logistic: { l2 } } : {}),
    ...(model === 'forest'
      ? {
          forest: {
            ...(trees !== undefined ? { trees } : {}),
            ...(maxDepth !== undefined ? { maxDepth } : {}),
            ...(minLeaf !== undefined ? { minSamplesLeaf: minLeaf } : {}),
          },
        }
      : {}),
  };
}

export const trainCommand: CliCommand = {
  name: 'train',
  params: '',
  summary: 'Train and validate a default model (logistic or random forest) and save it in the workspace.',
  arity: { min: 0, max: 0 },
  options: {
    table: { type: 'string', value: 'T', description: 'Table to train on (required).' },
    target: { type: 'string', value: 'Y', description: 'Outcome column: 0/1, or map values with --bad (required).' },
    model: { type: 'string', value: 'logistic|forest', description: 'Model kind (required).' },
    features: { type: 'string', value: 'a,b', description: 'Feature columns (default: numeric columns except the target and ids).' },
    bad: { type: 'string', value: 'v1,v2', description: 'Target values that mean bad, when the target is not 0/1.' },
    'test-where': { type: 'string', value: 'SQL', description: "Holdout rows by condition, e.g. \"month >= '2024-07'\" (out-of-time)." },
    'test-fraction': { type: 'string', value: 'X', description: 'Stratified random holdout share (default 0.3).' },
    cv: { type: 'string', value: 'K', description: 'K-fold cross-validation on the training part.' },
    seed: { type: 'string', value: 'N', description: 'Seed of the split, folds and forest (default 42).' },
    trees: { type: 'string', value: 'N', description: 'Forest: number of trees (default 100).' },
    'max-depth': { type: 'string', value: 'N', description: 'Forest: deepest split level (default unlimited).' },
    'min-leaf': { type: 'string', value: 'N', description: 'Forest: fewest rows per leaf (default 1).' },
    l2: { type: 'string', value: 'X', description: 'Logistic: L2 penalty (default 0).' },
    name: { type: 'string', value: 'N', description: 'Registry name (default <table>_<model>); versions count up per name.' },
  },
  async run({ options, call }) {
    const result = await call('models.train', trainArgsOf(options));
    return { json: { ...result }, text: trainResultText(result) };
  },
};
