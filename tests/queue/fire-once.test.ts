import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFireOnceLock, type FireOnceLock } from '../../src/queue/replica/fire-once.js';
import { type RedisServer, startRedisServer } from './redis-server.js';

describe('firing a schedule once over several bot replicas', () => {
  let redis: RedisServer;
  let replicas: FireOnceLock[];

  beforeAll(async () => {
    redis = await startRedisServer();
    replicas = [0, 1, 2].map(() => createFireOnceLock({ redisUrl: redis.url }));
  });

  afterAll(async () => {
    await Promise.all(replicas.map((lock) => lock.close()));
    await redis.stop();
  });

  it('lets exactly one replica fire each planned instant, whoever asks first', async () => {
    const planned = new Date('2030-01-06T08:00:00Z');
    for (let round = 0; round < 5; round++) {
      const instant = planned.getTime() + round * 86_400_000;
      const claims = await Promise.all(replicas.map((lock) => lock.claim('daily-demo', instant)));
      expect(claims.filter(Boolean)).toHaveLength(1);
    }
    // Another schedule at the same instant is its own firing.
    expect(await replicas[1]!.claim('weekly-quiz', planned)).toBe(true);
    expect(await replicas[2]!.claim('weekly-quiz', planned.getTime())).toBe(false);
  });

  it('rejects a claim while Redis is down rather than firing twice or hanging', async () => {
    await redis.stop();
    const lock = replicas[0]!;
    const started = Date.now();
    await expect(lock.claim('daily-demo', Date.UTC(2031, 0, 1))).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(3000);
    await redis.start();
  });
});
