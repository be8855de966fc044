import { afterEach, describe, expect, it } from 'vitest';
import { LESSON_PLAN } from '../../../src/bot/classroom/lesson-plan.js';
import { replyText } from '../fake-adapter.js';
import { ManualClock, settle } from './manual-clock.js';
import { addSchedule, isoTimes, replyFor, schedulerRig, tempDb } from './scheduler-rig.js';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function rig(clock: ManualClock, options: Parameters<typeof schedulerRig>[1] = {}) {
  const r = schedulerRig(clock, options);
  cleanups.push(async () => {
    await r.scheduler.stop();
    r.store.close();
  });
  return r;
}

describe('due times', () => {
  it('fires a New York 08:30 weekday schedule at the right UTC instants, across the US DST change', async () => {
    const clock = new ManualClock(at('2026-03-06T00:00:00Z')); // a Friday, EST (UTC-5)
    const { store, scheduler, seen } = rig(clock);
    addSchedule(store, clock.now(), {
      time: '08:30',
      tz: 'America/New_York',
      days: 'weekdays',
      post: '/train depth:1',
    });
    scheduler.start();
    await clock.advanceTo(at('2026-03-06T13:29:59Z'));
    expect(seen.posts).toHaveLength(0);
    await clock.advanceTo(at('2026-03-10T23:00:00Z'));
    await scheduler.idle();
    // Sunday 8 March the US moved to EDT (UTC-4); nothing on the weekend.
    expect(isoTimes(seen.posts)).toEqual([
      '2026-03-06T13:30:00.000Z',
      '2026-03-09T12:30:00.000Z',
      '2026-03-10T12:30:00.000Z',
    ]);
    expect(seen.posts.every((p) => p.target.conversation === 'class-1' && p.target.platform === 'test')).toBe(
      true,
    );
    expect(seen.commands.map((c) => c.as.user)).toEqual(['teacher-1', 'teacher-1', 'teacher-1']);
  });

  it('Berlin spring forward: 02:30 (a time that does not exist that day) posts once at 03:00; 08:30 stays 08:30', async () => {
    const clock = new ManualClock(at('2026-03-27T12:00:00Z'));
    const { store, scheduler, seen } = rig(clock);
    const early = addSchedule(store, clock.now(), {
      time: '02:30',
      tz: 'Europe/Berlin',
      days: 'daily',
      post: '/lp',
    });
    addSchedule(store, clock.now(), { time: '08:30', tz: 'Europe/Berlin', days: 'daily', post: '/train' });
    scheduler.start();
    await clock.advanceTo(at('2026-03-31T12:00:00Z'));
    await scheduler.idle();
    const times = (command: string) =>
      isoTimes(seen.posts.filter((p) => p.reply.headline === `ran ${command}`));
    // Clocks jumped from 02:00 CET to 03:00 CEST on Sunday 29 March (the last Sunday of March).
    expect(times('/lp')).toEqual([
      '2026-03-28T01:30:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-03-30T00:30:00.000Z',
      '2026-03-31T00:30:00.000Z',
    ]);
    expect(times('/train')).toEqual([
      '2026-03-28T07:30:00.000Z',
      '2026-03-29T06:30:00.000Z',
      '2026-03-30T06:30:00.000Z',
      '2026-03-31T06:30:00.000Z',
    ]);
    expect(store.posts.forSchedule(early.id).map((p) => p.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
  });

  it('Berlin fall back: 02:30 happens twice on 25 October and posts once', async () => {
    const clock = new ManualClock(at('2026-10-24T12:00:00Z'));
    const { store, scheduler, seen } = rig(clock);
    addSchedule(store, clock.now(), { time: '02:30', tz: 'Europe/Berlin', days: 'daily', post: '/lp' });
    scheduler.start();
    await clock.advanceTo(at('2026-10-26T12:00:00Z'));
    await scheduler.idle();
    expect(isoTimes(seen.posts)).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z']);
  });

  it('a cron expression in days works, and nothing due before the schedule existed is posted', async () => {
    const clock = new ManualClock(at('2026-06-01T09:30:00Z')); // Monday, after 09:00
    const { store, scheduler, seen } = rig(clock);
    addSchedule(store, clock.now(), { tz: 'UTC', days: '0 9 * * 1,3', post: '/lp' });
    scheduler.start();
    await clock.advanceTo(at('2026-06-08T10:00:00Z'));
    await scheduler.idle();
    expect(isoTimes(seen.posts)).toEqual(['2026-06-03T09:00:00.000Z', '2026-06-08T09:00:00.000Z']);
  });
});

describe('the lesson plan', () => {
  it('posts the demos in story order, one per due time, and starts again after the last', async () => {
    const clock = new ManualClock(at('2026-05-01T00:00:00Z'));
    const { store, scheduler, seen } = rig(clock);
    const schedule = addSchedule(store, clock.now(), { time: '08:00', tz: 'UTC', days: 'daily' });
    scheduler.start();
    const preview = await scheduler.preview(store.schedules.get(schedule.id)!);
    expect(replyText(preview)).toContain(`Demo 1 of ${LESSON_PLAN.length}: ${LESSON_PLAN[0]!.title}`);
    await clock.advance((LESSON_PLAN.length + 1) * DAY);
    await scheduler.idle();
    const expected = [...LESSON_PLAN.map((s) => s.command), LESSON_PLAN[0]!.command];
    // The preview ran the first demo too, without moving the plan on.
    expect(seen.commands.map((c) => c.text)).toEqual([LESSON_PLAN[0]!.command, ...expected]);
    expect(seen.posts.map((p) => p.reply.headline)).toEqual(expected.map((c) => `ran ${c}`));
    expect(replyText(seen.posts[2]!.reply)).toContain(`Demo 3 of ${LESSON_PLAN.length}`);
    expect(replyText(seen.posts[2]!.reply)).toContain(`/explain ${LESSON_PLAN[2]!.lessonId}`);
  });
});

describe('restarts', () => {
  it('after a restart, a post missed within the grace window is made once; older ones are recorded missed', async () => {
    const file = tempDb();
    const clock = new ManualClock(at('2026-04-01T00:00:00Z'));
    const first = schedulerRig(clock, { file });
    const schedule = addSchedule(first.store, clock.now(), {
      time: '08:30',
      tz: 'UTC',
      days: 'daily',
      post: '/lp',
    });
    first.scheduler.start();
    await clock.advanceTo(at('2026-04-01T09:00:00Z'));
    await first.scheduler.idle();
    expect(isoTimes(first.seen.posts)).toEqual(['2026-04-01T08:30:00.000Z']);
    await first.scheduler.stop();
    first.store.close();

    // Down over the next due time; back 20 minutes late.
    await clock.advanceTo(at('2026-04-02T08:50:00Z'));
    const second = rig(clock, { file });
    second.scheduler.start();
    await second.scheduler.idle();
    expect(isoTimes(second.seen.posts)).toEqual(['2026-04-02T08:50:00.000Z']);
    second.scheduler.refresh();
    await clock.advance(HOUR);
    await second.scheduler.idle();
    expect(second.seen.posts).toHaveLength(1);
    await second.scheduler.stop();
    second.store.close();
    cleanups.pop();

    // Down for two days; back 90 minutes after the last due time: both are past the grace window.
    await clock.advanceTo(at('2026-04-04T10:00:00Z'));
    const third = rig(clock, { file });
    third.scheduler.start();
    await third.scheduler.idle();
    expect(third.seen.posts).toHaveLength(0);
    await clock.advanceTo(at('2026-04-05T09:00:00Z'));
    await third.scheduler.idle();
    expect(isoTimes(third.seen.posts)).toEqual(['2026-04-05T08:30:00.000Z']);
    const history = third.store.posts
      .forSchedule(schedule.id)
      .map((p) => [new Date(p.dueAt).toISOString(), p.status]);
    expect(history).toEqual([
      ['2026-04-01T08:30:00.000Z', 'sent'],
      ['2026-04-02T08:30:00.000Z', 'sent'],
      ['2026-04-03T08:30:00.000Z', 'missed'],
      ['2026-04-04T08:30:00.000Z', 'missed'],
      ['2026-04-05T08:30:00.000Z', 'sent'],
    ]);
  });

  it('exactly once when the process dies between recording a post and sending it', async () => {
    const file = tempDb();
    const clock = new ManualClock(at('2026-04-01T00:00:00Z'));
    // The first process records the due post, starts building it, and dies before sending.
    const dying = schedulerRig(clock, { file, runCommand: () => new Promise<never>(() => {}) });
    const schedule = addSchedule(dying.store, clock.now(), { time: '08:30', tz: 'UTC', post: '/lp' });
    dying.scheduler.start();
    await clock.advanceTo(at('2026-04-01T08:30:00Z'));
    expect(dying.store.posts.forSchedule(schedule.id).map((p) => p.status)).toEqual(['pending']);
    expect(dying.seen.posts).toHaveLength(0);
    dying.store.close();

    // Its replacement, ten minutes later, sends it once.
    await clock.advanceTo(at('2026-04-01T08:40:00Z'));
    const next = rig(clock, { file });
    next.scheduler.start();
    await next.scheduler.idle();
    next.scheduler.refresh();
    await clock.advanceTo(at('2026-04-01T12:00:00Z'));
    await next.scheduler.idle();
    expect(isoTimes(next.seen.posts)).toEqual(['2026-04-01T08:40:00.000Z']);
    expect(next.store.posts.forSchedule(schedule.id).map((p) => p.status)).toEqual(['sent']);
    expect(next.seen.notes).toHaveLength(0);
  });

  it('at most once when the process dies while the platform has the post: unconfirmed, owner told, not resent', async () => {
    const file = tempDb();
    const clock = new ManualClock(at('2026-04-01T00:00:00Z'));
    let handedOver = 0;
    const dying = schedulerRig(clock, {
      file,
      post: () => {
        handedOver++;
        return new Promise<never>(() => {});
      },
    });
    const schedule = addSchedule(dying.store, clock.now(), { time: '08:30', tz: 'UTC', post: '/lp' });
    dying.scheduler.start();
    await clock.advanceTo(at('2026-04-01T08:30:00Z'));
    expect(handedOver).toBe(1);
    dying.store.close();

    await clock.advanceTo(at('2026-04-01T08:35:00Z'));
    const next = rig(clock, { file });
    next.scheduler.start();
    await next.scheduler.idle();
    await settle();
    await clock.advanceTo(at('2026-04-01T12:00:00Z'));
    expect(next.seen.posts).toHaveLength(0);
    expect(next.store.posts.forSchedule(schedule.id).map((p) => p.status)).toEqual(['unconfirmed']);
    expect(next.seen.notes).toHaveLength(1);
    expect(next.seen.notes[0]!.target.user).toBe('teacher-1');
    expect(replyText(next.seen.notes[0]!.reply)).toMatch(/may not have gone out/);
  });

  it('two schedulers on one database file post a due time once', async () => {
    const file = tempDb();
    const clock = new ManualClock(at('2026-04-01T00:00:00Z'));
    const a = rig(clock, { file });
    const b = rig(clock, { file });
    addSchedule(a.store, clock.now(), { time: '08:30', tz: 'UTC', post: '/lp' });
    a.scheduler.start();
    b.scheduler.start();
    await clock.advanceTo(at('2026-04-01T09:00:00Z'));
    await Promise.all([a.scheduler.idle(), b.scheduler.idle()]);
    expect(a.seen.posts.length + b.seen.posts.length).toBe(1);
  });
});

describe('failures', () => {
  it('retries a failed post with backoff, then reports it to the owner once', async () => {
    const clock = new ManualClock(at('2026-04-01T00:00:00Z'));
    const attempts: number[] = [];
    const { store, scheduler, seen } = rig(clock, {
      retryDelaysMs: [60_000, 300_000, 900_000],
      post: async () => {
        attempts.push(clock.now());
        throw new Error('Missing Access');
      },
    });
    const schedule = addSchedule(store, clock.now(), { time: '08:30', tz: 'UTC', post: '/lp' });
    scheduler.start();
    await clock.advanceTo(at('2026-04-01T10:00:00Z'));
    await scheduler.idle();
    expect(isoTimes(attempts.map((t) => ({ at: t })))).toEqual([
      '2026-04-01T08:30:00.000Z',
      '2026-04-01T08:31:00.000Z',
      '2026-04-01T08:36:00.000Z',
      '2026-04-01T08:51:00.000Z',
    ]);
    const [post] = store.posts.forSchedule(schedule.id);
    expect(post).toMatchObject({ status: 'failed', attempts: 4, lastError: 'Missing Access' });
    expect(seen.notes).toHaveLength(1);
    expect(seen.notes[0]!.target).toMatchObject({ user: 'teacher-1', conversation: 'class-1' });
    expect(replyText(seen.notes[0]!.reply)).toMatch(
      /could not be made[\s\S]*tried 4 times[\s\S]*Missing Access/,
    );
    // The next day's post is a new due time and is tried afresh.
    await clock.advanceTo(at('2026-04-02T08:30:00Z'));
    expect(attempts).toHaveLength(5);
  });

  it('a post that fails and then succeeds is sent once, with no note to the owner', async () => {
    const clock = new ManualClock(at('2026-04-01T00:00:00Z'));
    let failures = 2;
    const { store, scheduler, seen } = rig(clock, {
      retryDelaysMs: [60_000, 60_000],
      post: async () => {
        if (failures-- > 0) throw new Error('rate limited');
      },
    });
    const schedule = addSchedule(store, clock.now(), { time: '08:30', tz: 'UTC', post: '/lp' });
    scheduler.start();
    await clock.advanceTo(at('2026-04-01T09:00:00Z'));
    await scheduler.idle();
    expect(isoTimes(seen.posts)).toEqual(['2026-04-01T08:32:00.000Z']);
    expect(store.posts.forSchedule(schedule.id)).toMatchObject([{ status: 'sent', attempts: 3 }]);
    expect(seen.notes).toHaveLength(0);
  });

  it('a command that answers privately (a refusal) counts as a failure, not as a post', async () => {
    const clock = new ManualClock(at('2026-04-01T00:00:00Z'));
    const { store, scheduler, seen } = rig(clock, {
      retryDelaysMs: [60_000],
      runCommand: async (text) => ({
        ...replyFor(text),
        visibility: 'private',
        headline: 'In this channel depth may be at most 4',
      }),
    });
    addSchedule(store, clock.now(), { time: '08:30', tz: 'UTC', post: '/train depth:8' });
    scheduler.start();
    await clock.advanceTo(at('2026-04-01T09:00:00Z'));
    await scheduler.idle();
    expect(seen.posts).toHaveLength(0);
    expect(replyText(seen.notes[0]!.reply)).toContain('depth may be at most 4');
  });

  it('a paused schedule posts nothing, and resuming does not catch up what fell due while paused', async () => {
    const clock = new ManualClock(at('2026-04-01T00:00:00Z'));
    const { store, scheduler, seen } = rig(clock);
    const schedule = addSchedule(store, clock.now(), { time: '08:30', tz: 'UTC', post: '/lp' });
    scheduler.start();
    store.schedules.setPaused(schedule.id, true);
    scheduler.refresh();
    await clock.advanceTo(at('2026-04-01T08:45:00Z'));
    store.schedules.setPaused(schedule.id, false);
    scheduler.refresh();
    await clock.advanceTo(at('2026-04-02T09:00:00Z'));
    await scheduler.idle();
    expect(isoTimes(seen.posts)).toEqual(['2026-04-02T08:30:00.000Z']);
  });
});
