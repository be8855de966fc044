import { LESSONS } from '../lessons/index.js';
import { GLOSSARY } from './glossary.js';

/*
 * The lesson topics a student may type after /explain, for every client's completion (Discord's
 * autocomplete, the playground's list): each lesson id with its title, and the glossary's terms
 * and aliases that lead to it, so "batchn" offers the lesson on batch normalization.
 */

/** One lesson as a completion offers it. */
export interface TopicSuggestion {
  /** The lesson id, what the option receives. */
  value: string;
  title: string;
  /** Lower-case terms and aliases that also lead to this lesson. */
  aliases: string[];
}

/** Every lesson, in the story's order, with the names that lead to it. */
export function topicSuggestions(): TopicSuggestion[] {
  return LESSONS.map((lesson) => ({
    value: lesson.id,
    title: lesson.title,
    aliases: GLOSSARY.filter((entry) => entry.lesson === lesson.id).flatMap((entry) =>
      [entry.term, ...entry.aliases].map((name) => name.toLowerCase()),
    ),
  }));
}

/**
 * The topics for what has been typed: ids that start with it, then titles or aliases that start
 * with it or contain it. Empty text offers every topic.
 */
export function matchTopics(all: readonly TopicSuggestion[], typed: string): TopicSuggestion[] {
  const wanted = typed.trim().toLowerCase();
  if (wanted === '') return [...all];
  const starts = all.filter((t) => t.value.startsWith(wanted));
  const rest = all.filter(
    (t) =>
      !starts.includes(t) &&
      [t.value, t.title.toLowerCase(), ...t.aliases].some((name) => name.includes(wanted)),
  );
  return [...starts, ...rest];
}
