import MiniSearch, { type SearchResult } from 'minisearch';
import { splitArticle } from './article.js';
import { bestPassage } from './passage.js';
import { isGenericTerm, processTerm, termsOf, tokenize } from './terms.js';

/** Where an answer came from: a built-in lesson, or a section of the teacher's article. */
export type AskSource = { source: 'lesson'; lessonId: string } | { source: 'article'; heading: string };

/** The best passage for a question, with the title of the lesson or section it came from. */
export interface AskAnswer {
  title: string;
  passage: string;
  source: AskSource;
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

/** Answers free-text questions from the lessons and, optionally, a teacher's article. */
export interface LessonSearch {
  /** The best passage, or undefined when nothing indexed is about the question. */
  ask(question: string): AskAnswer | undefined;
  /** Every lesson, then every article section, in order. */
  topics(): AskTopic[];
  /** The lessons and sections that match the question, best first, each once (for measuring the search). */
  rank(question: string): AskSource[];
}

interface IndexedDoc {
  id: number;
  title: string;
  summary: string;
  body: string;
  source: AskSource;
}

/** How many top hits are checked against the relevance rule before giving up. */
const CANDIDATES = 5;

/**
 * A question counts as on-topic when a hit matches its topic terms surely (exactly, as a prefix,
 * or fuzzily on a long word; subject-wide words like "network" do not count): one term for a
 * question of one or two terms, two for longer ones, so that chatty questions are not held to
 * every word but "the best network for weather forecasting" is not answered on "best" alone.
 */
function isRelevant(hit: SearchResult, questionTerms: readonly string[]): boolean {
  let sure = 0;
  for (const term of new Set(hit.queryTerms)) {
    if (isGenericTerm(term)) continue;
    const exactOrPrefix = hit.terms.some((docTerm) => docTerm.startsWith(term));
    // One edit in a short word turns "paris" into "parts"; in a long word it is a typo.
    if (exactOrPrefix || term.length >= 7) sure += 1;
  }
  const topical = questionTerms.filter((term) => !isGenericTerm(term)).length;
  return sure >= Math.max(1, Math.min(2, Math.ceil(topical / 2)));
}

/** Builds the search over the lessons and the article's #, ## and ### sections. */
export function createLessonSearch(input: {
  lessons: readonly SearchableLesson[];
  article?: { markdown: string; name: string };
}): LessonSearch {
  const docs: IndexedDoc[] = input.lessons.map((lesson, id) => ({
    id,
    title: lesson.title,
    summary: lesson.summary,
    body: lesson.body,
    source: { source: 'lesson', lessonId: lesson.id },
  }));
  for (const section of input.article ? splitArticle(input.article.markdown, input.article.name) : []) {
    docs.push({
      id: docs.length,
      title: section.heading,
      summary: '',
      body: section.text,
      source: { source: 'article', heading: section.heading },
    });
  }

  const index = new MiniSearch<IndexedDoc>({
    fields: ['title', 'summary', 'body'],
    tokenize,
    processTerm,
    searchOptions: {
      boost: { title: 3, summary: 2 },
      prefix: (term) => term.length >= 4,
      fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
      combineWith: 'OR',
    },
  });
  index.addAll(docs);

  return {
    ask(question) {
      const questionTerms = termsOf(question);
      if (questionTerms.length === 0) return undefined;
      const hits = index.search(question).slice(0, CANDIDATES);
      const hit = hits.find((candidate) => isRelevant(candidate, questionTerms));
      const doc = hit ? docs[hit.id as number] : undefined;
      if (!hit || !doc) return undefined;
      return {
        title: doc.title,
        passage: bestPassage(doc.body, { queryTerms: hit.queryTerms, docTerms: hit.terms }),
        source: doc.source,
      };
    },
    rank(question) {
      const seen = new Set<string>();
      return index
        .search(question)
        .map((hit) => docs[hit.id as number]!.source)
        .filter((source) => {
          const key = JSON.stringify(source);
          return seen.has(key) ? false : (seen.add(key), true);
        });
    },
    topics: () => docs.map((doc) => ({ title: doc.title, source: doc.source })),
  };
}
