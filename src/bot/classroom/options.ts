import { describeAllowed, type Field, fieldSchema } from '../../engine/fields.js';
import { parseOptionValues } from '../options/parse-text.js';
import type { CommandOption, RequestOptions } from '../types.js';

/*
 * Option reading for the classroom commands. They take several free-text options at once
 * (`/schedule add time:08:30 tz:Europe/Berlin days:"30 8 * * 1-5"`), which the bot's generic
 * resolver does not (it gives a command's whole text to its first text option), so these
 * commands read their raw request options here: typed values from Discord, `key:value` text with
 * "quoted values" and leading bare words (`/schedule pause 3`) from everywhere else.
 */

/** How a command's options are read. */
export interface OptionRules {
  /** Options that bare words fill, in order (e.g. action, then id). */
  positionals: readonly string[];
  /** Other names people may type for an option, e.g. tz → timezone. */
  aliases?: Readonly<Record<string, string>>;
  /** Added to the message about an unknown option (e.g. "put a command in quotes"). */
  unknownHint?: string;
}

/** The options' values (text as strings, fields typed and within bounds), or one message. */
export type ReadOptions = { ok: true; values: Record<string, unknown> } | { ok: false; message: string };

const normalize = (key: string) => key.toLowerCase().replace(/[-_]/g, '');

/** Splits on whitespace, keeping "quoted values" (straight or curly quotes) together. */
export function tokenize(text: string): string[] {
  const straight = text.replace(/[\u201c\u201d]/g, '"');
  return [...straight.matchAll(/(?:[^\s"]+|"[^"]*")+/g)].map((m) => m[0].replace(/"/g, ''));
}

function keyOf(word: string, table: Record<string, CommandOption>, rules: OptionRules) {
  const wanted = normalize(word);
  const alias = Object.entries(rules.aliases ?? {}).find(([from]) => normalize(from) === wanted)?.[1];
  return alias ?? Object.keys(table).find((name) => normalize(name) === wanted);
}

function rawValues(
  options: RequestOptions,
  table: Record<string, CommandOption>,
  rules: OptionRules,
  errors: string[],
): Record<string, string> {
  const raw: Record<string, string> = {};
  if (options.kind === 'typed') {
    for (const [key, value] of Object.entries(options.values)) {
      if (value === undefined || value === null) continue;
      const name = keyOf(key, table, rules);
      if (name === undefined) errors.push(`unknown option "${key.slice(0, 40)}"`);
      else raw[name] = Array.isArray(value) ? value.join(',') : String(value);
    }
    return raw;
  }
  const free = [...rules.positionals];
  for (const token of tokenize(options.text)) {
    const separator = token.search(/[:=]/);
    const name = separator > 0 ? keyOf(token.slice(0, separator), table, rules) : undefined;
    if (name !== undefined) {
      if (Object.hasOwn(raw, name)) errors.push(`${name} is given more than once; give it once`);
      raw[name] = token.slice(separator + 1).trim();
      const slot = free.indexOf(name);
      if (slot >= 0) free.splice(slot, 1);
      continue;
    }
    const slot = free.find((p) => !Object.hasOwn(raw, p));
    if (separator <= 0 && slot !== undefined) {
      raw[slot] = token;
      free.splice(free.indexOf(slot), 1);
      continue;
    }
    const shown = (separator > 0 ? token.slice(0, separator) : token).slice(0, 40);
    errors.push(
      `unknown option "${shown}"; options are ${Object.keys(table).join(', ')}${rules.unknownHint ? ` (${rules.unknownHint})` : ''}`,
    );
  }
  return raw;
}

/** Reads a classroom command's options from a request, with messages that name the option. */
export function readOptions(
  options: RequestOptions,
  table: Record<string, CommandOption>,
  rules: OptionRules,
): ReadOptions {
  const errors: string[] = [];
  const raw = rawValues(options, table, rules, errors);
  const values: Record<string, unknown> = {};
  const fields: Record<string, Field> = {};
  const fieldInput: Record<string, string> = {};
  for (const [name, text] of Object.entries(raw)) {
    const option = table[name];
    if (option === undefined) continue;
    if (option.kind === 'text') {
      if (text.length > option.maxLength) {
        errors.push(`${name} must be at most ${option.maxLength} characters (got ${text.length})`);
      } else if (text !== '') values[name] = text;
      continue;
    }
    fields[name] = option;
    fieldInput[name] = text;
  }
  const typed = parseOptionValues(fieldInput, fields);
  if (!typed.ok) errors.push(...typed.errors.map((e) => e.message));
  else {
    for (const [name, value] of Object.entries(typed.values)) {
      const f = fields[name]!;
      if (fieldSchema(f).safeParse(value).success) values[name] = value;
      else errors.push(`${name} must be ${describeAllowed(f)} (got ${fieldInput[name]})`);
    }
  }
  if (errors.length === 0) return { ok: true, values };
  return { ok: false, message: errors.length === 1 ? errors[0]! : errors.map((e) => `• ${e}`).join('\n') };
}

/** A value read as text, or undefined. */
export const textOf = (values: Record<string, unknown>, name: string): string | undefined =>
  typeof values[name] === 'string' ? (values[name] as string) : undefined;
