/**
 * The shape of one CLI command. Commands live in a table (commands.ts); the parser and runner
 * know nothing about any single command, so a new domain (models, monitoring) adds its commands
 * by adding rows to that table.
 */
import type { ArgsOf, OpName, ResultOf } from '../../api/index';
import { badInput } from '../../api/errors';

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** Shown in help, e.g. "N" for `--loans N`. */
  value?: string;
  description: string;
}

export type OptionValues = Record<string, string | boolean | undefined>;

export interface CommandInput {
  /** Positional arguments after the command name. */
  args: string[];
  options: OptionValues;
  cwd: string;
  /** Run an engine operation as the CLI's current job: progress is shown and Ctrl-C cancels it. */
  call<K extends OpName>(op: K, args: ArgsOf<K>): Promise<ResultOf<K>>;
}

export interface CommandOutput {
  /** Printed with --json as one object on stdout. */
  json: Record<string, unknown>;
  /** Printed otherwise. */
  text: string;
}

export interface CliCommand {
  name: string;
  /** Positional part of the usage line, e.g. "FILE" or "FROM TO". */
  params: string;
  summary: string;
  /** Positional argument count allowed. */
  arity: { min: number; max: number };
  options: Record<string, OptionSpec>;
  run(input: CommandInput): Promise<CommandOutput>;
}

export function usageOf(cmd: CliCommand): string {
  const opts = Object.entries(cmd.options).map(([name, o]) => (o.type === 'string' ? `[--${name} ${o.value ?? 'X'}]` : `[--${name}]`));
  return ['vigil', cmd.name, cmd.params, ...opts].filter((s) => s !== '').join(' ');
}

export function stringOption(options: OptionValues, name: string): string | undefined {
  const v = options[name];
  return typeof v === 'string' ? v : undefined;
}

/** A whole-number option within bounds, or a bad_input error naming the option. */
export function intOption(options: OptionValues, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const text = stringOption(options, name);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
    throw badInput(`--${name} must be a whole number from ${min} to ${max}, not "${text}".`, { option: name, value: text });
  }
  return n;
}

/** One of a fixed set of words, or a bad_input error listing them. */
export function choiceOption<T extends string>(options: OptionValues, name: string, choices: readonly T[]): T | undefined {
  const text = stringOption(options, name);
  if (text === undefined) return undefined;
  if (!(choices as readonly string[]).includes(text)) {
    throw badInput(`--${name} must be one of ${choices.join(', ')}, not "${text}".`, { option: name, value: text });
  }
  return text as T;
}
