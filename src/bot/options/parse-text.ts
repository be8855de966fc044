import { describeAllowed, type Field, fieldSchema } from '../../engine/fields.js';
import type { CommandOption } from '../types.js';
import { ALIASES } from './short-keys.js';

/*
 * The one option reader. Free text such as `depth:8 activation:relu seeds:3` (Slack, the CLI, the
 * playground, buttons) and typed values (Discord) both become checked values here, with the same
 * words for the same mistake: quoting, bare words filling positional options, short keys and
 * aliases, text options with a length limit, fields converted and held to their bounds. It never
 * throws, whatever the input.
 */

/** One problem with one option. */
export interface OptionError {
  field: string;
  message: string;
}

/** Parsed option values, or the problems found (at most a few, then how many more). */
export type ParsedOptions =
  | { ok: true; values: Record<string, unknown> }
  | { ok: false; errors: OptionError[] };

/** How a command's options are read besides its table. */
export interface OptionRules {
  /** Options that bare words fill, in order (e.g. action, then id). */
  positionals?: readonly string[];
  /** Other names people may type for an option, e.g. tz → timezone. */
  aliases?: Readonly<Record<string, string>>;
  /** Added to the message about an unknown option (e.g. "put a command in quotes"). */
  unknownHint?: string;
}

type Table = Readonly<Record<string, CommandOption>>;

/** Errors listed in full; the rest are counted. 12,500 repeated options should not print 12,499 lines. */
export const MAX_LISTED_ERRORS = 5;

/** Keys compare case-insensitively and without - or _: `learning_rate`, `Learning-Rate`. */
export const normalizeKey = (key: string) => key.toLowerCase().replace(/[-_]/g, '');

const INT = /^[-+]?\d+$/;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
const TRUE = new Set(['true', 'yes', 'on', '1']);
const FALSE = new Set(['false', 'no', 'off', '0']);

type Conversion = { ok: true; value: unknown } | { ok: false };

/** A finite number, with -0 read as 0 (it would print as 0 but compare as a different key). */
function numberOf(text: string, pattern: RegExp): Conversion {
  if (!pattern.test(text)) return { ok: false };
  const value = Number(text);
  return Number.isFinite(value) ? { ok: true, value: value + 0 } : { ok: false };
}

function convertOne(
  kind: 'int' | 'number' | 'choice',
  text: string,
  choices: readonly string[] = [],
): Conversion {
  if (kind === 'int') return numberOf(text, INT);
  if (kind === 'number') return numberOf(text, NUMBER);
  const match = choices.find((c) => c.toLowerCase() === text.toLowerCase());
  return match === undefined ? { ok: false } : { ok: true, value: match };
}

function convertList(
  kind: 'int' | 'number' | 'choice',
  text: string,
  choices?: readonly string[],
): Conversion {
  const items = text.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) return { ok: false };
  const values: unknown[] = [];
  for (const item of items) {
    const one = convertOne(kind, item, choices);
    if (!one.ok) return one;
    values.push(one.value);
  }
  return { ok: true, value: values };
}

function convert(f: Field, text: string): Conversion {
  switch (f.kind) {
    case 'int':
    case 'number':
      return convertOne(f.kind, text);
    case 'choice':
      return convertOne('choice', text, f.choices);
    case 'boolean': {
      const lower = text.toLowerCase();
      if (TRUE.has(lower)) return { ok: true, value: true };
      return FALSE.has(lower) ? { ok: true, value: false } : { ok: false };
    }
    case 'int-list':
      return convertList('int', text);
    case 'number-list':
      return convertList('number', text);
    case 'choice-list':
      return convertList('choice', text, f.choices);
  }
}

/** Checks one option's text into `values`, or returns the error naming what it accepts. */
function accept(name: string, option: CommandOption, text: string, values: Record<string, unknown>) {
  if (option.kind === 'text') {
    if (text.length > option.maxLength) {
      return `${name} must be at most ${option.maxLength} characters (got ${text.length})`;
    }
    if (text !== '') values[name] = text;
    return undefined;
  }
  const converted = convert(option, text);
  if (!converted.ok) return `${name} must be ${describeAllowed(option)} (got "${text.slice(0, 40)}")`;
  if (!fieldSchema(option).safeParse(converted.value).success) {
    return `${name} must be ${describeAllowed(option)} (got ${text.slice(0, 40)})`;
  }
  values[name] = converted.value;
  return undefined;
}

