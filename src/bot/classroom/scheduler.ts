import type { PostRow, ScheduleRow, Store } from '../../store/index.js';
import type { Logger } from '../logger.js';
import { privateNote } from '../replies/plain-replies.js';
import type { Platform, Reply } from '../types.js';
import type { Clock } from './clock.js';
import { cronOf, dueTimesBetween, nextDueAfter } from './due-times.js';
import { LESSON_PLAN, planStep } from './lesson-plan.js';
import type { ClassroomPorts, RunAs } from './ports.js';
import { describeTiming, formatDue } from './schedule-spec.js';

/*
 * Firing scheduled posts, exactly once per due time, across restarts.
 *
 * Each due time is first recorded as a `pending` post whose key is (schedule, due time): a
 * second timer, tick or process reaching the same due time finds the key taken and does nothing.
 * Then the reply is built (the command runs as the schedule's owner), the post is marked
 * `sending`, handed to the adapter, and marked `sent`.
 *
 * After a restart:
 * - a due time that passed while the tutor was down is posted once if it is within the grace
 *   window, and recorded `missed` otherwise (when several passed, only the latest can be posted);
 * - a `pending` post (the crash came between record and send: nothing was handed to a platform)
 *   is sent, once, if still within the grace window, otherwise recorded `missed`;
 * - a `sending` post (the crash came while the platform had it) may or may not have arrived: it is
 *   marked `unconfirmed` and never sent again (at most once, rather than a double post in class),
 *   and its owner is told so.
 * A failed attempt is retried after each delay in `retryDelaysMs`; after the last, the post is
 * `failed` and the owner gets a private note. One process per database file.
 */

/** The scheduler's settings. */
export interface SchedulerOptions {
  store: Store;
  clock: Clock;
  ports: ClassroomPorts;
  log: Logger;
  /** How late a missed post may still be made after a restart; default one hour. */
  graceMs?: number;
  /** Waits before each retry of a failed post; default 1, 5 and 15 minutes (four attempts). */
  retryDelaysMs?: readonly number[];
  /**
   * With several bot replicas (REDIS_URL), a claim shared by all of them: only the replica that
   * claims a firing makes the post. Rejects when the lock cannot be reached (the post is retried).
   */
  fireOnce?: { claim(scheduleId: string, plannedAt: number): Promise<boolean> };
}

/** Fires the stored schedules. */
export interface Scheduler {
  /** Catches up after a restart, then keeps firing due posts until stopped. */
  start(): void;
  /** Call after schedules were added, paused, resumed or removed. */
  refresh(): void;
  /** No new posts; waits for those in flight. */
  stop(): Promise<void>;
  /** Resolves once no post is being built or sent. */
  idle(): Promise<void>;
  /** The schedule's next due time after now. */
  nextDue(schedule: ScheduleRow): number | undefined;
  /** The reply the schedule would post next, built now (the lesson plan does not move on). */
  preview(schedule: ScheduleRow): Promise<Reply>;
}

/** Thrown when a scheduled command answered with a private note (a refusal) instead of a post. */
class NotPostable extends Error {}

const runAs = (s: ScheduleRow): RunAs => ({
  platform: s.platform as Platform,
  conversation: s.conversation,
  user: s.owner,
  ...(s.server === null ? {} : { server: s.server }),
});

