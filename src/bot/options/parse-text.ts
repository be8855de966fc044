import type { Field } from '../../engine/fields.js';
import { describeAllowed } from '../../engine/fields.js';
import { ALIASES } from './short-keys.js';

/*
 * Turns free text such as `depth:8 activation:relu seeds:3` into typed option values. Slack,
 * the CLI and the playground send options this way; Discord sends them typed. The parser
 * converts types and names; the bounds are checked afterwards by the engine's validation, so
 * both paths give the same words for the same mistake. It never throws, whatever the input.
 */

/** One problem with one option. */
export interface OptionError {
  field: string;
  message: string;
}

/** Parsed option values, or every problem found. */
export type ParsedOptions =
  | { ok: true; values: Record<string, unknown> }
  | { ok: false; errors: OptionError[] };

const normalizeKey = (key: string) => key.toLowerCase().replace(/[-_]/g, '');

const INT = /^[-+]?\d+$/;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
const TRUE = new Set(['true', 'yes', 'on', '1']);
const FALSE = new Set(['false', 'no', 'off', '0']);

type Conversion = { ok: true; value: unknown } | { ok: false };

function convertOne(
  kind: 'int' | 'number' | 'choice',
  text: string,
  choices: readonly string[] = [],
): Conversion {
  if (kind === 'int') return INT.test(text) ? { ok: true, value: Number(text) } : { ok: false };
  if (kind === 'number') return NUMBER.test(text) ? { ok: true, value: Number(text) } : { ok: false };
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
      return TRUE.has(lower)
        ? { ok: true, value: true }
        : FALSE.has(lower)
          ? { ok: true, value: false }
          : { ok: false };
    }
    case 'int-list':
      return convertList('int', text);
    case 'number-list':
      return convertList('number', text);
    case 'choice-list':
      return convertList('choice', text, f.choices);
  }
}

/** Converts one option's text into `values`, or adds the error naming what it accepts. */
function accept(
  name: string,
  f: Field,
  text: string,
  values: Record<string, unknown>,
  errors: OptionError[],
): void {
  const converted = convert(f, text);
  if (converted.ok) values[name] = converted.value;
  else
    errors.push({
      field: name,
      message: `${name} must be ${describeAllowed(f)} (got "${text.slice(0, 40)}")`,
    });
}

/** Splits on whitespace, keeping "quoted values" together. */
function tokenize(text: string): string[] {
  return [...text.matchAll(/(?:[^\s"]+|"[^"]*")+/g)].map((m) => m[0].replace(/"/g, ''));
}

/** Finds the option a typed key means: exact, case-insensitive, without - and _, or an alias. */
function resolveKey(key: string, fields: Record<string, Field>): string | undefined {
  const wanted = normalizeKey(key);
  const alias = ALIASES[wanted];
  if (alias && Object.hasOwn(fields, alias)) return alias;
  return Object.keys(fields).find((name) => normalizeKey(name) === wanted);
}

/**
 * Parses `key:value` (or `key=value`) tokens against an option table. A bare word fills the
 * `positional` option when there is one (`/explain restarts`).
 */
export function parseOptionText(
  text: string,
  fields: Record<string, Field>,
  positional?: string,
): ParsedOptions {
  const values: Record<string, unknown> = {};
  const errors: OptionError[] = [];
  const known = Object.keys(fields).join(', ');
  for (let token of tokenize(text)) {
    let separator = token.search(/[:=]/);
    if (separator <= 0 && positional !== undefined && !Object.hasOwn(values, positional)) {
      token = `${positional}:${token}`;
      separator = positional.length;
    }
    if (separator <= 0) {
      errors.push({
        field: token.slice(0, 40),
        message: `"${token.slice(0, 40)}" is not an option; write key:value, e.g. ${Object.keys(fields)[0] ?? 'depth'}:8`,
      });
      continue;
    }
    const key = token.slice(0, separator);
    const raw = token.slice(separator + 1).trim();
    const name = resolveKey(key, fields);
    const f = name === undefined ? undefined : fields[name];
    if (name === undefined || f === undefined) {
      errors.push({
        field: key.slice(0, 40),
        message: `unknown option "${key.slice(0, 40)}"; options are ${known}`,
      });
      continue;
    }
    if (Object.hasOwn(values, name) || errors.some((e) => e.field === name)) {
      errors.push({ field: name, message: `${name} is given more than once; give it once` });
      continue;
    }
    accept(name, f, raw, values, errors);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, values };
}

/** Checks typed values (Discord sends options typed) with the same conversions and words. */
export function parseOptionValues(
  input: Record<string, unknown>,
  fields: Record<string, Field>,
): ParsedOptions {
  const values: Record<string, unknown> = {};
  const errors: OptionError[] = [];
  for (const [key, value] of Object.entries(input)) {
    const f = Object.hasOwn(fields, key) ? fields[key] : undefined;
    if (f === undefined) {
      errors.push({
        field: key,
        message: `unknown option "${key}"; options are ${Object.keys(fields).join(', ')}`,
      });
      continue;
    }
    accept(key, f, Array.isArray(value) ? value.join(',') : String(value), values, errors);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, values };
}
