import MiniSearch, { type SearchResult } from 'minisearch';
import { splitArticle } from './article.js';
import { GLOSSARY, type GlossaryEntry } from './glossary.js';
import { bestPassage } from './passage.js';
import { isGenericTerm, processTerm, termsOf, tokenize } from './terms.js';

/** Where an answer came from: a built-in lesson, or a section of the teacher's article. */
export type AskSource = { source: 'lesson'; lessonId: string } | { source: 'article'; heading: string };

/** The best passage for a question, with the title of the lesson or section it came from. */
export interface AskAnswer {
  title: string;
  passage: string;
  source: AskSource;
  /** The glossary term the passage defines, when the answer is a definition. */
  term?: string;
}

/** A searchable topic, for listing what the tutor can answer. */
export interface AskTopic {
  title: string;
  source: AskSource;
}

/** What the search needs of a lesson. */
export interface SearchableLesson {
  id: string;
  title: string;
  summary: string;
  body: string;
}

/** Answers free-text questions from the lessons, the glossary and, optionally, a teacher's article. */
export interface LessonSearch {
  /** The best passage, or undefined when nothing indexed is surely about the question. */
  ask(question: string): AskAnswer | undefined;
  /** Every lesson, then every article section, in order. */
  topics(): AskTopic[];
  /** The lessons and sections that match the question, best first, each once (for measuring the search). */
  rank(question: string): AskSource[];
  /**
   * Up to three lessons or sections that share a topic word with the question, best first: what
   * to offer when `ask` finds nothing sure enough to quote.
   */
  closest(question: string): AskTopic[];
  /** The lesson a glossary term or alias names exactly ("batchnorm" → tricks), for /explain. */
  lessonForTerm(text: string): string | undefined;
}

interface IndexedDoc {
  id: number;
  title: string;
  /** A glossary entry's other names, a lesson's id; empty for article sections. */
  aliases: string;
  summary: string;
  body: string;
  source: AskSource;
  entry?: GlossaryEntry;
}

/** How many top hits are checked against the relevance rule before giving up. */
const CANDIDATES = 5;

/** How many closest lessons are offered when there is no sure answer. */
const CLOSEST = 3;

/** The question terms a hit matches surely: exactly, as a prefix, or fuzzily on a long word; never a generic word. */
function sureTerms(hit: SearchResult): number {
  let sure = 0;
  for (const term of new Set(hit.queryTerms)) {
    if (isGenericTerm(term)) continue;
    const exactOrPrefix = hit.terms.some((docTerm) => docTerm.startsWith(term));
    // One edit in a short word turns "paris" into "parts"; in a long word it is a typo.
    if (exactOrPrefix || term.length >= 7) sure += 1;
  }
  return sure;
}

/**
 * A question counts as on-topic when a hit matches its topic terms surely: one term for a
 * question of one or two terms, two for longer ones, so that chatty questions are not held to
 * every word but "the best network for weather forecasting" is not answered on "best" alone.
 */
function isRelevant(hit: SearchResult, questionTerms: readonly string[]): boolean {
  const topical = questionTerms.filter((term) => !isGenericTerm(term)).length;
  return sureTerms(hit) >= Math.max(1, Math.min(2, Math.ceil(topical / 2)));
}

const termList = (text: string) => tokenize(text).flatMap((w) => processTerm(w) ?? []);

/** True when `phrase`'s terms occur in `terms` one after another. */
function containsPhrase(terms: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 0) return false;
  for (let start = 0; start + phrase.length <= terms.length; start += 1) {
    if (phrase.every((word, i) => terms[start + i] === word)) return true;
  }
  return false;
}

/**
 * Synonyms and abbreviations: when a question names a glossary term by one of its aliases
 * ("kaiming", "LP", "batchnorm"), the term's own words are added to the query, so the lessons,
 * which use the full name, match too. Only whole aliases count, never a single word of one.
 * (Expanded words pass through processTerm again; that is harmless, it is idempotent.)
 */
