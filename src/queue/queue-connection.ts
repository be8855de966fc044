import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { QueueKeys } from './keys.js';
import type { QueueJobData, QueueJobReturn } from './protocol.js';
import { connectRedis, oncePerOutage } from './redis.js';

/** A bot replica's command connection and the BullMQ queue on it. */
export interface QueueConnection {
  readonly client: Redis;
  readonly queue: Queue<QueueJobData, QueueJobReturn>;
  /** True while Redis is connected; checked before every submit, so refusals are instant. */
  connected(): boolean;
}

/** Opens the connection (only the first error of each outage is reported). */
export function openQueueConnection(
  redisUrl: string,
  keys: QueueKeys,
  timeoutMs: number,
  report: (error: unknown, context: string) => void,
): QueueConnection {
  const client = connectRedis(redisUrl, 'command', (error) => report(error, 'redis connection'), timeoutMs);
  const queue = new Queue<QueueJobData, QueueJobReturn>(keys.queueName, {
    connection: client,
    prefix: keys.prefix,
    // Events carry no results (those wait under result keys), so a short stream is plenty.
    streams: { events: { maxLen: 2000 } },
  });
  // The queue reports every failed reconnection too: once per outage is enough.
  const outage = oncePerOutage((error) => report(error, 'queue'));
  queue.on('error', outage.error);
  client.on('ready', outage.recovered);
  return { client, queue, connected: () => client.status === 'ready' };
}
