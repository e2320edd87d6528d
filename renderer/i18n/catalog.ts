/**
 * The message catalogs' shape. English is the reference: its keys are the only valid keys,
 * and every other language must give every one of them (a missing key fails the typecheck).
 */
import { en } from './en';

export type MessageKey = keyof typeof en;
export type Catalog = Record<MessageKey, string>;
/** Values for `{name}` placeholders in a message. */
export type MessageParams = Record<string, string | number>;

/**
 * `{name}` is replaced by the value; `{name|one|other}` picks a word by the value, for English
 * plurals ("1 row", "2 rows"). The value may already be formatted ("1", "30,000"): English uses
 * the singular for exactly one. Chinese has no plural forms and never needs the second form.
 */
const PLACEHOLDER = /\{(\w+)(?:\|([^|{}]*)\|([^|{}]*))?\}/g;

export function interpolate(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(PLACEHOLDER, (whole, name: string, one?: string, other?: string) => {
    if (!(name in params)) return whole;
    const value = String(params[name]);
    if (one === undefined || other === undefined) return value;
    return value === '1' ? one : other;
  });
}

/** The names a message uses, each once: `{n} {n|row|rows}` uses `n`. */
export function placeholderNames(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))].sort();
}
