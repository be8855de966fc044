import type { ExperimentResult } from '../engine/result.js';
import type { Validation } from '../engine/validate.js';
import type { ChartView } from './charts/layer-charts.js';
import type { ClassroomServices } from './classroom/classroom.js';
import type { JobPort } from './jobs/types.js';
import type { CommandOption, ReplyImage } from './types.js';

/** What help needs to know of a command. */
export interface CommandSummary {
  name: string;
  description: string;
  options: Record<string, CommandOption>;
  examples: string[];
  teacherOnly?: boolean;
}

/** A lesson note. */
export interface LessonLike {
  id: string;
  title: string;
  summary: string;
  body: string;
  citations: readonly string[];
  command: string;
}

/** A search hit for /ask. */
export interface AskAnswerLike {
  title: string;
  passage: string;
  source: { source: 'lesson'; lessonId: string } | { source: 'article'; heading: string };
  /** The glossary term the passage defines, when it is a definition. */
  term?: string;
}

/** What the tutor's commands need, wired by createBot from the real parts (or test doubles of I/O). */
export interface TutorServices {
  jobs: Pick<JobPort, 'submit' | 'cancel' | 'snapshot'>;
  validate(input: { experiment: string } & Record<string, unknown>): Validation;
  /** Renders a result's charts; `view: 'layers'` the layers watched over training. */
  renderCharts(result: ExperimentResult, view?: ChartView): Promise<ReplyImage[]>;
  explain(result: ExperimentResult): { sentences: readonly { text: string }[]; lessonId: string };
  lessons: readonly LessonLike[];
  ask(question: string): AskAnswerLike | undefined;
  /** Up to three lessons or sections near the question, for when `ask` has no sure answer. */
  closest(question: string): Pick<AskAnswerLike, 'title' | 'source'>[];
  /** The lesson a glossary term or one of its aliases names ("batchnorm" → tricks). */
  lessonForTerm(text: string): string | undefined;
  /** The registered commands, for help (set by createBot). */
  catalog(): readonly CommandSummary[];
  /** The backend new jobs run on, for status. */
  backend(): string;
  startedAt: number;
  /** Schedules, quizzes, settings and history; absent when there is no database. */
  classroom?: ClassroomServices;
}
