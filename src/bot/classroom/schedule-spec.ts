import type { NewSchedule, ScheduleRow } from '../../store/index.js';
import { type UserError, userError } from '../errors.js';
import { cronOf, nextDueAfter } from './due-times.js';
import { LESSON_PLAN } from './lesson-plan.js';

/*
 * `/schedule add` options → a schedule: channel, time of day, IANA time zone, days (daily,
 * weekdays, weekends, a list of days, or a five-field cron expression) and what to post.
 */

/** A schedule's timing and content, checked, before it is stored. */
export type ScheduleDraft = Pick<
  NewSchedule,
  'conversation' | 'cron' | 'timeZone' | 'days' | 'timeOfDay' | 'postKind' | 'postCommand'
>;

/** Posts closer together than this would flood a class channel and the training queue. */
export const MIN_INTERVAL_MS = 60 * 60_000;

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const DAY_SETS: Record<string, string> = { daily: '*', weekdays: '1-5', weekends: '0,6' };
const TZ_EXAMPLE = 'e.g. tz:Europe/Berlin or tz:America/New_York';
const CRON_EXAMPLE = 'e.g. days:"30 8 * * 1-5" (minute hour day-of-month month day-of-week)';

/** The canonical spelling of an IANA time zone name (Area/City, or UTC), or undefined. */
export function canonicalTimeZone(name: string): string | undefined {
  if (!name.includes('/') && name.toUpperCase() !== 'UTC') return undefined;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** A channel id from an id or a platform mention (`<#123>`, `<#C123|name>`). */
function channelId(text: string): string | undefined {
  const mention = /^<#([A-Za-z0-9_-]+)(\|[^>]*)?>$/.exec(text);
  if (mention) return mention[1];
  return /^[A-Za-z0-9_:.-]+$/.test(text) ? text : undefined;
}

function parseTime(text: string): { hour: number; minute: number } | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!match) return undefined;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  return hour < 24 && minute < 60 ? { hour, minute } : undefined;
}

function dayField(days: string): string | undefined {
  const lower = days.toLowerCase();
  if (Object.hasOwn(DAY_SETS, lower)) return DAY_SETS[lower];
  const names = lower.split(',').map((d) => d.trim().slice(0, 3));
  if (names.length === 0 || names.some((d) => !(DAY_NAMES as readonly string[]).includes(d)))
    return undefined;
  return [...new Set(names)].join(',');
}

const looksLikeCron = (days: string) => days.trim().split(/\s+/).length >= 5 || days.startsWith('@');

/** The shortest gap between the next few due times, to refuse schedules that post too often. */
function shortestGap(cron: string, timeZone: string, from: number): number {
  const job = cronOf(cron, timeZone);
  let previous = nextDueAfter(job, from);
  let shortest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 48 && previous !== undefined; i++) {
    const next = nextDueAfter(job, previous);
    if (next === undefined) break;
    shortest = Math.min(shortest, next - previous);
    previous = next;
  }
  return shortest;
}

function timing(input: { time?: string; tz?: string; days?: string }, now: number) {
  const given = input.tz?.trim();
  if (!given) return userError('invalid-option', `tz is needed: the IANA time zone, ${TZ_EXAMPLE}`, 'tz');
  const tz = canonicalTimeZone(given);
  if (tz === undefined) {
    return userError(
      'invalid-option',
      `tz "${given.slice(0, 40)}" is not an IANA time zone; ${TZ_EXAMPLE}`,
      'tz',
    );
  }
  const days = (input.days ?? 'daily').trim();
  let cron: string;
  let timeOfDay: string | null = null;
  if (looksLikeCron(days)) {
    if (input.time) {
      return userError(
        'invalid-option',
        'time is part of the cron expression in days; leave time out',
        'time',
      );
    }
    try {
      cronOf(days, tz);
    } catch (error) {
      const why = (error as Error).message.replace(/^CronPattern: /, '');
      return userError(
        'invalid-option',
        `days "${days.slice(0, 60)}" is not a valid cron expression (${why}); ${CRON_EXAMPLE}`,
        'days',
      );
    }
    cron = days;
  } else {
    const dow = dayField(days);
    if (dow === undefined) {
      return userError(
        'invalid-option',
        `days must be daily, weekdays, weekends, days like mon,wed,fri, or a cron expression in quotes, ${CRON_EXAMPLE}`,
        'days',
      );
    }
    const parsed = input.time === undefined ? undefined : parseTime(input.time.trim());
    if (!parsed) {
      const got = input.time === undefined ? 'nothing' : `"${input.time.slice(0, 20)}"`;
      return userError(
        'invalid-option',
        `time must be HH:MM on a 24-hour clock, e.g. time:08:30 (got ${got})`,
        'time',
      );
    }
    timeOfDay = `${String(parsed.hour).padStart(2, '0')}:${String(parsed.minute).padStart(2, '0')}`;
    cron = `${parsed.minute} ${parsed.hour} * * ${dow}`;
  }
  const gap = shortestGap(cron, tz, now);
  if (gap === Number.POSITIVE_INFINITY) {
    return userError(
      'invalid-option',
      `days "${days.slice(0, 60)}" never comes round again; ${CRON_EXAMPLE}`,
      'days',
    );
  }
  if (gap < MIN_INTERVAL_MS) {
    return userError(
      'invalid-option',
      'a schedule may post at most once an hour; choose fewer times in days',
      'days',
    );
  }
  return { cron, timeZone: tz, days, timeOfDay };
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
  const when = timing(input, context.now);
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
