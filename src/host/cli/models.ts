/**
 * `vigil models [list | show ID | delete ID | export ID FILE | import FILE | compare ID ID...]`: the
 * model registry from the command line. Also the text renderers that `vigil train` and `vigil score`
 * share with it (metric and coefficient tables), so every command prints a model the same way.
 */
import { resolve } from 'node:path';
import type { CompareResult, MetricSet, ModelSummary, TrainResult } from '../../api/models';
import { badInput } from '../../api/errors';
import { stringOption, type CliCommand, type CommandInput, type OptionValues } from './command';
import { formatCount, formatTable } from './format';

/** A real number from an option, within bounds, or a bad_input naming the option. */
export function numberOption(options: OptionValues, name: string, min: number, max: number): number | undefined {
  const text = stringOption(options, name);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
    throw badInput(`--${name} must be a number from ${min} to ${max}, not "${text}".`, { option: name, value: text });
  }
  return n;
}

/** `a,b , c` -> ['a', 'b', 'c']. */
export function listOption(options: OptionValues, name: string): string[] | undefined {
  const text = stringOption(options, name);
  if (text === undefined) return undefined;
  const items = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (items.length === 0) throw badInput(`--${name} needs at least one value.`, { option: name });
  return items;
}

const fixed = (x: number | null | undefined, digits = 4): string => (x === null || x === undefined || !Number.isFinite(x) ? '' : x.toFixed(digits));

/** AUC (with its DeLong CI), KS, Gini, Brier, log loss and Hosmer–Lemeshow, one column per sample. */
export function metricsTable(samples: { label: string; m: MetricSet }[]): string {
  const rows: [string, (m: MetricSet) => string][] = [
    ['rows', (m) => formatCount(m.rows)],
    ['bad rate', (m) => fixed(m.badRate)],
    ['AUC', (m) => fixed(m.auc)],
    ['AUC 95% CI', (m) => `${fixed(m.aucCi[0])}–${fixed(m.aucCi[1])}`],
    ['KS', (m) => fixed(m.ks)],
    ['KS at PD', (m) => fixed(m.ksThreshold)],
    ['Gini', (m) => fixed(m.gini)],
    ['Brier', (m) => fixed(m.brier)],
    ['log loss', (m) => fixed(m.logLoss)],
    ['HL p-value', (m) => (m.hosmerLemeshow.pValue === null ? '' : m.hosmerLemeshow.pValue.toExponential(2))],
  ];
  return formatTable(
    [{ header: 'metric' }, ...samples.map((s) => ({ header: s.label, right: true }))],
    rows.map(([name, f]) => [name, ...samples.map((s) => f(s.m))]),
  );
}

export function gainsText(m: MetricSet): string {
  return formatTable(
    [
      { header: 'decile' },
      { header: 'rows', right: true },
      { header: 'bads', right: true },
      { header: 'bad rate', right: true },
      { header: 'cum. bad capture', right: true },
      { header: 'lift', right: true },
      { header: 'PD range', right: true },
    ],
    m.gains.map((g) => [
      String(g.decile),
      formatCount(g.count),
      formatCount(g.bads),
      fixed(g.badRate),
      `${(g.cumBadCapture * 100).toFixed(1)}%`,
      fixed(g.lift, 2),
      `${fixed(g.minPd)}–${fixed(g.maxPd)}`,
    ]),
  );
}

function describeModel(s: ModelSummary): string {
  const v = s.validation;
  const validation = v.kind === 'where' ? `test where ${v.testWhere}` : v.kind === 'random' ? `random ${Math.round(v.testFraction * 100)}% test` : 'no holdout';
  return `Model ${s.id}: ${s.name} v${s.version} (${s.kind}) on ${s.table}, target ${s.target}, ${s.features.length} features, ${validation}, seed ${s.seed}.`;
}

/** The whole result as people read it: the coefficient table or importances, the metrics, the decile table. */
export function trainResultText(r: TrainResult): string {
  const parts: string[] = [];
  if (r.summary) parts.push(r.summary.text);
  if (r.importance) {
    const sorted = [...r.importance].sort((a, b) => (b.impurity ?? 0) - (a.impurity ?? 0));
    parts.push(
      formatTable(
        [{ header: 'feature' }, { header: 'impurity', right: true }, { header: 'permutation (AUC drop)', right: true }],
        sorted.map((i) => [i.name, fixed(i.impurity), i.permutation === null ? '' : `${fixed(i.permutation)} ± ${fixed(i.permutationSd)}`]),
      ),
    );
    if (r.oobAuc !== undefined && r.oobAuc !== null) parts.push(`Out-of-bag AUC: ${fixed(r.oobAuc)}`);
  }
  const samples = [{ label: 'train', m: r.metrics.train }, ...(r.metrics.test ? [{ label: 'test', m: r.metrics.test }] : [])];
  parts.push(metricsTable(samples));
  if (r.metrics.cv) {
    const cv = r.metrics.cv;
    parts.push(`${cv.folds}-fold cross-validation on the training part: AUC ${fixed(cv.aucMean)} ± ${fixed(cv.aucSd)}, KS ${fixed(cv.ksMean)} ± ${fixed(cv.ksSd)}`);
  }
  if (r.psi !== null) parts.push(`PSI train vs test: ${fixed(r.psi)}`);
  parts.push(`Gains by decile (${r.metrics.test ? 'test' : 'train'}):\n${gainsText(r.metrics.test ?? r.metrics.train)}`);
  for (const w of r.warnings) parts.push(`Warning: ${w}`);
  parts.push(describeModel(r.model));
  return parts.join('\n\n');
}

