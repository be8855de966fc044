import { optionSpelling, shownValue } from '../../engine/fields.js';
import { didYouMeanText } from '../did-you-mean.js';
import { acceptValue } from './check-value.js';
import { positionalFor, resolveKey } from './option-keys.js';
import type { OptionError, OptionRules, OptionTable, ParsedOptions } from './option-types.js';

/*
 * The one option reader. Free text such as `depth:8 activation:relu seeds:3` (Slack, the CLI, the
 * playground, buttons) and typed values (Discord) both become checked values here, with the same
 * words for the same mistake: quoting, bare words filling positional options, short keys and
 * aliases, text options with a length limit, fields converted and held to their bounds. It never
 * throws, whatever the input.
 */

export type { OptionError, OptionRules, ParsedOptions } from './option-types.js';

/** Errors listed in full; the rest are counted. 12,500 repeated options should not print 12,499 lines. */
const MAX_LISTED_ERRORS = 5;

/** Splits on whitespace, keeping "quoted values" (straight or curly quotes) together; drops empty tokens. */
export function tokenize(text: string): string[] {
  const straight = text.replace(/[\u201c\u201d]/g, '"');
  return [...straight.matchAll(/(?:[^\s"]+|"[^"]*")+/g)].map((m) => m[0].replace(/"/g, '')).filter(Boolean);
}

/** A valid `key:value` to show in a message: the first field at its default. */
function example(table: OptionTable): string {
  for (const [name, option] of Object.entries(table)) {
    if (option.kind === 'text') continue;
    return `${optionSpelling(name)}:${shownValue(option, option.default)}`;
  }
  return `${optionSpelling(Object.keys(table)[0] ?? '')}:"..."`;
}

/** `unknown option "x"; Did you mean y? Options are …`, every name as the tutor shows it. */
function unknownOption(typed: string, table: OptionTable, hint = ''): string {
  const names = Object.keys(table);
  return `unknown option "${typed}";${didYouMeanText(typed, names, optionSpelling)} Options are ${names.map(optionSpelling).join(', ')}${hint}`;
}

/** A bare word no option takes; a command without options says so instead of showing a made-up one. */
function notAnOption(word: string, table: OptionTable): string {
  if (Object.keys(table).length === 0) return `"${word}" is not an option; this command takes no options`;
  return `"${word}" is not an option; write key:value, e.g. ${example(table)}`;
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
export function parseOptionText(
  text: string,
  table: OptionTable,
  rules: OptionRules | string = {},
): ParsedOptions {
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
          ? { field: shown, message: notAnOption(shown, table) }
          : { field: shown, message: unknownOption(shown, table, hint) },
      );
      continue;
    }
    if (free.includes(name)) free.splice(free.indexOf(name), 1);
    if (seen.has(name)) {
      errors.push({ field: name, message: `${optionSpelling(name)} is given more than once; give it once` });
      continue;
    }
    seen.add(name);
    const problem = acceptValue(name, table[name]!, raw, values);
    if (problem) errors.push({ field: name, message: problem });
  }
  return ended(values, errors);
}

/** Checks typed values (Discord sends options typed) with the same conversions and words. */
export function parseOptionValues(
  input: Record<string, unknown>,
  table: OptionTable,
  rules: OptionRules = {},
): ParsedOptions {
  const values: Record<string, unknown> = {};
  const errors: OptionError[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || value === null) continue;
    const name = resolveKey(key, table, rules);
    if (name === undefined) {
      errors.push({ field: key, message: unknownOption(key, table) });
      continue;
    }
    const problem = acceptValue(
      name,
      table[name]!,
      Array.isArray(value) ? value.join(',') : String(value),
      values,
    );
    if (problem) errors.push({ field: name, message: problem });
  }
  return ended(values, errors);
}
