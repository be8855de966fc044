import type { ExperimentSpec } from '../../engine/spec.js';
import type { Store } from '../../store/index.js';
import type { UserError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { BotRequest, Reply } from '../types.js';
import { admit, checkLimits, scopesOf } from './class-settings.js';
import { type Clock, systemClock } from './clock.js';
import type { ClassroomPorts } from './ports.js';
import type { ExperimentTools } from './quiz-reveal.js';
import { createQuizService, type QuizService } from './quiz-service.js';
import { type RecentRun, recordRun, shownRun } from './run-history.js';
import { createScheduler, type Scheduler, type SchedulerOptions } from './scheduler.js';

/** What the classroom commands and the bot's hooks use (TutorServices.classroom). */
export interface ClassroomServices {
  store: Store;
  clock: Clock;
  scheduler: Scheduler;
  quizzes: QuizService;
  /** A polite private refusal when a student writes outside the allowed channels. */
  admit(request: BotRequest): Reply | undefined;
  /** A private refusal naming the limit when an experiment is over this channel's limits. */
  checkExperiment(request: BotRequest, spec: ExperimentSpec): UserError | undefined;
  /** Adds a finished experiment to the requester's /history. */
  recordRun(request: BotRequest, spec: ExperimentSpec, headline: string): void;
  /** A user's latest runs on one platform, newest first: the history /history shows. */
  recentRuns(platform: string, user: string, limit: number): RecentRun[];
  /** Who counts as a teacher in a server (for the adapters): role ids and user ids. */
  teachersOf(platform: string, server: string | undefined): { roleIds: string[]; userIds: string[] };
}

/** The classroom with its lifecycle, as main.ts holds it. */
export interface Classroom extends ClassroomServices {
  /** Connects the outside (adapters, the bot) and starts schedules and quiz timers. */
  start(ports: ClassroomPorts): void;
  /** Stops timers and waits for posts and reveals in flight. Does not close the store. */
  stop(): Promise<void>;
}

/** What the classroom is made from. */
export interface ClassroomOptions {
  store: Store;
  log: Logger;
  tools: ExperimentTools;
  clock?: Clock;
  /** How late a post missed during downtime may still be made; default one hour. */
  graceMs?: number;
  retryDelaysMs?: readonly number[];
  fireOnce?: SchedulerOptions['fireOnce'];
}

/** Builds the classroom services; schedules and reveals fire only after `start`. */
export function createClassroom(options: ClassroomOptions): Classroom {
  const { store, log } = options;
  const clock = options.clock ?? systemClock;
  let ports: ClassroomPorts | undefined;
  const need = (): ClassroomPorts => {
    if (!ports) throw new Error('the classroom has not been started (no way to post yet)');
    return ports;
  };
  // The scheduler is built now and reaches the outside only once start() has connected it.
  const scheduler = createScheduler({
    store,
    clock,
    log: log.child({ part: 'scheduler' }),
    ports: {
      post: (target, reply) => need().post(target, reply),
      notifyOwner: (target, reply) => need().notifyOwner(target, reply),
      runCommand: (text, as) => need().runCommand(text, as),
    },
    ...(options.graceMs === undefined ? {} : { graceMs: options.graceMs }),
    ...(options.retryDelaysMs === undefined ? {} : { retryDelaysMs: options.retryDelaysMs }),
    ...(options.fireOnce === undefined ? {} : { fireOnce: options.fireOnce }),
  });
  const quizzes = createQuizService({
    store,
    clock,
    log: log.child({ part: 'quiz' }),
    tools: options.tools,
    ...(options.fireOnce === undefined ? {} : { fireOnce: options.fireOnce }),
  });
  return {
    store,
    clock,
    scheduler,
    quizzes,
    admit: (request) => admit(store, request),
    checkExperiment: (request, spec) => checkLimits(store, request, spec),
    recordRun(request, spec, headline) {
      try {
        recordRun(store, request, spec, headline);
      } catch (error) {
        log.warn({ err: error }, 'could not record a run in the history');
      }
    },
    recentRuns: (platform, user, limit) => store.runs.recent(platform, user, limit).map(shownRun),
    teachersOf(platform, server) {
      const settings = store.settings.get(
        'server',
        scopesOf({
          platform: platform as BotRequest['platform'],
          conversation: '',
          ...(server ? { server } : {}),
        }).server,
      );
      return { roleIds: settings?.teacherRoles ?? [], userIds: settings?.teacherUsers ?? [] };
    },
    start(connected) {
      ports = connected;
      scheduler.start();
      quizzes.resume(connected.post);
    },
    async stop() {
      await Promise.all([scheduler.stop(), quizzes.stop()]);
      ports = undefined;
    },
  };
}
