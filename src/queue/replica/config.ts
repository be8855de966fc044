import { checkedLimit, resolveSharedLimits } from '../../bot/jobs/shared.js';
import type { JobHooks } from '../../bot/jobs/types.js';
import { DEFAULT_QUEUE_NAME } from '../redis/keys.js';
import type { SharedCacheOptions } from '../redis/result-cache.js';

/*
 * A replica's settings, with their defaults. The limits a worker enforces (the running limit, the
 * time limit) travel in each job's data, so a worker needs no settings of its own for them.
 */

/** How to build the Redis (BullMQ) job service of one bot replica. */
export interface QueueJobServiceOptions {
  /** REDIS_URL. */
  redisUrl: string;
  /** Default "experiments"; replicas and workers of one deployment must agree. */
  queueName?: string;
  /** Jobs waiting, over all users and replicas; default 20. */
  maxQueued?: number;
  /** Jobs one user may have waiting; default 2. */
  maxQueuedPerUser?: number;
  /** Jobs one user may have running; default 1. Workers enforce it. */
  maxRunningPerUser?: number;
  /** A run is stopped after this long; default 120 000 ms. Workers enforce it. */
  timeLimitMs?: number;
  /** Least time between two onProgress calls of one job; default 250 ms (JOB_DEFAULTS). */
  progressIntervalMs?: number;
  /** The backend whose cached results to prefer (TUTOR_BACKEND when it is not "auto"). */
  backendHint?: string;
  cache?: SharedCacheOptions;
  /** Runs of one job when its engine fails in a way worth retrying on another worker; default 2. */
  attempts?: number;
  /** How long submit and cancel wait for Redis before answering that the queue is unavailable; default 2000 ms. */
  redisTimeoutMs?: number;
  /** After this long past its time limit, a running job's user is told it timed out; default 30 000 ms. */
  graceMs?: number;
  /** How often to reconcile this replica's jobs with Redis (missed events, lost jobs); default 5000 ms. */
  reconcileMs?: number;
  /** An admitted job's slot frees itself after this long without a refresh; default 10 min. */
  liveTtlMs?: number;
  /** Told about Redis and queue errors (for logging); the service carries on. */
  onError?: (error: unknown, context: string) => void;
  /** Told about a hook that threw or rejected; the job carries on regardless. */
  onHookError?: (error: unknown, hook: keyof JobHooks) => void;
  now?: () => number;
}

/** Options with every default applied. */
export type ResolvedQueueConfig = Required<
  Omit<QueueJobServiceOptions, 'backendHint' | 'cache' | 'onError' | 'onHookError' | 'now'>
>;

const SERVICE = 'queue job service';
const checked = (name: string, value: number, min: number) => checkedLimit(SERVICE, name, value, min);

/** Applies defaults and rejects nonsense (a configuration bug, so it throws). */
export function resolveQueueConfig(options: QueueJobServiceOptions): ResolvedQueueConfig {
  return {
    redisUrl: options.redisUrl,
    queueName: options.queueName ?? DEFAULT_QUEUE_NAME,
    ...resolveSharedLimits(SERVICE, options),
    attempts: checked('attempts', options.attempts ?? 2, 1),
    redisTimeoutMs: checked('redisTimeoutMs', options.redisTimeoutMs ?? 2000, 1),
    graceMs: checked('graceMs', options.graceMs ?? 30_000, 0),
    reconcileMs: checked('reconcileMs', options.reconcileMs ?? 5000, 1),
    liveTtlMs: checked('liveTtlMs', options.liveTtlMs ?? 600_000, 1000),
  };
}
