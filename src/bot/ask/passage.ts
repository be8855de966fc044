import { termsOf } from './terms.js';

/*
 * Picks the part of a lesson or section that answers a question: the paragraph holding most of
 * the matched terms, with the next one when it is short, trimmed at a sentence boundary.
 */

/** Passages longer than this are cut, at the end of a sentence when there is one. */
export const MAX_PASSAGE_CHARS = 600;

/** A paragraph shorter than this gets its successor appended, so the answer has some substance. */
const SHORT_PARAGRAPH_CHARS = 250;

/** Words before a period that do not end a sentence. */
const ABBREVIATIONS = /(?:\bal|\be\.g|\bi\.e|\bvs|\bcf|\bfig|\bapprox)\.$/i;

/** The text's blank-line separated paragraphs, trimmed, without empty ones. */
export function paragraphsOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/** Cuts text to at most `max` characters, preferably after a full sentence. */
export function trimToSentence(text: string, max = MAX_PASSAGE_CHARS): string {
  if (text.length <= max) return text;
  let cut = -1;
  for (const match of text.matchAll(/[.!?](?=\s)/g)) {
    const end = match.index + 1;
    if (end > max) break;
    if (!ABBREVIATIONS.test(text.slice(Math.max(0, end - 8), end))) cut = end;
  }
  // A single sentence longer than a third of the budget is better cut mid-sentence than dropped.
  if (cut >= max / 3) return text.slice(0, cut);
  const space = text.lastIndexOf(' ', max - 1);
  return `${text.slice(0, space > 0 ? space : max - 1)}…`;
}

/**
 * How many of the question's terms a paragraph answers. Matched document terms are grouped by the
 * question term they extend ("hard" and "hardness" are one), so word variants do not outvote a
 * paragraph that covers more of the question.
 */
function questionTermsCovered(
  paragraph: string,
  queryTerms: readonly string[],
  docTerms: Set<string>,
): number {
  const covered = new Set<string>();
  for (const term of termsOf(paragraph)) {
    if (!docTerms.has(term)) continue;
    covered.add(queryTerms.find((query) => term.startsWith(query)) ?? term);
  }
  return covered.size;
}

/** The paragraph (plus a short follow-up) of `text` that covers most of the question; earliest wins ties. */
export function bestPassage(
  text: string,
  match: { queryTerms: readonly string[]; docTerms: readonly string[] },
): string {
  const paragraphs = paragraphsOf(text);
  const docTerms = new Set(match.docTerms);
  let bestIndex = 0;
  let bestCovered = -1;
  paragraphs.forEach((paragraph, index) => {
    const covered = questionTermsCovered(paragraph, match.queryTerms, docTerms);
    if (covered > bestCovered) {
      bestCovered = covered;
      bestIndex = index;
    }
  });
  const first = paragraphs[bestIndex] ?? text.trim();
  const next = paragraphs[bestIndex + 1];
  const passage = first.length < SHORT_PARAGRAPH_CHARS && next ? `${first}\n\n${next}` : first;
  return trimToSentence(passage);
}
