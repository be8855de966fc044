import type { Field } from '../../engine/fields.js';
import { SHORT_KEYS } from './short-keys.js';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const show = (v: unknown) => (Array.isArray(v) ? v.join(',') : String(v));

/**
 * Writes values back as `key:value` text, in the table's order, leaving out defaults. The parser
 * reads this text back to the same values, so a button or a "repeat this run" line is just
 * command text. `short` uses the short option names, for button ids.
 */
export function optionText(
  values: Record<string, unknown>,
  fields: Record<string, Field>,
  short = false,
): string {
  return Object.entries(fields)
    .filter(([key, f]) => Object.hasOwn(values, key) && !same(values[key], f.default))
    .map(([key]) => `${(short && SHORT_KEYS[key]) || key}:${show(values[key])}`)
    .join(' ');
}