function expand(question: string, glossary: readonly GlossaryEntry[]): string {
  const terms = termList(question);
  const added = glossary
    .filter((entry) => entry.aliases.some((alias) => containsPhrase(terms, termList(alias))))
    .flatMap((entry) => termList(entry.term))
    // A word the question already has is not repeated: that would weigh it twice.
    .filter((word) => !terms.includes(word));
  return [question, ...new Set(added)].join(' ');
}

/** Builds the search over the lessons, the glossary and the article's #, ## and ### sections. */
export function createLessonSearch(input: {
  lessons: readonly SearchableLesson[];
  article?: { markdown: string; name: string };
  glossary?: readonly GlossaryEntry[];
}): LessonSearch {
  const lessonIds = new Set(input.lessons.map((lesson) => lesson.id));
  // A glossary entry is searchable only while its lesson is: its answer points there.
  const glossary = (input.glossary ?? GLOSSARY).filter((entry) => lessonIds.has(entry.lesson));
  const docs: IndexedDoc[] = input.lessons.map((lesson, id) => ({
    id,
    title: lesson.title,
    // Not the id: its words repeat the title's and weighed a lesson twice for them.
    aliases: '',
    summary: lesson.summary,
    body: lesson.body,
    source: { source: 'lesson', lessonId: lesson.id },
  }));
  for (const entry of glossary) {
    docs.push({
      id: docs.length,
      title: entry.term,
      aliases: entry.aliases.join(' ; '),
      summary: '',
      body: entry.definition,
      source: { source: 'lesson', lessonId: entry.lesson },
      entry,
    });
  }
  for (const section of input.article ? splitArticle(input.article.markdown, input.article.name) : []) {
    docs.push({
      id: docs.length,
      title: section.heading,
      aliases: '',
      summary: '',
      body: section.text,
      source: { source: 'article', heading: section.heading },
    });
  }
  const lessonTitle = new Map(input.lessons.map((lesson) => [lesson.id, lesson.title]));

  const index = new MiniSearch<IndexedDoc>({
    fields: ['title', 'aliases', 'summary', 'body'],
    tokenize,
    processTerm,
    searchOptions: {
      boost: { title: 3, aliases: 3, summary: 2 },
      prefix: (term) => term.length >= 4,
      fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
      combineWith: 'OR',
    },
  });
  index.addAll(docs);

  const search = (question: string) => index.search(expand(question, glossary));
  const docOf = (hit: SearchResult) => docs[hit.id as number]!;
  const key = (source: AskSource) => JSON.stringify(source);
  const distinct = (hits: SearchResult[]) => {
    const seen = new Set<string>();
    return hits.map(docOf).filter((doc) => !seen.has(key(doc.source)) && Boolean(seen.add(key(doc.source))));
  };
  const topicOf = (doc: IndexedDoc): AskTopic => ({
    title: doc.source.source === 'lesson' ? (lessonTitle.get(doc.source.lessonId) ?? doc.title) : doc.title,
    source: doc.source,
  });

  return {
    ask(question) {
      const questionTerms = termsOf(question);
      if (questionTerms.length === 0) return undefined;
      const hit = search(question)
        .slice(0, CANDIDATES)
        .find((candidate) => isRelevant(candidate, questionTerms));
      if (!hit) return undefined;
      const doc = docOf(hit);
      const { title } = topicOf(doc);
      if (doc.entry)
        return { title, passage: doc.entry.definition, source: doc.source, term: doc.entry.term };
      return {
        title,
        passage: bestPassage(doc.body, { queryTerms: hit.queryTerms, docTerms: hit.terms }),
        source: doc.source,
      };
    },
    rank: (question) => distinct(search(question)).map((doc) => doc.source),
    closest: (question) =>
      distinct(search(question).filter((hit) => sureTerms(hit) > 0))
        .slice(0, CLOSEST)
        .map(topicOf),
    lessonForTerm(text) {
      const wanted = termList(text).join(' ');
      if (wanted === '') return undefined;
      const named = (name: string) => termList(name).join(' ') === wanted;
      return glossary.find((entry) => named(entry.term) || entry.aliases.some(named))?.lesson;
    },
    topics: () =>
      docs.filter((doc) => doc.entry === undefined).map((doc) => ({ title: doc.title, source: doc.source })),
  };
}
