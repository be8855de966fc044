import type { Redis } from 'ioredis';
import type { JobSnapshot } from '../bot/jobs/types.js';
import { summarizeJob } from '../bot/jobs/view.js';
import type { JobLimits } from './admission.js';
import type { QueueKeys } from './keys.js';
import type { LocalJob } from './local-jobs.js';
import type { ResolvedQueueConfig } from './service-config.js';
import type { SharedCache } from './shared-cache.js';
import { describeWorkers, liveWorkers, type WorkerInfo } from './worker-registry.js';

/*
 * What a bot replica knows of the whole queue without asking: counts, workers and cache figures as
 * of the last refresh (after every queue event, and on each reconciliation tick). `snapshot` is
 * synchronous in the JobService contract, so it answers from this view.
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
  snapshot(jobs: Iterable<LocalJob>, config: ResolvedQueueConfig): JobSnapshot;
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
    snapshot(jobs, config) {
      const local = [...jobs];
      const perUser = new Map<string, { running: number; queued: number }>();
      for (const job of local) {
        const counts = perUser.get(job.request.user) ?? { running: 0, queued: 0 };
        perUser.set(job.request.user, counts);
        if (job.state === 'running') counts.running += 1;
        else counts.queued += 1;
      }
      const runningHere = local.filter((job) => job.state === 'running');
      const waiting = local.filter((job) => job.state === 'queued').sort((a, b) => a.position - b.position);
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
        // A Map, then fromEntries: a user id such as "__proto__" stays an ordinary key.
        perUser: Object.fromEntries(perUser),
        jobs: [...runningHere, ...waiting].map(summarizeJob),
        cache: { ...cacheStats },
      };
    },
  };
}
