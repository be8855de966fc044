import type { NewSchedule, ScheduleRow } from '../../store/index.js';
import { type UserError, userError } from '../errors.js';
import { LESSON_PLAN } from './lesson-plan.js';
import { scheduleTiming } from './schedule-timing.js';

/*
 * `/schedule add` options → a schedule: channel, time of day, IANA time zone, days (daily,
 * weekdays, weekends, a list of days, or a five-field cron expression) and what to post.
 */

/** A schedule's timing and content, checked, before it is stored. */
export type ScheduleDraft = Pick<
  NewSchedule,
  'conversation' | 'cron' | 'timeZone' | 'days' | 'timeOfDay' | 'postKind' | 'postCommand'
>;

/** A channel id from an id or a platform mention (`<#123>`, `<#C123|name>`). */
function channelId(text: string): string | undefined {
  const mention = /^<#([A-Za-z0-9_-]+)(\|[^>]*)?>$/.exec(text);
  if (mention) return mention[1];
  return /^[A-Za-z0-9_:.-]+$/.test(text) ? text : undefined;
}

/**
 * Checks `/schedule add` options. `checkCommand` says what is wrong with a command to post (an
 * unknown command, bad options), or nothing.
 */
export function draftSchedule(
  input: { channel?: string; time?: string; tz?: string; days?: string; post?: string },
  context: { conversation: string; now: number; checkCommand(text: string): string | undefined },
): ScheduleDraft | UserError {
  const conversation = input.channel === undefined ? context.conversation : channelId(input.channel.trim());
  if (conversation === undefined) {
    return userError(
      'invalid-option',
      "channel must be the channel's id or a channel mention; leave it out to post here",
      'channel',
    );
  }
  const when = scheduleTiming(input, context.now);
  if ('kind' in when) return when;
  const post = (input.post ?? 'lesson-plan').trim();
  if (post.toLowerCase() === 'lesson-plan') {
    return { conversation, ...when, postKind: 'lesson-plan', postCommand: null };
  }
  if (!post.startsWith('/')) {
    return userError(
      'invalid-option',
      'post must be lesson-plan or a command in quotes, e.g. post:"/compare depths:1,4,16"',
      'post',
    );
  }
  const problem = context.checkCommand(post);
  if (problem) return userError('invalid-option', `post: ${problem}`, 'post');
  return { conversation, ...when, postKind: 'command', postCommand: post };
}

/** "weekdays at 08:30 (Europe/Berlin)", or the cron expression for cron schedules. */
export function describeTiming(s: Pick<ScheduleRow, 'days' | 'timeOfDay' | 'timeZone'>): string {
  return s.timeOfDay === null
    ? `cron \`${s.days}\` (${s.timeZone})`
    : `${s.days} at ${s.timeOfDay} (${s.timeZone})`;
}

/** "the lesson plan (next: 3 of 7, the depth sweep)" or the command it posts. */
export function describeContent(s: Pick<ScheduleRow, 'postKind' | 'postCommand' | 'planPosition'>): string {
  if (s.postKind === 'command') return `\`${s.postCommand ?? ''}\``;
  const index = s.planPosition % LESSON_PLAN.length;
  return `the lesson plan (next: ${index + 1} of ${LESSON_PLAN.length}, ${LESSON_PLAN[index]!.title})`;
}

/** A due time as the schedule's teacher reads it, e.g. "30 Mar 2026, 08:30 (Europe/Berlin)". */
export function formatDue(due: number, timeZone: string): string {
  const local = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(due);
  return `${local} (${timeZone})`;
}