/** Splits on whitespace, keeping "quoted values" (straight or curly quotes) together; drops empty tokens. */
export function tokenize(text: string): string[] {
  const straight = text.replace(/[\u201c\u201d]/g, '"');
  return [...straight.matchAll(/(?:[^\s"]+|"[^"]*")+/g)].map((m) => m[0].replace(/"/g, '')).filter(Boolean);
}

/** The option a typed key means: exact, case-insensitive, without - and _, a command alias or a short key. */
function resolveKey(key: string, table: Table, rules: OptionRules): string | undefined {
  const wanted = normalizeKey(key);
  const own = Object.entries(rules.aliases ?? {}).find(([from]) => normalizeKey(from) === wanted)?.[1];
  const alias = own ?? ALIASES[wanted];
  if (alias && Object.hasOwn(table, alias)) return alias;
  return Object.keys(table).find((name) => normalizeKey(name) === wanted);
}

/** A valid `key:value` to show in a message: the first field at its default. */
function example(table: Table): string {
  for (const [name, option] of Object.entries(table)) {
    if (option.kind === 'text') continue;
    const value = Array.isArray(option.default) ? option.default.join(',') : String(option.default);
    return `${name}:${value}`;
  }
  return `${Object.keys(table)[0] ?? 'option'}:"..."`;
}

/** The positional a bare word fills: the next free one, or a later free choice that names the word. */
function positionalFor(word: string, table: Table, free: readonly string[]): string | undefined {
  const [next] = free;
  const accepts = (name: string) => {
    const option = table[name];
    return option?.kind === 'choice' && option.choices.some((c) => c.toLowerCase() === word.toLowerCase());
  };
  if (next === undefined || table[next]?.kind !== 'choice' || accepts(next)) return next;
  return free.find(accepts) ?? next;
}

/** The errors as shown: a few in full, then how many more. */
function capped(errors: OptionError[]): OptionError[] {
  if (errors.length <= MAX_LISTED_ERRORS + 1) return errors;
  const more = (errors.length - MAX_LISTED_ERRORS).toLocaleString('en-US');
  return [...errors.slice(0, MAX_LISTED_ERRORS), { field: '', message: `… and ${more} more problems` }];
}

const ended = (values: Record<string, unknown>, errors: OptionError[]): ParsedOptions =>
  errors.length > 0 ? { ok: false, errors: capped(errors) } : { ok: true, values };

/**
 * Parses `key:value` (or `key=value`) tokens against an option table. Bare words fill the
 * positional options in order (`/schedule pause 3`, `/explain restarts`); a string names the one.
 */
export function parseOptionText(text: string, table: Table, rules: OptionRules | string = {}): ParsedOptions {
  const rule: OptionRules = typeof rules === 'string' ? { positionals: [rules] } : rules;
  const values: Record<string, unknown> = {};
  const errors: OptionError[] = [];
  const seen = new Set<string>();
  const free = [...(rule.positionals ?? [])];
  const hint = rule.unknownHint ? ` (${rule.unknownHint})` : '';
  for (const token of tokenize(text)) {
    const separator = token.search(/[:=]/);
    const key = separator > 0 ? token.slice(0, separator) : undefined;
    let name = key === undefined ? undefined : resolveKey(key, table, rule);
    let raw = separator > 0 ? token.slice(separator + 1).trim() : token;
    if (name === undefined && separator <= 0) {
      name = positionalFor(token, table, free);
      raw = token;
    }
    if (name === undefined) {
      const shown = (key ?? token).slice(0, 40);
      errors.push(
        key === undefined
          ? { field: shown, message: `"${shown}" is not an option; write key:value, e.g. ${example(table)}` }
          : {
              field: shown,
              message: `unknown option "${shown}"; options are ${Object.keys(table).join(', ')}${hint}`,
            },
      );
      continue;
    }
    if (free.includes(name)) free.splice(free.indexOf(name), 1);
    if (seen.has(name)) {
      errors.push({ field: name, message: `${name} is given more than once; give it once` });
      continue;
    }
    seen.add(name);
    const problem = accept(name, table[name]!, raw, values);
    if (problem) errors.push({ field: name, message: problem });
  }
  return ended(values, errors);
}

/** Checks typed values (Discord sends options typed) with the same conversions and words. */
export function parseOptionValues(
  input: Record<string, unknown>,
  table: Table,
  rules: OptionRules = {},
): ParsedOptions {
  const values: Record<string, unknown> = {};
  const errors: OptionError[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || value === null) continue;
    const name = resolveKey(key, table, rules);
    if (name === undefined) {
      errors.push({
        field: key,
        message: `unknown option "${key}"; options are ${Object.keys(table).join(', ')}`,
      });
      continue;
    }
    const problem = accept(
      name,
      table[name]!,
      Array.isArray(value) ? value.join(',') : String(value),
      values,
    );
    if (problem) errors.push({ field: name, message: problem });
  }
  return ended(values, errors);
}
