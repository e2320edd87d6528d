/** `vigil tables`: the workspace catalog. */
import type { CliCommand } from './command';
import { formatBytes, formatCount, formatTable } from './format';

export const tablesCommand: CliCommand = {
  name: 'tables',
  params: '',
  summary: 'List the tables in the workspace.',
  arity: { min: 0, max: 0 },
  options: {},
  async run({ call }) {
    const tables = await call('workspace.tables', {});
    if (tables.length === 0) return { json: { tables }, text: 'The workspace has no tables yet: try `vigil import FILE` or `vigil sample`.' };
    const text = formatTable(
      [
        { header: 'table' },
        { header: 'rows', right: true },
        { header: 'columns', right: true },
        { header: 'size', right: true },
        { header: 'source' },
        { header: 'imported' },
      ],
      tables.map((t) => [
        t.kind === 'data' ? t.name : `${t.name} (${t.kind})`,
        t.rows === null ? '?' : formatCount(t.rows),
        String(t.columns.length),
        formatBytes(t.sizeBytes),
        t.sourceFile ?? '',
        t.importedAt ? t.importedAt.slice(0, 19).replace('T', ' ') : '',
      ]),
    );
    return { json: { tables }, text };
  },
};
