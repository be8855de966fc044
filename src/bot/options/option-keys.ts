import type { OptionRules, OptionTable } from './option-types.js';
import { ALIASES } from './short-keys.js';

/* Which option a typed key or a bare word stands for. */

/** Keys compare case-insensitively and without - or _: `learning_rate`, `Learning-Rate`. */
const normalizeKey = (key: string) => key.toLowerCase().replace(/[-_]/g, '');

/** The option a typed key means: exact, case-insensitive, without - and _, a command alias or a short key. */
export function resolveKey(key: string, table: OptionTable, rules: OptionRules): string | undefined {
  const wanted = normalizeKey(key);
  const own = Object.entries(rules.aliases ?? {}).find(([from]) => normalizeKey(from) === wanted)?.[1];
  const alias = own ?? ALIASES[wanted];
  if (alias && Object.hasOwn(table, alias)) return alias;
  return Object.keys(table).find((name) => normalizeKey(name) === wanted);
}

/** The positional a bare word fills: the next free one, or a later free choice that names the word. */
export function positionalFor(word: string, table: OptionTable, free: readonly string[]): string | undefined {
  const [next] = free;
  const accepts = (name: string) => {
    const option = table[name];
    return option?.kind === 'choice' && option.choices.some((c) => c.toLowerCase() === word.toLowerCase());
  };
  if (next === undefined || table[next]?.kind !== 'choice' || accepts(next)) return next;
  return free.find(accepts) ?? next;
}
