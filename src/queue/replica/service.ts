import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { createJobBook, type JobBook, queueUnavailable, shuttingDown } from '../../bot/jobs/shared.js';
import type { JobPort } from '../../bot/jobs/types.js';
import {
  connectRedis,
  guardedReporter,
  oncePerOutage,
  pingWithin,
  type Report,
  whenReady,
  withTimeout,
} from '../redis/client.js';
import { type QueueKeys, queueKeys } from '../redis/keys.js';
import { createJobLimits } from '../redis/limits.js';
import type { QueueJobData, QueueJobReturn } from '../redis/protocol.js';
import { createSharedCache } from '../redis/result-cache.js';
import { cancelForUser, createCanceller, type TrackedCancels, trackCancels } from './cancel.js';
import { type QueueJobServiceOptions, resolveQueueConfig } from './config.js';
import { type JobFeed, startJobFeed } from './feed.js';
import { createReplicaLedger, type RemoteRun, type ReplicaJob, type ReplicaLedger } from './ledger.js';
import { createLineRefresh, createQueueView, startReconcileTicker } from './queue-view.js';
import { createSubmitter, submitWithin } from './submit.js';

export type { QueueJobServiceOptions } from './config.js';

/*
 * The job service of one bot replica when REDIS_URL is set: jobs go onto a BullMQ queue and
 * `npm run worker` processes run them. Limits and the result cache live in Redis, so they hold over
 * every replica. This replica keeps a local view of the requests it took (their hooks, promises and
 * places in line), which is what `position` and `snapshot` answer from without a round trip.
 * This file opens the connection, wires the parts together and closes them in order; each part's
 * module says what it is responsible for.
 */

/** The job port on Redis, plus what only a networked service has: connecting, a health check, its workers. */
export interface QueueJobService extends JobPort {
  /** Resolves once Redis is connected and the event stream is read, or rejects after `timeoutMs`. */
  ready(timeoutMs?: number): Promise<void>;
  /** True when Redis answers a PING in time (for /readyz). */
  ping(): Promise<boolean>;
  /** The backends of the workers seen lately, e.g. "wasm (2 workers)". */
  backend(): string;
}

/** Opens the replica's command connection and the BullMQ queue on it (one report per outage). */
function openQueueConnection(redisUrl: string, keys: QueueKeys, timeoutMs: number, report: Report) {
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
  // Checked before every submit, so that refusals while Redis is away are instant.
  return { client, queue, connected: () => client.status === 'ready' };
}

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

/** The parts of the service that closing touches. */
interface ClosingReplica {
  readonly runs: ReadonlyMap<string, RemoteRun>;
  readonly book: JobBook<ReplicaJob>;
  readonly ledger: Pick<ReplicaLedger, 'leave'>;
  readonly cancels: TrackedCancels;
  readonly feed: Pick<JobFeed, 'close'>;
  readonly queue: Queue<QueueJobData, QueueJobReturn>;
  readonly client: Redis;
  connected(): boolean;
  readonly redisTimeoutMs: number;
  /** Stops the line refresh and the reconciliation tick. */
  stopTimers(): void;
}

/**
 * Answers every request as cancelled, takes this replica's runs off the queue, and disconnects. The
 * order matters: timers stop first so that nothing refreshes a closing service; every request is
 * answered before any connection goes; the cancels reach Redis before the connection they travel
 * on is dropped. Each Redis step is bounded, so a dead Redis cannot hold the close up.
 */
async function closeReplica(replica: ClosingReplica): Promise<void> {
  replica.stopTimers();
  // Listed before the requests leave: leaving forgets the runs.
  const enqueued = [...replica.runs.values()].filter((run) => run.enqueued).map((run) => run.ref);
  for (const job of [...replica.book.live.values()]) replica.ledger.leave(job, { status: 'cancelled' });
  const quiet = <T>(what: string, promise: Promise<T>) =>
    withTimeout(promise, replica.redisTimeoutMs, what).catch(() => undefined);
  if (replica.connected()) {
    for (const ref of enqueued) replica.cancels.send(ref);
    await quiet('cancel on close', replica.cancels.inFlight());
  }
  await Promise.all([replica.feed.close(), quiet('closing queue', replica.queue.close())]);
  // The queue shares this connection; dropping it also ends any reconnection loop of a dead Redis.
  replica.client.disconnect();
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
