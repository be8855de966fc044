import { readFileSync } from 'node:fs';
import type { LessonSearch } from '../../src/bot/ask/index.js';

/*
 * Scores /ask against questions students actually type (ask-eval.json). Top-1 is what the student
 * is shown: the lesson of the answer, and no answer is a miss. Top-3 is whether the right lesson is
 * among the first three the search ranks, which is what a "closest lessons" list would offer.
 */

export interface EvalQuestion {
  q: string;
  lesson: string;
  also?: string;
  /** Added after tuning, and not tuned on. */
  heldOut?: boolean;
}

export const EVAL_QUESTIONS: EvalQuestion[] = JSON.parse(
  readFileSync(new URL('./ask-eval.json', import.meta.url), 'utf8'),
).questions;

export interface EvalScore {
  top1: number;
  top3: number;
  misses: { q: string; expected: string; got: string[] }[];
}

const lessonOf = (source: { source: string; lessonId?: string } | undefined) =>
  source?.source === 'lesson' ? source.lessonId : undefined;

export function scoreSearch(search: LessonSearch, questions = EVAL_QUESTIONS): EvalScore {
  let top1 = 0;
  let top3 = 0;
  const misses: EvalScore['misses'] = [];
  for (const question of questions) {
    const right = (id: string | undefined) => id === question.lesson || id === question.also;
    const answered = lessonOf(search.ask(question.q)?.source);
    const ranked = search
      .rank(question.q)
      .map(lessonOf)
      .filter((id) => id !== undefined);
    if (right(answered)) top1 += 1;
    if (ranked.slice(0, 3).some(right)) top3 += 1;
    else if (!right(answered))
      misses.push({ q: question.q, expected: question.lesson, got: ranked.slice(0, 3) });
    if (!right(answered) && ranked.slice(0, 3).some(right))
      misses.push({ q: question.q, expected: question.lesson, got: [`answered ${answered ?? 'nothing'}`] });
  }
  return { top1: top1 / questions.length, top3: top3 / questions.length, misses };
}
