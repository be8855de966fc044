import { Cron } from 'croner';

/*
 * Due times come from croner, read in the schedule's IANA time zone. Around daylight-saving
 * changes croner follows Vixie cron for fixed-time jobs (one minute and one hour, as every
 * `time:` schedule is): a time that does not exist that day (02:30 when clocks jump from 02:00 to
 * 03:00) fires once at the first valid time after the gap, and a time that happens twice (02:30
 * when clocks fall back) fires once, at its first occurrence.
 */

/** A parsed cron expression in a time zone; throws croner's error for a bad one. */
export function cronOf(expression: string, timeZone: string): Cron {
  return new Cron(expression, { timezone: timeZone, mode: '5-part' });
}

/** The first due time strictly after `after`, or undefined when there is none. */
export function nextDueAfter(cron: Cron, after: number): number | undefined {
  return cron.nextRun(new Date(after))?.getTime();
}

/** Due times in (from, until], oldest first, at most `cap` of them (the newest are kept). */
export function dueTimesBetween(cron: Cron, from: number, until: number, cap = 1000): number[] {
  const times: number[] = [];
  for (let due = nextDueAfter(cron, from); due !== undefined && due <= until; due = nextDueAfter(cron, due)) {
    times.push(due);
    if (times.length > cap) times.shift();
  }
  return times;
}
