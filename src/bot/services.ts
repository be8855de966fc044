import type { ExperimentResult } from '../engine/result.js';
import type { ExperimentSpec } from '../engine/spec.js';
import type { Validation } from '../engine/validate.js';
import type { UserError } from './errors.js';
import type { CommandOption, ReplyImage } from './types.js';

/** A finished, cancelled, timed-out or failed job; a job always ends in exactly one of these. */
export type JobOutcome =
  | { status: 'done'; result: ExperimentResult; cached: boolean; queuedMs: number; runMs: number }
  | { status: 'cancelled' }
  | { status: 'timeout'; limitMs: number }
  | { status: 'failed'; error: { name: string; message: string } };

/** An accepted job. */
export interface JobTicket {
  id: string;
  /** 0 = running now (or answered from the cache), n = n-th in line. */
  position: number;
  cached: boolean;
  done: Promise<JobOutcome>;
}

/** Callbacks while a job waits and runs. */
export interface JobHooks {
  onQueued?(position: number): void;
  onStart?(): void;
  onProgress?(progress: { percent: number; loss?: number }): void;
}

/** The job service as the commands see it (in-process, or on Redis). */
export interface JobServiceLike {
  submit(
    job: { user: string; conversation: string; spec: ExperimentSpec; label?: string },
    hooks?: JobHooks,
  ): UserError | JobTicket;
  cancel(jobId: string, user: string): 'cancelled' | 'not-found' | 'not-yours' | 'already-finished';
  snapshot(): { running: number; queued: number };
}

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
}

/** What the tutor's commands need, wired by createBot from the real parts (or test doubles of I/O). */
export interface TutorServices {
  jobs: JobServiceLike;
  validate(input: { experiment: string } & Record<string, unknown>): Validation;
  renderCharts(result: ExperimentResult): Promise<ReplyImage[]>;
  explain(result: ExperimentResult): { sentences: string[]; lessonId: string };
  lessons: readonly LessonLike[];
  ask(question: string): AskAnswerLike | undefined;
  /** The registered commands, for help (set by createBot). */
  catalog(): readonly CommandSummary[];
  /** The backend new jobs run on, for status. */
  backend(): string;
  startedAt: number;
}
