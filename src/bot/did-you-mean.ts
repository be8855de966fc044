/*
 * "Did you mean" for commands, option names, option values and lesson topics: the known word
 * nearest to what was typed, when it is near enough to be a typo and not another word.
 */

/** Levenshtein distance, with a swap of two neighbours counted as one edit ("trian" → "train"). */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      }
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/** How many edits a word of this length may carry and still count as a typo of another. */
function allowedEdits(length: number): number {
  if (length <= 2) return 0;
  if (length <= 4) return 1;
  if (length <= 8) return 2;
  return 3;
}

/** Case, "-" and "_" are not typos: `Learning_Rate` is `learningRate` spelled another way. */
const plain = (word: string) => word.toLowerCase().replace(/[-_]/g, '');

/**
 * The candidate nearest to `typed`, or undefined when none is within a typo's reach (or two are
 * equally near, so a guess would be a coin toss). A candidate that starts with what was typed
 * counts too ("vanish" → "vanishing-gradients").
 */
export function didYouMean(typed: string, candidates: readonly string[]): string | undefined {
  const wanted = plain(typed);
  if (wanted === '') return undefined;
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  let tie = false;
  for (const candidate of candidates) {
    const distance = editDistance(wanted, plain(candidate));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      tie = false;
    } else if (distance === bestDistance && candidate !== best) {
      tie = true;
    }
  }
  if (best !== undefined && !tie && bestDistance <= allowedEdits(wanted.length)) return best;
  const prefixed = wanted.length >= 3 ? candidates.filter((c) => plain(c).startsWith(wanted)) : [];
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** `; did you mean X?` for a message, or nothing. */
export function didYouMeanText(
  typed: string,
  candidates: readonly string[],
  show = (s: string) => s,
): string {
  const guess = didYouMean(typed, candidates);
  return guess === undefined ? '' : ` Did you mean ${show(guess)}?`;
}
