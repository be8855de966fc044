import { capacity, stepSize } from './causes.js';
import { degradation, history, tricks, vanishingGradients } from './depth.js';
import { signalPropagation } from './signal.js';
import { landscapes, restarts } from './surface.js';
import { consequence, convexNeuron, hardnessAndDepth, lpOneLayer, npHard } from './theory.js';
import type { Lesson, LessonId } from './types.js';

export { SOURCES } from './sources.js';
export type { Lesson, LessonId, Source } from './types.js';
export { LESSON_IDS } from './types.js';

/** Every lesson, in the order the argument unfolds. */
export const LESSONS: readonly Lesson[] = [
  convexNeuron,
  lpOneLayer,
  npHard,
  hardnessAndDepth,
  consequence,
  capacity,
  vanishingGradients,
  stepSize,
  degradation,
  restarts,
  landscapes,
  tricks,
  history,
  signalPropagation,
];

/** The lesson with this id, or undefined for an unknown id. */
export function findLesson(id: string): Lesson | undefined {
  return LESSONS.find((lesson) => lesson.id === id);
}

/** The lesson with this id; the id is typed, so it always exists. */
export function lesson(id: LessonId): Lesson {
  const found = findLesson(id);
  if (!found) throw new Error(`lesson ${id} is missing from LESSONS`);
  return found;
}
