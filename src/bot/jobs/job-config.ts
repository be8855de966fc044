import type { ResultCacheOptions } from './result-cache.js';
import type { EngineLike, JobCapacity, JobHooks } from './types.js';

/** How to build an in-process job service. */
export interface JobServiceOptions {
  engine: EngineLike;
  /** Experiments running at once (each may spread its runs over several engine workers). */
  concurrency: number;
  /** Jobs waiting, over all users; default 20. */
  maxQueued?: number;
  /** Jobs one user may have waiting; default 2. */
  maxQueuedPerUser?: number;
  /** Jobs one user may have running; default 1. */
  maxRunningPerUser?: number;
  /** A run is aborted after this long; default 120 000 ms. */
  timeLimitMs?: number;
  /** Least time between two onProgress calls of one job; default 1000 ms. */
  progressIntervalMs?: number;
  cache?: ResultCacheOptions;
  /** The clock for durations and throttling; default Date.now. */
  now?: () => number;
  /** Told about a hook that threw or rejected (for logging); the job carries on regardless. */
  onHookError?: (error: unknown, hook: keyof JobHooks) => void;
}

/** Every limit with its default applied. */
export interface ResolvedJobConfig extends JobCapacity {
  progressIntervalMs: number;
}

/** Default limits, from the bot-core issue. */
export const JOB_DEFAULTS = {
  maxQueued: 20,
  maxQueuedPerUser: 2,
  maxRunningPerUser: 1,
  timeLimitMs: 120_000,
  progressIntervalMs: 1000,
} as const;

function checked(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`job service: ${name} must be a whole number of at least ${min} (got ${value})`);
  }
  return value;
}

/** Applies defaults and rejects nonsense limits (a configuration bug, so it throws). */
export function resolveJobConfig(options: JobServiceOptions): ResolvedJobConfig {
  return {
    concurrency: checked('concurrency', options.concurrency, 1),
    maxQueued: checked('maxQueued', options.maxQueued ?? JOB_DEFAULTS.maxQueued, 0),
    maxQueuedPerUser: checked(
      'maxQueuedPerUser',
      options.maxQueuedPerUser ?? JOB_DEFAULTS.maxQueuedPerUser,
      0,
    ),
    maxRunningPerUser: checked(
      'maxRunningPerUser',
      options.maxRunningPerUser ?? JOB_DEFAULTS.maxRunningPerUser,
      1,
    ),
    timeLimitMs: checked('timeLimitMs', options.timeLimitMs ?? JOB_DEFAULTS.timeLimitMs, 1),
    progressIntervalMs: checked(
      'progressIntervalMs',
      options.progressIntervalMs ?? JOB_DEFAULTS.progressIntervalMs,
      0,
    ),
  };
}
