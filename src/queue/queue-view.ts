import type { Redis } from 'ioredis';
import type { JobSnapshot } from '../bot/jobs/types.js';
import type { JobLimits } from './admission.js';
import type { QueueKeys } from './keys.js';
import type { ResolvedQueueConfig } from './service-config.js';
import type { SharedCache } from './shared-cache.js';
import { describeWorkers, liveWorkers, type WorkerInfo } from './worker-registry.js';

/*
 * What a bot replica knows of the whole queue without asking: counts, workers and cache figures as
 * of the last refresh (after every queue event, and on each reconciliation tick). `snapshot` is
 * synchronous in the job contract, so it answers from this view.
 */

/** The queue-wide figures, refreshed from Redis. */
export interface QueueView {
  refresh(): Promise<void>;
  /** Jobs the live workers run at once. */
  capacity(): number;
  /** Backends of the live workers, most useful first for cache lookups. */
  backends(): string[];
  /** "wasm (2 workers)", for /status. */
  describe(): string;
  /** The snapshot: queue-wide counts, this replica's own jobs. */
  snapshot(local: Pick<JobSnapshot, 'perUser' | 'jobs'>, config: ResolvedQueueConfig): JobSnapshot;
}

/** A view over the queue's keys; empty until the first refresh. */
export function createQueueView(
  client: Redis,
  keys: QueueKeys,
  limits: JobLimits,
  cache: SharedCache,
  now: () => number,
): QueueView {
  let live = 0;
  let running = 0;
  let workers: WorkerInfo[] = [];
  let cacheStats = { entries: 0, hits: 0, misses: 0 };
  const capacity = () => workers.reduce((sum, worker) => sum + worker.concurrency, 0);

  return {
    async refresh() {
      const [counts, seen, stats] = await Promise.all([
        limits.counts(),
        liveWorkers(client, keys, now()),
        cache.stats(),
      ]);
      ({ live, running } = counts);
      workers = seen;
      cacheStats = stats;
    },
    capacity,
    backends: () => workers.map((worker) => worker.backend),
    describe: () => describeWorkers(workers),
    snapshot(local, config) {
      return {
        running,
        queued: Math.max(0, live - running),
        capacity: {
          concurrency: capacity(),
          maxQueued: config.maxQueued,
          maxQueuedPerUser: config.maxQueuedPerUser,
          maxRunningPerUser: config.maxRunningPerUser,
          timeLimitMs: config.timeLimitMs,
        },
        ...local,
        cache: { ...cacheStats },
      };
    },
  };
}
