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
  /**
   * Least time between two onProgress calls of one job; default 250 ms: the page's live charts
   * move four times a second, and chat platforms pace their own edits on top (1–1.5 s).
   */
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
  progressIntervalMs: 250,
} as const;

/** The limits every job service shares (in-process or on Redis), with defaults applied. */
export type SharedLimits = Omit<ResolvedJobConfig, 'concurrency'>;

/** Checks a limit; a nonsense value is a configuration bug, so it throws. */
export function checkedLimit(service: string, name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${service}: ${name} must be a whole number of at least ${min} (got ${value})`);
  }
  return value;
}

/** Applies the defaults of the limits both job services share and checks them. */
export function resolveSharedLimits(
  service: string,
  options: Partial<Pick<JobServiceOptions, keyof SharedLimits>>,
): SharedLimits {
  const limit = (name: keyof SharedLimits, min: number) =>
    checkedLimit(service, name, options[name] ?? JOB_DEFAULTS[name], min);
  return {
    maxQueued: limit('maxQueued', 0),
    maxQueuedPerUser: limit('maxQueuedPerUser', 0),
    maxRunningPerUser: limit('maxRunningPerUser', 1),
    timeLimitMs: limit('timeLimitMs', 1),
    progressIntervalMs: limit('progressIntervalMs', 0),
  };
}

/** Applies defaults and rejects nonsense limits (a configuration bug, so it throws). */
export function resolveJobConfig(options: JobServiceOptions): ResolvedJobConfig {
  return {
    concurrency: checkedLimit('job service', 'concurrency', options.concurrency, 1),
    ...resolveSharedLimits('job service', options),
  };
}
