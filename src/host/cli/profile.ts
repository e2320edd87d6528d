/** `vigil profile TABLE`: per-column data quality at a glance (missing, distinct, range). */
import type { ColumnProfile } from '../../api/workspace';
import { stringOption, type CliCommand } from './command';
import { cellText, formatCount, formatTable } from './format';

function rangeText(c: ColumnProfile): [string, string, string] {
  return [cellText(c.min, 20), cellText(c.max, 20), c.mean === null ? '' : cellText(c.mean)];
}

export const profileCommand: CliCommand = {
  name: 'profile',
  params: 'TABLE',
  summary: 'Profile the columns of a table: missing, distinct, min, max, mean.',
  arity: { min: 1, max: 1 },
  options: {
    columns: { type: 'string', value: 'a,b', description: 'Only these columns (comma-separated).' },
  },
  async run({ args, options, call }) {
    const list = stringOption(options, 'columns');
    const columns = list
      ?.split(',')
      .map((c) => c.trim())
      .filter((c) => c !== '');
    const result = await call('workspace.profile', { table: args[0], ...(columns ? { columns } : {}) });
    const text = formatTable(
      [
        { header: 'column' },
        { header: 'type' },
        { header: 'missing', right: true },
        { header: 'missing %', right: true },
        { header: 'distinct', right: true },
        { header: 'min', right: true },
        { header: 'max', right: true },
        { header: 'mean', right: true },
      ],
      result.columns.map((c) => [
        c.name,
        c.type,
        formatCount(c.missing),
        c.missingPct.toFixed(2),
        formatCount(c.distinct),
        ...rangeText(c),
      ]),
    );
    return { json: { ...result }, text: `${result.table}: ${formatCount(result.rows)} rows\n\n${text}` };
  },
};
