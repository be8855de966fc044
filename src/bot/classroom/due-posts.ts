import type { ScheduleRow, Store } from '../../store/index.js';
import type { Logger } from '../logger.js';
import { cronOf, dueTimesBetween, nextDueAfter } from './due-times.js';
import { formatDue } from './schedule-spec.js';
import { nextCommandOf } from './scheduled-post.js';

/*
 * The scheduler's bookkeeping in the store: which due times have come, which are missed, and
 * what a previous process left half done. Each due time becomes a post keyed by (schedule, due
 * time), so a second timer, tick or process reaching the same due time finds the key taken.
 */

/**
 * Records every due time of every active schedule up to `now`: the latest is claimed as a post
 * when it is within `graceMs`, every other one is recorded `missed` (only the latest can be posted).
 */
export function recordDueTimes(store: Store, log: Logger, now: number, graceMs: number): void {
  for (const schedule of store.schedules.active()) {
    const from = Math.max(schedule.activeSince, store.posts.lastDueAt(schedule.id) ?? -Infinity);
    const dues = dueTimesBetween(cronOf(schedule.cron, schedule.timeZone), from, now);
    const latest = dues.at(-1);
    for (const due of dues) {
      if (due === latest && now - due <= graceMs) {
        const command = nextCommandOf(schedule);
        // The claim and the plan's step move together, so a lesson is neither skipped nor repeated.
        store.transaction(() => {
          const claimed = store.posts.claim(schedule.id, due, command);
          if (claimed && schedule.postKind === 'lesson-plan') store.schedules.advancePlan(schedule.id);
        });
      } else if (store.posts.recordMissed(schedule.id, due)) {
        log.warn({ schedule: schedule.id, dueAt: due }, 'scheduled post missed');
      }
    }
  }
}

/** When the scheduler must next wake: the earliest due time or retry after `now`, if any. */
export function nextWakeAfter(store: Store, now: number): number | undefined {
  const dues = store.schedules.active().map((s) => nextDueAfter(cronOf(s.cron, s.timeZone), now));
  const times = [...dues, store.posts.nextRetryAfter(now)].filter((t): t is number => t !== undefined);
  return times.length > 0 ? Math.min(...times) : undefined;
}

/**
 * Settles what a previous process left unfinished: a `pending` post past the grace window is
 * `missed` (younger ones are sent by the next tick); a `sending` post may have arrived, so it is
 * `unconfirmed` and never sent again, and its owner is told through `tell`.
 */
export function settleUnfinished(
  store: Store,
  now: number,
  graceMs: number,
  tell: (schedule: ScheduleRow, headline: string, blocks: string[]) => void,
): void {
  for (const post of store.posts.inStatus('pending')) {
    if (now - post.dueAt > graceMs) store.posts.finish(post.id, 'missed', 'the tutor was not running');
  }
  for (const post of store.posts.inStatus('sending')) {
    store.posts.finish(post.id, 'unconfirmed', 'the tutor stopped while sending it');
    const schedule = store.schedules.get(post.scheduleId);
    if (!schedule) continue;
    tell(schedule, `Scheduled post #${schedule.id} may not have gone out`, [
      `The tutor stopped while sending the post due ${formatDue(post.dueAt, schedule.timeZone)} to \`${schedule.conversation}\`. I will not send it again, to avoid a double post.`,
      `If it is missing, \`/schedule preview ${schedule.id}\` shows it now.`,
    ]);
  }
}
