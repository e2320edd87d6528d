/** `vigil import FILE`: load a CSV, Parquet or Excel file into a workspace table. */
import { basename, resolve } from 'node:path';
import type { TextEncoding } from '../../api/workspace';
import { tableNameFromFile } from '../table-name';
import { choiceOption, stringOption, type CliCommand } from './command';
import { formatCount, formatSeconds } from './format';

const ENCODINGS: readonly TextEncoding[] = ['auto', 'utf-8', 'gbk', 'gb18030'];

export const importCommand: CliCommand = {
  name: 'import',
  params: 'FILE',
  summary: 'Import a CSV, Parquet or Excel (.xlsx) file into a table.',
  arity: { min: 1, max: 1 },
  options: {
    table: { type: 'string', value: 'T', description: 'Target table (default: the file name).' },
    encoding: { type: 'string', value: 'auto|utf-8|gbk|gb18030', description: 'Text encoding of a CSV (default auto).' },
    delimiter: { type: 'string', value: 'C', description: 'CSV field separator (default: detected).' },
    'no-header': { type: 'boolean', description: 'The first CSV line is data, not column names.' },
    sheet: { type: 'string', value: 'S', description: 'Excel sheet (default: the first).' },
    'skip-bad-rows': { type: 'boolean', description: 'Keep bad rows in <table>_rejects instead of failing.' },
    replace: { type: 'boolean', description: 'Replace an existing table of that name.' },
  },
  async run({ args, options, cwd, call }) {
    const path = resolve(cwd, args[0]);
    const result = await call('workspace.import', {
      path,
      table: stringOption(options, 'table') ?? tableNameFromFile(path),
      encoding: choiceOption(options, 'encoding', ENCODINGS),
      delimiter: stringOption(options, 'delimiter'),
      // Only an explicit --no-header overrides the sniffer.
      header: options['no-header'] === true ? false : undefined,
      sheet: stringOption(options, 'sheet'),
      skipBadRows: options['skip-bad-rows'] === true,
      replace: options.replace === true,
      sourceName: basename(path),
    });
    const lines = [
      `Imported ${formatCount(result.rows)} rows × ${result.columns.length} columns into ${result.table}` +
        `${result.encoding ? ` (${result.encoding})` : ''} in ${formatSeconds(result.elapsedMs)}.`,
    ];
    if (result.rejected > 0) lines.push(`${formatCount(result.rejected)} bad rows kept in ${result.rejectsTable}.`);
    return { json: { ...result }, text: lines.join('\n') };
  },
};
