/*
 * Every Redis name the queue uses, derived from one queue name so that two deployments (or two test
 * runs) can share a Redis server without seeing each other's jobs. BullMQ's own keys live under
 * `<prefix>:<queue>:`; ours under `<prefix>:<queue>:x:` so that no job id can collide with them.
 */

/** BullMQ's key prefix for the tutor's queues. */
export const BULL_PREFIX = 'tutor';

/** The queue's name when none is configured. */
export const DEFAULT_QUEUE_NAME = 'experiments';

/** The Redis keys and channels of one queue. */
export interface QueueKeys {
  readonly queueName: string;
  readonly prefix: string;
  /** BullMQ's list of waiting jobs (workers take from its tail). */
  readonly wait: string;
  /** Sorted sets of job ids scored by expiry time: live = admitted and not finished. */
  readonly live: string;
  readonly running: string;
  userLive(user: string): string;
  userRunning(user: string): string;
  /** Present while a job is cancelled; workers check it before starting a job. */
  cancelFlag(jobId: string): string;
  /** Pub/sub channel carrying ids of cancelled jobs to every worker. */
  readonly cancelChannel: string;
  /** A finished job's result JSON, kept briefly for the bot replica that waits for it. */
  result(jobId: string): string;
  cacheEntry(hash: string): string;
  /** Sorted set of cache entry hashes by last use, for the size cap. */
  readonly cacheIndex: string;
  readonly cacheStats: string;
  /** Hash of worker id → JSON description, refreshed by each worker's heartbeat. */
  readonly workers: string;
  /** Taken by the one bot replica that fires a schedule's run planned for `plannedAtMs`. */
  firing(scheduleId: string, plannedAtMs: number): string;
  /** Holds the id of the one bot replica connected to Discord's gateway (the gateway lease). */
  readonly discordGateway: string;
  /** Present while an HTTP interaction with this signature hash may still arrive again (a replay). */
  seenInteraction(hash: string): string;
}

/** The keys of the queue called `queueName`. */
export function queueKeys(queueName: string = DEFAULT_QUEUE_NAME): QueueKeys {
  const own = `${BULL_PREFIX}:${queueName}:x`;
  return {
    queueName,
    prefix: BULL_PREFIX,
    wait: `${BULL_PREFIX}:${queueName}:wait`,
    live: `${own}:live`,
    running: `${own}:running`,
    // A user id is arbitrary text; Redis keys are binary-safe, so it needs no escaping.
    userLive: (user) => `${own}:user-live:${user}`,
    userRunning: (user) => `${own}:user-running:${user}`,
    cancelFlag: (jobId) => `${own}:cancel:${jobId}`,
    cancelChannel: `${own}:cancel`,
    result: (jobId) => `${own}:result:${jobId}`,
    cacheEntry: (hash) => `${own}:cache:${hash}`,
    cacheIndex: `${own}:cache-index`,
    cacheStats: `${own}:cache-stats`,
    workers: `${own}:workers`,
    firing: (scheduleId, plannedAtMs) => `${own}:firing:${scheduleId}:${plannedAtMs}`,
    discordGateway: `${own}:discord-gateway`,
    seenInteraction: (hash) => `${own}:seen-interaction:${hash}`,
  };
}
