/*
 * How text becomes search terms, the same way for the indexed passages and for questions. No
 * stemmer: only lower-casing, a stop-word list (question words must not decide the match) and
 * a light plural rule, so that "gradients" and "gradient" meet exactly instead of fuzzily.
 */

/**
 * Words that carry no topic: question words, articles, auxiliaries, pronouns, chat filler. No word
 * here may also be a name the lessons use: "he" was one, and "what does He init do?" lost its He.
 */
const STOP_WORDS = new Set(
  `a about above after again against all also am an and any are aren as at be because been before being
   below between both but by can cannot could couldn did didn do does doesn doing don down during each
   even ever every explain few for from further get gets getting give go goes going got had has have
   having her here hers him his how i if in into is isn it its itself just know let like ll me mean
   means more most much must my no nor not now of off on once only or other our ours out over own please
   re really said say says see she should so some such tell than thank thanks that the their theirs them
   then there these they thing things this those through to too under until up us ve very want was wasn
   way we were weren what whats when where whether which while who whom why will with would yes you your
   yours`.split(/\s+/),
);

/** Common words of the whole subject: a match on them alone does not make a question on-topic. */
const GENERIC_TERMS = new Set([
  'network',
  'neural',
  'net',
  'model',
  'learn',
  'learning',
  'machine',
  'ai',
  'data',
]);

/**
 * Splits text into words: letters and digits, everything else separates, except a point inside a
 * number, so that "0.693" (the no-learning loss students quote) stays one word.
 */
export function tokenize(text: string): string[] {
  return text
    .split(/[^\p{L}\p{N}.]+/u)
    .flatMap((word) => (/^\d+\.\d+$/.test(word) ? [word] : word.split('.')))
    .filter((word) => word.length > 0);
}

/** Drops a plural -s from longer words; "loss", "analysis" and "bonus" keep theirs. */
function singular(word: string): string {
  if (word.length > 4 && word.endsWith('s') && !/(ss|is|us)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** One word as an index term, or null when it carries no topic. */
export function processTerm(word: string): string | null {
  const lower = word.toLowerCase();
  // A single digit is a topic too: "8 layers" against "16" is the question of depth.
  if ((lower.length < 2 && !/\d/.test(lower)) || STOP_WORDS.has(lower)) return null;
  return singular(lower);
}

/** The distinct topic terms of a question or passage. */
export function termsOf(text: string): string[] {
  const terms = tokenize(text)
    .map(processTerm)
    .filter((term): term is string => term !== null);
  return [...new Set(terms)];
}

/** True for subject-wide words that alone do not show what a question is about. */
export function isGenericTerm(term: string): boolean {
  return GENERIC_TERMS.has(term);
}
