import type { NewSchedule } from '../../store/index.js';
import { isUserError, type UserError, userError } from '../errors.js';
import { cronOf, nextDueAfter } from './due-times.js';

/*
 * When a schedule posts: an IANA time zone, and either named days with a time of day or a
 * five-field cron expression; never more than once an hour, and it must come round again.
 */

/** Posts closer together than this would flood a class channel and the training queue. */
const MIN_INTERVAL_MS = 60 * 60_000;

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const DAY_SETS: Record<string, string> = { daily: '*', weekdays: '1-5', weekends: '0,6' };
const TZ_EXAMPLE = 'e.g. tz:Europe/Berlin or tz:America/New_York';
const CRON_EXAMPLE = 'e.g. days:"30 8 * * 1-5" (minute hour day-of-month month day-of-week)';

/** The canonical spelling of an IANA time zone name (Area/City, or UTC), or undefined. */
function canonicalTimeZone(name: string): string | undefined {
  if (!name.includes('/') && name.toUpperCase() !== 'UTC') return undefined;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
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

/** The canonical IANA zone the teacher named, or the error saying what to write. */
function timeZoneOf(given: string | undefined): string | UserError {
  if (!given) return userError('invalid-option', `tz is needed: the IANA time zone, ${TZ_EXAMPLE}`, 'tz');
  const tz = canonicalTimeZone(given);
  if (tz !== undefined) return tz;
  return userError(
    'invalid-option',
    `tz "${given.slice(0, 40)}" is not an IANA time zone; ${TZ_EXAMPLE}`,
    'tz',
  );
}

type DueRule = { cron: string; timeOfDay: string | null };

/** `days` given as a cron expression: it holds the time too, so `time` must be left out. */
function cronRule(days: string, time: string | undefined, tz: string): DueRule | UserError {
  if (time) {
    return userError('invalid-option', 'time is part of the cron expression in days; leave time out', 'time');
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
  return { cron: days, timeOfDay: null };
}

/** `days` as named days plus a `time` of day, written as the cron expression they mean. */
function dayTimeRule(days: string, time: string | undefined): DueRule | UserError {
  const dow = dayField(days);
  if (dow === undefined) {
    return userError(
      'invalid-option',
      `days must be daily, weekdays, weekends, days like mon,wed,fri, or a cron expression in quotes, ${CRON_EXAMPLE}`,
      'days',
    );
  }
  const parsed = time === undefined ? undefined : parseTime(time.trim());
  if (!parsed) {
    const got = time === undefined ? 'nothing' : `"${time.slice(0, 20)}"`;
    return userError(
      'invalid-option',
      `time must be HH:MM on a 24-hour clock, e.g. time:08:30 (got ${got})`,
      'time',
    );
  }
  const timeOfDay = `${String(parsed.hour).padStart(2, '0')}:${String(parsed.minute).padStart(2, '0')}`;
  return { cron: `${parsed.minute} ${parsed.hour} * * ${dow}`, timeOfDay };
}

/** Refuses a rule that never fires again or fires more than once an hour. */
function frequencyProblem(cron: string, tz: string, days: string, now: number): UserError | undefined {
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
  return undefined;
}

/** A schedule's checked timing: cron expression, zone, days as typed, and time of day if any. */
export type ScheduleTiming = Pick<NewSchedule, 'cron' | 'timeZone' | 'days' | 'timeOfDay'>;

/** Checks the `time`, `tz` and `days` options of `/schedule add`, as of `now`. */
export function scheduleTiming(
  input: { time?: string; tz?: string; days?: string },
  now: number,
): ScheduleTiming | UserError {
  const tz = timeZoneOf(input.tz?.trim());
  if (isUserError(tz)) return tz;
  const days = (input.days ?? 'daily').trim();
  const rule = looksLikeCron(days) ? cronRule(days, input.time, tz) : dayTimeRule(days, input.time);
  if (isUserError(rule)) return rule;
  return (
    frequencyProblem(rule.cron, tz, days, now) ?? {
      cron: rule.cron,
      timeZone: tz,
      days,
      timeOfDay: rule.timeOfDay,
    }
  );
}
