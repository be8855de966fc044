import { randomUUID } from 'node:crypto';
import { closeRedis, connectRedis, whenReady, withTimeout } from '../redis/client.js';
import { DEFAULT_QUEUE_NAME, queueKeys } from '../redis/keys.js';

/*
 * Schedules fire once even when several bot replicas run. Every replica keeps its own timers (the
 * schedules come from the same store, so all of them plan the same instants); when a timer fires,
 * the replica claims that firing with SET NX on a key naming the schedule and the planned instant.
 * The first claim wins and the others skip. Keying by the planned instant, not by "now", makes the
 * claim immune to clock skew between replicas and to timers that fire a little late.
 */

/** Claims schedule firings across replicas. */
export interface FireOnceLock {
  /**
   * True for exactly one caller per (schedule, planned instant) over all replicas; false for the
   * rest. Rejects when Redis cannot be reached (the caller decides: skip and log, usually).
   */
  claim(scheduleId: string, plannedAt: Date | number): Promise<boolean>;
  close(): Promise<void>;
}

/** How to build the lock. */
export interface FireOnceOptions {
  redisUrl: string;
  queueName?: string;
  /** How long a claim is remembered; longer than any clock skew or late timer. Default 24 h. */
  holdMs?: number;
  /** Default 2000 ms. */
  timeoutMs?: number;
  onError?: (error: unknown) => void;
}

/** Connects a lock to Redis. */
export function createFireOnceLock(options: FireOnceOptions): FireOnceLock {
  const keys = queueKeys(options.queueName ?? DEFAULT_QUEUE_NAME);
  const timeoutMs = options.timeoutMs ?? 2000;
  const holdMs = options.holdMs ?? 24 * 3600_000;
  const owner = randomUUID();
  const client = connectRedis(options.redisUrl, 'command', (error) => options.onError?.(error), timeoutMs);
  return {
    async claim(scheduleId, plannedAt) {
      const plannedAtMs = typeof plannedAt === 'number' ? plannedAt : plannedAt.getTime();
      const key = keys.firing(scheduleId, plannedAtMs);
      await whenReady(client, timeoutMs);
      const answer = await withTimeout(
        client.set(key, owner, 'PX', holdMs, 'NX'),
        timeoutMs,
        'claiming a firing',
      );
      return answer === 'OK';
    },
    async close() {
      await closeRedis(client);
    },
  };
}
