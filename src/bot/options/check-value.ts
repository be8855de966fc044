import { describeAllowed, type Field, fieldSchema, optionSpelling } from '../../engine/fields.js';
import { parseBoolean } from '../../yes-no.js';
import { didYouMean } from '../did-you-mean.js';
import type { CommandOption } from '../types.js';

/*
 * One option's text into its value: numbers, booleans, choices and comma lists converted, then
 * held to the field's bounds; text options only to their length. Typed and free-text input both
 * come here, so a mistake gets the same words either way.
 */

const INT = /^[-+]?\d+$/;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

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
  // Case, "-" and "_" do not matter: axis:learning_rate is the choice learningRate.
  const plain = (word: string) => word.toLowerCase().replace(/[-_]/g, '');
  const match = choices.find((c) => plain(c) === plain(text));
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
      const value = parseBoolean(text);
      return value === undefined ? { ok: false } : { ok: true, value };
    }
    case 'int-list':
      return convertList('int', text);
    case 'number-list':
      return convertList('number', text);
    case 'choice-list':
      return convertList('choice', text, f.choices);
  }
}

/** `; did you mean activation:relu?` for a mistyped choice (or the mistyped item of a choice list). */
function typoHint(name: string, f: Field, text: string): string {
  if (f.kind !== 'choice' && f.kind !== 'choice-list') return '';
  const items = f.kind === 'choice' ? [text] : text.split(',').map((s) => s.trim());
  const known = (item: string) => f.choices.some((c) => c.toLowerCase() === item.toLowerCase());
  const guesses = items.map((item) => (known(item) ? item : didYouMean(item, f.choices)));
  if (guesses.some((g) => g === undefined) || guesses.every((g, i) => g === items[i])) return '';
  return `; did you mean ${optionSpelling(name)}:${guesses.map((g) => optionSpelling(g!)).join(',')}?`;
}

/** Checks one option's text into `values`, or returns the error naming what it accepts. */
export function acceptValue(
  name: string,
  option: CommandOption,
  text: string,
  values: Record<string, unknown>,
) {
  const shown = optionSpelling(name);
  if (option.kind === 'text') {
    if (text.length > option.maxLength) {
      return `${shown} must be at most ${option.maxLength} characters (got ${text.length})`;
    }
    if (text !== '') values[name] = text;
    return undefined;
  }
  const converted = convert(option, text);
  if (!converted.ok) {
    return `${shown} must be ${describeAllowed(option)} (got "${text.slice(0, 40)}")${typoHint(name, option, text)}`;
  }
  if (!fieldSchema(option).safeParse(converted.value).success) {
    return `${shown} must be ${describeAllowed(option)} (got ${text.slice(0, 40)})`;
  }
  values[name] = converted.value;
  return undefined;
}
