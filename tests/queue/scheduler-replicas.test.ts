import { afterAll, beforeAll, expect, it } from 'vitest';
import { createFireOnceLock, type FireOnceLock } from '../../src/queue/replica/fire-once.js';
import { ManualClock } from '../bot/classroom/manual-clock.js';
import { addSchedule, schedulerRig } from '../bot/classroom/scheduler-rig.js';
import { type RedisServer, startRedisServer } from './redis-server.js';

const at = (iso: string) => Date.parse(iso);

let redis: RedisServer;
const locks: FireOnceLock[] = [];
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  for (const lock of locks) await lock.close();
  await redis?.stop();
});

it('makes each scheduled post once when two bot replicas run the same schedules', async () => {
  const clock = new ManualClock(at('2026-05-04T06:00:00Z'));
  // Two replicas: each its own store copy of the schedule and its own timers, one Redis.
  const replicas = [0, 1].map(() => {
    const lock = createFireOnceLock({ redisUrl: redis.url });
    locks.push(lock);
    const replica = schedulerRig(clock, { fireOnce: lock });
    const schedule = addSchedule(replica.store, clock.now(), {
      time: '08:30',
      tz: 'Europe/Berlin',
      days: 'daily',
      post: '/train depth:1',
    });
    return { ...replica, schedule };
  });
  for (const { scheduler } of replicas) scheduler.start();
  // A day at a time, letting both replicas finish (their claims are real Redis round trips)
  // before the manual clock moves on.
  for (const day of ['2026-05-04', '2026-05-05', '2026-05-06']) {
    await clock.advanceTo(at(`${day}T12:00:00Z`));
    await Promise.all(replicas.map(({ scheduler }) => scheduler.idle()));
  }

  // Each replica recorded every due time; only one of them posted it.
  expect(replicas.flatMap(({ seen }) => seen.posts)).toHaveLength(3);
  for (const { store, schedule } of replicas) {
    const recorded = store.posts.forSchedule(schedule.id);
    expect(recorded.map((p) => new Date(p.dueAt).toISOString())).toEqual([
      '2026-05-04T06:30:00.000Z',
      '2026-05-05T06:30:00.000Z',
      '2026-05-06T06:30:00.000Z',
    ]);
    expect(recorded.map((p) => p.status)).toEqual(['sent', 'sent', 'sent']);
  }
  // The replica that lost a claim did not even build the reply (no wasted training run).
  expect(replicas.flatMap(({ seen }) => seen.commands)).toHaveLength(3);
  for (const { scheduler, store } of replicas) {
    await scheduler.stop();
    store.close();
  }
});
