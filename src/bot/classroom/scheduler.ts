import type { ScheduleRow, Store } from '../../store/index.js';
import type { Logger } from '../logger.js';
import type { Reply } from '../types.js';
import type { Clock } from './clock.js';
import { nextWakeAfter, recordDueTimes, settleUnfinished } from './due-posts.js';
import { cronOf, nextDueAfter } from './due-times.js';
import type { ClassroomPorts } from './ports.js';
import { buildScheduledReply, createPostAttempt, nextCommandOf, tellOwner } from './scheduled-post.js';

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
 *
 * This file is the timer loop; one attempt at a post is in scheduled-post.ts, and the due-time
 * bookkeeping (record, miss, settle after a restart) in due-posts.ts.
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

/** Creates a scheduler over the store; nothing fires before `start()`. */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { store, clock, ports, log } = options;
  const graceMs = options.graceMs ?? 60 * 60_000;
  const retryDelays = options.retryDelaysMs ?? [60_000, 5 * 60_000, 15 * 60_000];
  const attempt = createPostAttempt({ ...options, retryDelays });
  const inFlight = new Map<number, Promise<void>>();
  let cancelTimer: (() => void) | undefined;
  let running = false;

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
    recordDueTimes(store, log, now, graceMs);
    for (const post of store.posts.ready(now)) launch(post.id);
    arm();
  }

  function arm() {
    cancelTimer?.();
    cancelTimer = undefined;
    if (!running) return;
    const wake = nextWakeAfter(store, clock.now());
    if (wake !== undefined) cancelTimer = clock.setTimer(wake, tick);
  }

  return {
    start() {
      if (running) return;
      running = true;
      settleUnfinished(store, clock.now(), graceMs, (schedule, headline, blocks) => {
        void tellOwner(ports, log, schedule, headline, blocks);
      });
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
    preview: (schedule) => buildScheduledReply(ports, schedule, nextCommandOf(schedule) ?? ''),
  };
}
