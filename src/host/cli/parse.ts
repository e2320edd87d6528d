/**
 * `vigil [global options] <command> [arguments] [options]`. The command is the first word that is
 * not a global option; everything else is parsed strictly against the global options plus that
 * command's own, so a typo like `--tabel` is an error, never silently ignored.
 */
import { parseArgs } from 'node:util';
import { badInput } from '../../api/errors';
import { usageOf, type CliCommand, type OptionSpec, type OptionValues } from './command';

export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  workspace: { type: 'string', value: 'FILE', description: 'Workspace file (default: the per-user one the desktop app opens).' },
  json: { type: 'boolean', description: 'Print one JSON object on stdout (errors too, as {"error": {...}}).' },
  help: { type: 'boolean', description: 'Show help (for a command: vigil COMMAND --help).' },
};

export type ParsedCommandLine =
  | { kind: 'help'; topic: CliCommand | null; json: boolean }
  | { kind: 'run'; command: CliCommand; args: string[]; options: OptionValues; workspace: string | undefined; json: boolean };

/** --json is honoured even when the rest of the line fails to parse, so errors come out as JSON too. */
export function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).includes('--json');
}

/** Split off the command word; global options may come before it. */
function splitCommand(argv: readonly string[]): { name: string | null; rest: string[] } {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    if (!a.startsWith('-')) return { name: a, rest: [...argv.slice(0, i), ...argv.slice(i + 1)] };
    if (a === '--workspace') i++; // its value is not the command
  }
  return { name: null, rest: [...argv] };
}

function parseError(e: unknown, command: CliCommand): Error {
  const message = (e as Error).message.replace(/\. To specify a positional argument.*$/s, '');
  return badInput(`${message}. Usage: ${usageOf(command)}`, { command: command.name });
}

export function parseCommandLine(argv: readonly string[], commands: readonly CliCommand[]): ParsedCommandLine {
  const json = wantsJson(argv);
  const { name, rest } = splitCommand(argv);
  if (name === null || name === 'help') {
    const topicName = name === 'help' ? splitCommand(rest).name : null;
    const topic = topicName === null ? null : (commands.find((c) => c.name === topicName) ?? null);
    if (topicName !== null && topic === null) throw unknownCommand(topicName, commands);
    return { kind: 'help', topic, json };
  }
  const command = commands.find((c) => c.name === name);
  if (!command) throw unknownCommand(name, commands);

  const options = { ...GLOBAL_OPTIONS, ...command.options };
  let parsed: { values: OptionValues; positionals: string[] };
  try {
    parsed = parseArgs({
      args: rest,
      options: Object.fromEntries(Object.entries(options).map(([k, o]) => [k, { type: o.type }])),
      allowPositionals: true,
      strict: true,
    }) as { values: OptionValues; positionals: string[] };
  } catch (e) {
    throw parseError(e, command);
  }
  if (parsed.values.help === true) return { kind: 'help', topic: command, json };
  const n = parsed.positionals.length;
  if (n < command.arity.min || n > command.arity.max) {
    const what = n < command.arity.min ? 'is missing an argument' : 'has too many arguments';
    throw badInput(`vigil ${command.name} ${what}. Usage: ${usageOf(command)}`, { command: command.name, arguments: parsed.positionals });
  }
  const workspace = parsed.values.workspace;
  if (workspace === '') throw badInput('--workspace needs a file name.', { option: 'workspace' });
  return {
    kind: 'run',
    command,
    args: parsed.positionals,
    options: parsed.values,
    workspace: typeof workspace === 'string' ? workspace : undefined,
    json,
  };
}

function unknownCommand(name: string, commands: readonly CliCommand[]): Error {
  return badInput(`Unknown command "${name}". Commands: ${commands.map((c) => c.name).join(', ')}, help.`, { command: name });
}