/** Creates a scheduler over the store; nothing fires before `start()`. */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { store, clock, ports, log } = options;
  const graceMs = options.graceMs ?? 60 * 60_000;
  const retryDelays = options.retryDelaysMs ?? [60_000, 5 * 60_000, 15 * 60_000];
  const maxAttempts = retryDelays.length + 1;
  const inFlight = new Map<number, Promise<void>>();
  let cancelTimer: (() => void) | undefined;
  let running = false;

  async function buildReply(schedule: ScheduleRow, command: string): Promise<Reply> {
    const reply = await ports.runCommand(command, runAs(schedule));
    if (reply.visibility !== 'public') throw new NotPostable(`${command} answered: ${reply.headline}`);
    if (schedule.postKind !== 'lesson-plan') return reply;
    const index = LESSON_PLAN.findIndex((step) => step.command === command);
    const step = LESSON_PLAN[index];
    if (!step) return reply;
    // Most titles ask what the run will show; a question mark needs no full stop after it.
    const stop = step.title.endsWith('?') ? '' : '.';
    const intro = `**Demo ${index + 1} of ${LESSON_PLAN.length}: ${step.title}${stop}** Read more: \`/explain ${step.lessonId}\``;
    return { ...reply, blocks: [intro, ...reply.blocks] };
  }

  async function tell(schedule: ScheduleRow, headline: string, blocks: string[]) {
    try {
      await ports.notifyOwner(runAs(schedule), privateNote(headline, blocks));
    } catch (error) {
      log.warn({ err: error, schedule: schedule.id }, 'could not tell a schedule owner');
    }
  }

  async function failed(schedule: ScheduleRow, post: PostRow, error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    if (post.attempts < maxAttempts) {
      const delay = retryDelays[post.attempts - 1] ?? retryDelays.at(-1) ?? 60_000;
      store.posts.markRetry(post.id, message, clock.now() + delay);
      log.warn(
        { err: error, schedule: schedule.id, post: post.id, attempt: post.attempts },
        'post failed; will retry',
      );
      return;
    }
    store.posts.finish(post.id, 'failed', message);
    log.error({ err: error, schedule: schedule.id, post: post.id }, 'post failed for good');
    await tell(schedule, `Scheduled post #${schedule.id} could not be made`, [
      `It was due ${formatDue(post.dueAt, schedule.timeZone)} in \`${schedule.conversation}\` (${describeTiming(schedule)}). I tried ${post.attempts} times; the last error was: ${message.slice(0, 300)}`,
      `Check that I may post in that channel. \`/schedule preview ${schedule.id}\` shows the post now.`,
    ]);
  }

  async function attempt(id: number): Promise<void> {
    const post = store.posts.beginAttempt(id);
    const schedule = post && store.schedules.get(post.scheduleId);
    if (!post || !schedule) return;
    try {
      if (
        options.fireOnce &&
        post.attempts === 1 &&
        !(await options.fireOnce.claim(String(schedule.id), post.dueAt))
      ) {
        log.info({ schedule: schedule.id, post: id }, 'another replica makes this post');
        store.posts.markSent(id);
        return;
      }
      const reply = await buildReply(schedule, post.command ?? '');
      if (!store.posts.markSending(id)) return;
      const { user: _owner, ...target } = runAs(schedule);
      await ports.post(target, reply);
    } catch (error) {
      await failed(schedule, post, error);
      return;
    }
    store.posts.markSent(id);
  }

  function launch(id: number) {
    if (inFlight.has(id)) return;
    const work = attempt(id)
      .catch((error: unknown) => log.error({ err: error, post: id }, 'scheduled post crashed'))
      .finally(() => {
        inFlight.delete(id);
        arm();
      });
    inFlight.set(id, work);
  }

  /** Records every due time up to now (posting the latest within grace) and starts ready posts. */
  function tick() {
    if (!running) return;
    const now = clock.now();
    for (const schedule of store.schedules.active()) {
      const from = Math.max(schedule.activeSince, store.posts.lastDueAt(schedule.id) ?? -Infinity);
      const dues = dueTimesBetween(cronOf(schedule.cron, schedule.timeZone), from, now);
      const latest = dues.at(-1);
      for (const due of dues) {
        if (due === latest && now - due <= graceMs) {
          const command =
            schedule.postKind === 'lesson-plan'
              ? planStep(schedule.planPosition).step.command
              : schedule.postCommand;
          store.transaction(() => {
            const claimed = store.posts.claim(schedule.id, due, command);
            if (claimed && schedule.postKind === 'lesson-plan') store.schedules.advancePlan(schedule.id);
          });
        } else if (store.posts.recordMissed(schedule.id, due)) {
          log.warn({ schedule: schedule.id, dueAt: due }, 'scheduled post missed');
        }
      }
    }
    for (const post of store.posts.ready(now)) launch(post.id);
    arm();
  }

  function arm() {
    cancelTimer?.();
    cancelTimer = undefined;
    if (!running) return;
    const now = clock.now();
    const dues = store.schedules.active().map((s) => nextDueAfter(cronOf(s.cron, s.timeZone), now));
    const times = [...dues, store.posts.nextRetryAfter(now)].filter((t): t is number => t !== undefined);
    if (times.length > 0) cancelTimer = clock.setTimer(Math.min(...times), tick);
  }

  /** Settles what a previous process left unfinished (see the comment at the top). */
  function recover() {
    const now = clock.now();
    for (const post of store.posts.inStatus('pending')) {
      if (now - post.dueAt > graceMs) store.posts.finish(post.id, 'missed', 'the tutor was not running');
    }
    for (const post of store.posts.inStatus('sending')) {
      store.posts.finish(post.id, 'unconfirmed', 'the tutor stopped while sending it');
      const schedule = store.schedules.get(post.scheduleId);
      if (!schedule) continue;
      void tell(schedule, `Scheduled post #${schedule.id} may not have gone out`, [
        `The tutor stopped while sending the post due ${formatDue(post.dueAt, schedule.timeZone)} to \`${schedule.conversation}\`. I will not send it again, to avoid a double post.`,
        `If it is missing, \`/schedule preview ${schedule.id}\` shows it now.`,
      ]);
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      recover();
      tick();
    },
    refresh: () => tick(),
    async stop() {
      running = false;
      cancelTimer?.();
      cancelTimer = undefined;
      await Promise.allSettled([...inFlight.values()]);
    },
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight.values()]);
    },
    nextDue: (schedule) => nextDueAfter(cronOf(schedule.cron, schedule.timeZone), clock.now()),
    preview: (schedule) => {
      const command =
        schedule.postKind === 'lesson-plan'
          ? planStep(schedule.planPosition).step.command
          : schedule.postCommand;
      return buildReply(schedule, command ?? '');
    },
  };
}
