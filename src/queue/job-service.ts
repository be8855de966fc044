import { createJobBook, queueUnavailable, shuttingDown } from '../bot/jobs/shared.js';
import { createJobLimits } from './admission.js';
import { createCanceller, trackCancels } from './cancellation.js';
import { startJobFeed } from './job-feed.js';
import { queueKeys } from './keys.js';
import { openQueueConnection } from './queue-connection.js';
import { createQueueView } from './queue-view.js';
import { pingWithin, whenReady } from './redis.js';
import { closeReplica } from './replica-close.js';
import type { RemoteRun, ReplicaJob } from './replica-jobs.js';
import { createReplicaLedger } from './replica-ledger.js';
import { createLineRefresh, startReconcileTicker } from './replica-upkeep.js';
import { guardedReporter } from './report.js';
import { type QueueJobService, type QueueJobServiceOptions, resolveQueueConfig } from './service-config.js';
import { createSharedCache } from './shared-cache.js';
import { createSubmitter, submitWithin } from './submit.js';
import { withTimeout } from './time.js';
import { cancelForUser } from './user-cancel.js';

export type { QueueJobService, QueueJobServiceOptions } from './service-config.js';

/*
 * The job service of one bot replica when REDIS_URL is set: jobs go onto a BullMQ queue and
 * `npm run worker` processes run them. Limits and the result cache live in Redis, so they hold over
 * every replica. This replica keeps a local view of the requests it took (their hooks, promises and
 * places in line), which is what `position` and `snapshot` answer from without a round trip.
 * This file only wires the parts together; each part's module says what it is responsible for.
 */

/** The replica's Redis-side parts and its local records, before anything is wired to them. */
function openReplicaParts(options: QueueJobServiceOptions) {
  const config = resolveQueueConfig(options);
  const now = options.now ?? Date.now;
  const keys = queueKeys(config.queueName);
  const report = guardedReporter(options.onError);
  const { client, queue, connected } = openQueueConnection(
    config.redisUrl,
    keys,
    config.redisTimeoutMs,
    report,
  );
  const limits = createJobLimits(client, keys, now);
  const cache = createSharedCache(client, keys, options.cache, now);
  const { progressIntervalMs } = config;
  const book = createJobBook<ReplicaJob>({ now, progressIntervalMs, onHookError: options.onHookError });
  const view = createQueueView(client, keys, limits, cache, now);
  const runs = new Map<string, RemoteRun>();
  const byKey = new Map<string, RemoteRun>();
  return { client, queue, keys, config, now, limits, cache, view, book, runs, byKey, connected, report };
}

/** Creates the service; it connects in the background (see `ready`). */
export function createQueueJobService(options: QueueJobServiceOptions): QueueJobService {
  // What most parts need; each takes the fields its context declares.
  const parts = openReplicaParts(options);
  const { client, queue, keys, config, limits, view, book, connected, report } = parts;
  const { redisTimeoutMs } = config;
  const canceller = createCanceller(client, queue, keys, limits, config.timeLimitMs + config.liveTtlMs);
  const cancels = trackCancels(canceller);
  const line = createLineRefresh(parts);
  const ledger = createReplicaLedger({ ...parts, cancelRemote: cancels.send, lineChanged: line.changed });
  const wired = { ...parts, ...ledger, cancelRemote: cancels.send, lineChanged: line.changed };
  const feed = startJobFeed({ ...wired, hook: book.hook });
  const stopTicker = startReconcileTicker(parts, feed.reconcile, config);
  const enqueue = createSubmitter({ ...wired, backendHint: options.backendHint });
  let closing: Promise<void> | undefined;

  return {
    async submit(request, hooks = {}) {
      if (closing) return shuttingDown();
      if (!connected()) return queueUnavailable();
      return submitWithin(enqueue, request, hooks, redisTimeoutMs, report);
    },
    cancel: (jobId, user) => cancelForUser({ ...parts, ledger, canceller, redisTimeoutMs }, jobId, user),
    position: (jobId) => book.live.get(jobId)?.position,
    snapshot: () => view.snapshot(book.view(), config),
    async ready(timeoutMs = 10_000) {
      const connecting = Promise.all([whenReady(client, timeoutMs), feed.ready()]);
      await withTimeout(connecting, timeoutMs, 'connecting to Redis');
      await view.refresh();
    },
    ping: () => pingWithin(client, redisTimeoutMs),
    backend: () => view.describe(),
    drain: (limitMs) => book.drain(limitMs),
    close() {
      // A second caller waits for the same close, so nobody leaves before the cancels are out.
      if (closing) return closing;
      const stopTimers = () => {
        stopTicker();
        line.stop();
      };
      closing = closeReplica({ ...parts, ledger, cancels, feed, redisTimeoutMs, stopTimers });
      return closing;
    },
  };
}
