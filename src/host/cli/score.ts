/** `vigil score --model ID --table T [--output O]`: PD, score, grade and reason codes for every row of a table. */
import { badInput } from '../../api/errors';
import { stringOption, type CliCommand } from './command';
import { formatCount, formatSeconds, formatTable } from './format';
import { numberOption } from './models';

export const scoreCommand: CliCommand = {
  name: 'score',
  params: '',
  summary: 'Score a table with a saved model: PD, score, grade and 3 reason codes per row, into a new table.',
  arity: { min: 0, max: 0 },
  options: {
    model: { type: 'string', value: 'ID', description: 'Saved model id (see `vigil models`; required).' },
    table: { type: 'string', value: 'T', description: 'Table to score (required).' },
    output: { type: 'string', value: 'O', description: 'Output table (default <table>_scores).' },
    'id-column': { type: 'string', value: 'C', description: 'Column identifying each row (default: an id-like column, else the first).' },
    'reason-cutoff': { type: 'string', value: 'PD', description: 'Forest: reason codes for rows with PD at or above this (default: training bad rate).' },
    replace: { type: 'boolean', description: 'Replace the output table if it exists.' },
  },
  async run({ options, call }) {
    const id = stringOption(options, 'model');
    const table = stringOption(options, 'table');
    if (!id) throw badInput('vigil score needs --model ID.', { option: 'model' });
    if (!table) throw badInput('vigil score needs --table T.', { option: 'table' });
    const output = stringOption(options, 'output');
    const idColumn = stringOption(options, 'id-column');
    const reasonCutoff = numberOption(options, 'reason-cutoff', 0, 1);
    const r = await call('models.score', {
      id,
      table,
      ...(output !== undefined ? { output } : {}),
      ...(idColumn !== undefined ? { idColumn } : {}),
      ...(reasonCutoff !== undefined ? { reasonCutoff } : {}),
      replace: options.replace === true,
    });
    const grades = formatTable(
      [{ header: 'grade' }, { header: 'rows', right: true }, { header: 'share', right: true }, { header: 'mean PD', right: true }],
      r.grades.map((g) => [g.grade, formatCount(g.rows), `${((100 * g.rows) / r.rows).toFixed(1)}%`, g.meanPd === null ? '' : g.meanPd.toFixed(4)]),
    );
    const text = [
      `Scored ${formatCount(r.rows)} rows of ${table} into ${r.output} in ${formatSeconds(r.elapsedMs)} (id column ${r.idColumn}).`,
      grades,
      `Mean PD ${r.meanPd.toFixed(4)}; PSI against the training population ${r.psi.toFixed(4)}${r.psi > 0.25 ? ' (major shift)' : r.psi > 0.1 ? ' (some shift)' : ''}.`,
      `Reason codes for ${formatCount(r.reasonRows)} rows.`,
    ].join('\n\n');
    return { json: { ...r }, text };
  },
};
