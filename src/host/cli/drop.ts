/** `vigil drop TABLE`: delete a table (and its catalog entry). */
import type { CliCommand } from './command';

export const dropCommand: CliCommand = {
  name: 'drop',
  params: 'TABLE',
  summary: 'Delete a table from the workspace.',
  arity: { min: 1, max: 1 },
  options: {},
  async run({ args, call }) {
    const result = await call('workspace.drop', { table: args[0] });
    return { json: { ...result }, text: `Dropped ${result.dropped}.` };
  },
};
