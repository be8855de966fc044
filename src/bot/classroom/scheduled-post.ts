import type { PostRow, ScheduleRow, Store } from '../../store/index.js';
import type { Logger } from '../logger.js';
import { privateNote } from '../replies/plain-replies.js';
import type { Platform, Reply } from '../types.js';
import type { Clock } from './clock.js';
import { LESSON_PLAN, planStep } from './lesson-plan.js';
import type { ClassroomPorts, RunAs } from './ports.js';
import { describeTiming, formatDue } from './schedule-spec.js';

/*
 * One attempt at one scheduled post: claim it across replicas, build the reply as the schedule's
 * owner, mark it `sending`, hand it to the adapter, mark it `sent`; or schedule a retry, and after
 * the last one tell the owner privately. The scheduler decides when an attempt runs.
 */

/** Thrown when a scheduled command answered with a private note (a refusal) instead of a post. */
class NotPostable extends Error {}

/** The schedule's owner, in the schedule's channel: who its command runs as. */
export const runAs = (s: ScheduleRow): RunAs => ({
  platform: s.platform as Platform,
  conversation: s.conversation,
  user: s.owner,
  ...(s.server === null ? {} : { server: s.server }),
});

/** The command a schedule posts next: its own, or the lesson plan's current step. */
export function nextCommandOf(schedule: ScheduleRow): string | null {
  return schedule.postKind === 'lesson-plan'
    ? planStep(schedule.planPosition).step.command
    : schedule.postCommand;
}

/** Runs the command as the owner; a lesson-plan post gets a line saying which demo it is. */
export async function buildScheduledReply(
  ports: ClassroomPorts,
  schedule: ScheduleRow,
  command: string,
): Promise<Reply> {
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

/** A private note to the schedule's owner; a note that cannot be delivered is only logged. */
export async function tellOwner(
  ports: ClassroomPorts,
  log: Logger,
  schedule: ScheduleRow,
  headline: string,
  blocks: string[],
): Promise<void> {
  try {
    await ports.notifyOwner(runAs(schedule), privateNote(headline, blocks));
  } catch (error) {
    log.warn({ err: error, schedule: schedule.id }, 'could not tell a schedule owner');
  }
}

/** What an attempt needs; the delays come from the scheduler's settings (defaults applied). */
export interface PostAttemptDeps {
  store: Store;
  clock: Clock;
  ports: ClassroomPorts;
  log: Logger;
  retryDelays: readonly number[];
  fireOnce?: { claim(scheduleId: string, plannedAt: number): Promise<boolean> };
}

/** Returns `attempt(postId)`, which makes one try at a recorded post and settles its status. */
export function createPostAttempt(deps: PostAttemptDeps): (id: number) => Promise<void> {
  const { store, clock, ports, log, retryDelays, fireOnce } = deps;
  const maxAttempts = retryDelays.length + 1;

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
    await tellOwner(ports, log, schedule, `Scheduled post #${schedule.id} could not be made`, [
      `It was due ${formatDue(post.dueAt, schedule.timeZone)} in \`${schedule.conversation}\` (${describeTiming(schedule)}). I tried ${post.attempts} times; the last error was: ${message.slice(0, 300)}`,
      `Check that I may post in that channel. \`/schedule preview ${schedule.id}\` shows the post now.`,
    ]);
  }

  return async function attempt(id: number): Promise<void> {
    const post = store.posts.beginAttempt(id);
    const schedule = post && store.schedules.get(post.scheduleId);
    if (!post || !schedule) return;
    try {
      if (fireOnce && post.attempts === 1 && !(await fireOnce.claim(String(schedule.id), post.dueAt))) {
        log.info({ schedule: schedule.id, post: id }, 'another replica makes this post');
        store.posts.markSent(id);
        return;
      }
      const reply = await buildScheduledReply(ports, schedule, post.command ?? '');
      if (!store.posts.markSending(id)) return;
      const { user: _owner, ...target } = runAs(schedule);
      await ports.post(target, reply);
    } catch (error) {
      await failed(schedule, post, error);
      return;
    }
    store.posts.markSent(id);
  };
}
