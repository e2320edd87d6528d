/** `vigil rename FROM TO`: give a table a better name (the catalog follows). */
import type { CliCommand } from './command';
import { formatCount } from './format';

export const renameCommand: CliCommand = {
  name: 'rename',
  params: 'FROM TO',
  summary: 'Rename a table.',
  arity: { min: 2, max: 2 },
  options: {},
  async run({ args, call }) {
    const table = await call('workspace.rename', { from: args[0], to: args[1] });
    return { json: { table }, text: `Renamed ${args[0]} to ${table.name} (${table.rows === null ? 'unknown number of' : formatCount(table.rows)} rows).` };
  },
};
