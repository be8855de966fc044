import type { LessonId } from '../lessons/types.js';

/** What a result shows, in one to three sentences with its numbers, and the lesson that explains it. */
export interface Explanation {
  sentences: string[];
  lessonId: LessonId;
}
