import type { Field } from '../../engine/fields.js';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const show = (v: unknown) => (Array.isArray(v) ? v.join(',') : String(v));

/**
 * Writes values back as `key:value` text, in the table's order, leaving out defaults unless
 * `all` is set. The parser reads this text back to the same values, so a button or a
 * "repeat this run" line is just command text.
 */
export function optionText(
  values: Record<string, unknown>,
  fields: Record<string, Field>,
  all = false,
): string {
  return Object.entries(fields)
    .filter(([key, f]) => Object.hasOwn(values, key) && (all || !same(values[key], f.default)))
    .map(([key]) => `${key}:${show(values[key])}`)
    .join(' ');
}
