/*
 * The yes/no words, read the same way everywhere: a command's boolean option, /settings and an
 * environment switch such as PLAYGROUND_ENABLED.
 */

const YES = ['true', 'yes', 'on', '1'] as const;
const NO = ['false', 'no', 'off', '0'] as const;

/** Every word `parseBoolean` reads, lower case: for a schema that lists them. */
export const YES_NO_WORDS = [...YES, ...NO] as const;

const isIn = (words: readonly string[], word: string) => words.includes(word);

/** A yes/no word (true/yes/on/1, false/no/off/0, any case), else undefined. */
export function parseBoolean(text: string): boolean | undefined {
  const word = text.toLowerCase();
  return isIn(YES, word) ? true : isIn(NO, word) ? false : undefined;
}