function listText(models: ModelSummary[]): string {
  if (models.length === 0) return 'No saved models yet: try `vigil train --table T --target Y --model logistic`.';
  return formatTable(
    [
      { header: 'id' },
      { header: 'name' },
      { header: 'version', right: true },
      { header: 'kind' },
      { header: 'table' },
      { header: 'rows', right: true },
      { header: 'train AUC', right: true },
      { header: 'test AUC', right: true },
      { header: 'created' },
    ],
    models.map((m) => [
      m.id,
      m.name,
      String(m.version),
      m.kind,
      m.table,
      formatCount(m.dataRows),
      fixed(m.trainAuc),
      fixed(m.testAuc),
      m.createdAt.slice(0, 19).replace('T', ' '),
    ]),
  );
}

export function compareText(r: CompareResult): string {
  const name = new Map(r.models.map((m) => [m.id, `${m.name} v${m.version}`]));
  const models = formatTable(
    [
      { header: 'model' },
      { header: 'id' },
      { header: 'AUC', right: true },
      { header: 'AUC 95% CI', right: true },
      { header: 'KS', right: true },
      { header: 'Gini', right: true },
      { header: 'Brier', right: true },
      { header: 'log loss', right: true },
    ],
    r.models.map((m) => [`${m.name} v${m.version}`, m.id, fixed(m.auc), `${fixed(m.aucCi[0])}–${fixed(m.aucCi[1])}`, fixed(m.ks), fixed(m.gini), fixed(m.brier), fixed(m.logLoss)]),
  );
  const pairs = formatTable(
    [{ header: 'better' }, { header: 'than' }, { header: 'AUC diff', right: true }, { header: 'z', right: true }, { header: 'p (DeLong)', right: true }],
    r.pairs.map((p) => [name.get(p.a) ?? p.a, name.get(p.b) ?? p.b, fixed(p.aucDiff), fixed(p.z, 2), p.pValue.toExponential(2)]),
  );
  const head = `Compared on ${formatCount(r.rows)} rows (${formatCount(r.bads)} bads): ${r.rowsUsed}.`;
  return [head, models, pairs, ...r.warnings.map((w) => `Warning: ${w}`)].join('\n\n');
}

const SUBCOMMANDS = ['list', 'show', 'delete', 'export', 'import', 'compare'] as const;

function expectArgs(args: string[], count: number, usage: string): void {
  if (args.length !== count) throw badInput(`Usage: vigil models ${usage}`, { arguments: args });
}

async function runModels({ args, options, cwd, call }: CommandInput) {
  const [sub = 'list', ...rest] = args;
  if (sub !== 'compare' && (options.table !== undefined || options['test-where'] !== undefined)) {
    throw badInput('--table and --test-where only apply to "vigil models compare".', { action: sub });
  }
  switch (sub) {
    case 'list': {
      expectArgs(rest, 0, 'list');
      const models = await call('models.list', {});
      return { json: { models }, text: listText(models) };
    }
    case 'show': {
      expectArgs(rest, 1, 'show ID');
      const detail = await call('models.get', { id: rest[0] });
      return { json: { ...detail }, text: trainResultText(detail) };
    }
    case 'delete': {
      expectArgs(rest, 1, 'delete ID');
      const result = await call('models.delete', { id: rest[0] });
      return { json: { ...result }, text: `Deleted model ${result.deleted}.` };
    }
    case 'export': {
      expectArgs(rest, 2, 'export ID FILE');
      const result = await call('models.export', { id: rest[0], path: resolve(cwd, rest[1]) });
      return { json: { ...result }, text: `Exported model ${rest[0]} to ${result.path} (${formatCount(result.bytes)} bytes).` };
    }
    case 'import': {
      expectArgs(rest, 1, 'import FILE');
      const model = await call('models.import', { path: resolve(cwd, rest[0]) });
      return { json: { model }, text: `Imported as ${describeModel(model)}` };
    }
    case 'compare': {
      if (rest.length < 2) throw badInput('Usage: vigil models compare ID ID [ID...] [--table T] [--test-where SQL]', { arguments: rest });
      const table = stringOption(options, 'table');
      const testWhere = stringOption(options, 'test-where');
      const result = await call('models.compare', { ids: rest, ...(table ? { table } : {}), ...(testWhere ? { testWhere } : {}) });
      return { json: { ...result }, text: compareText(result) };
    }
    default:
      throw badInput(`Unknown "vigil models" action "${sub}". Actions: ${SUBCOMMANDS.join(', ')}.`, { action: sub });
  }
}

export const modelsCommand: CliCommand = {
  name: 'models',
  params: '[list | show ID | delete ID | export ID FILE | import FILE | compare ID ID...]',
  summary: 'List, show, delete, export, import or compare saved models.',
  arity: { min: 0, max: 20 },
  options: {
    table: { type: 'string', value: 'T', description: 'compare: score the models on this table (default: the first model’s).' },
    'test-where': { type: 'string', value: 'SQL', description: 'compare: only rows where this condition holds (default: the first model’s test set).' },
  },
  run: runModels,
};
