/** `vigil query SQL`: the read-only SQL console, to the terminal, as JSON, or straight to a CSV file. */
import { resolve } from 'node:path';
import { intOption, stringOption, type CliCommand } from './command';
import { arrowRows, rowObjects } from './arrow-rows';
import { cellText, formatCount, formatTable, isNumeric } from './format';

export const queryCommand: CliCommand = {
  name: 'query',
  params: 'SQL',
  summary: 'Run one read-only SQL statement (SELECT, WITH, DESCRIBE, ...).',
  arity: { min: 1, max: 1 },
  options: {
    limit: { type: 'string', value: 'N', description: 'Return at most N rows.' },
    csv: { type: 'string', value: 'FILE', description: 'Write all result rows to a CSV file instead (UTF-8 with a BOM, which Excel needs for Chinese text).' },
    'no-bom': { type: 'boolean', description: 'With --csv: plain UTF-8 without the byte-order mark.' },
  },
  async run({ args, options, cwd, call }) {
    const sql = args[0];
    const csv = stringOption(options, 'csv');
    if (csv !== undefined) {
      const result = await call('workspace.exportCsv', { sql, path: resolve(cwd, csv), excelBom: options['no-bom'] !== true });
      return { json: { ...result }, text: `Wrote ${formatCount(result.rows)} rows to ${result.path}.` };
    }
    const limit = intOption(options, 'limit', 0);
    const result = await call('workspace.query', { sql, ...(limit !== undefined ? { limit } : {}) });
    const plain = arrowRows(result.arrow);
    const summary = result.truncated
      ? `${formatCount(result.rowCount)} of ${formatCount(result.totalRows)} rows (use --limit or --csv for more)`
      : `${formatCount(result.rowCount)} row${result.rowCount === 1 ? '' : 's'}`;
    const numeric = plain.columns.map((_, i) => plain.rows.some((r) => isNumeric(r[i])));
    const table = formatTable(
      plain.columns.map((header, i) => ({ header, right: numeric[i] })),
      plain.rows.map((r) => r.map((v) => cellText(v))),
    );
    return {
      json: {
        columns: result.columns,
        rows: rowObjects(plain),
        rowCount: result.rowCount,
        totalRows: result.totalRows,
        truncated: result.truncated,
      },
      text: `${table}\n(${summary})`,
    };
  },
};
