import { type Field, optionSpelling, shownValue } from '../../engine/fields.js';
import { SHORT_KEYS } from './short-keys.js';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Writes values back as `key:value` text, in the table's order, leaving out defaults. The parser
 * reads this text back to the same values, so a button or a "repeat this run" line is just
 * command text. Keys are written as the tutor shows them (`learning_rate`); `short` uses the
 * short option names where there are any, for button ids.
 */
export function optionText(
  values: Record<string, unknown>,
  fields: Record<string, Field>,
  short = false,
): string {
  return Object.entries(fields)
    .filter(([key, f]) => Object.hasOwn(values, key) && !same(values[key], f.default))
    .map(([key, f]) => `${(short && SHORT_KEYS[key]) || optionSpelling(key)}:${shownValue(f, values[key])}`)
    .join(' ');
}
