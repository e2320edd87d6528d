/** `vigil help [COMMAND]`: generated from the command table, so it can never fall out of date. */
import { usageOf, type CliCommand, type OptionSpec } from './command';
import { GLOBAL_OPTIONS } from './parse';

function optionLines(options: Record<string, OptionSpec>): string[] {
  const rows = Object.entries(options).map(([name, o]) => [o.type === 'string' ? `--${name} ${o.value ?? 'X'}` : `--${name}`, o.description]);
  const width = Math.max(0, ...rows.map(([flag]) => flag.length));
  return rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`);
}

export function generalHelp(commands: readonly CliCommand[], defaultWorkspace: string): string {
  const rows = [...commands.map((c) => [[c.name, c.params].filter(Boolean).join(' '), c.summary]), ['help [COMMAND]', 'Show help.']];
  // A long usage (models' action list) gets a line of its own rather than pushing every summary off screen.
  const LONG_USAGE = 24;
  const width = Math.max(...rows.map(([u]) => u.length).filter((n) => n <= LONG_USAGE));
  const line = ([u, s]: string[]) => (u.length > width ? `  ${u}\n  ${' '.repeat(width)}  ${s}` : `  ${u.padEnd(width)}  ${s}`);
  return [
    'Vigil: post-loan credit-risk workstation, command line.',
    '',
    'Usage: vigil <command> [arguments] [options] [--workspace FILE] [--json]',
    '',
    'Commands:',
    ...rows.map(line),
    '',
    'Global options:',
    ...optionLines(GLOBAL_OPTIONS),
    '',
    `Default workspace: ${defaultWorkspace}`,
    'Exit codes: 0 done, 1 internal error, 2 bad input / not found / conflict, 130 cancelled (Ctrl-C).',
  ].join('\n');
}

export function commandHelp(command: CliCommand): string {
  const lines = [`Usage: ${usageOf(command)}`, '', command.summary];
  if (Object.keys(command.options).length > 0) lines.push('', 'Options:', ...optionLines(command.options));
  lines.push('', 'Global options:', ...optionLines(GLOBAL_OPTIONS));
  return lines.join('\n');
}

export function helpJson(commands: readonly CliCommand[]): Record<string, unknown> {
  return {
    commands: commands.map((c) => ({ name: c.name, usage: usageOf(c), summary: c.summary, options: c.options })),
    globalOptions: GLOBAL_OPTIONS,
  };
}
