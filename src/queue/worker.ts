import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { Worker } from 'bullmq';
import type { EngineLike } from '../bot/jobs/types.js';
import { createJobLimits, type JobRef } from './admission.js';
import { DEFAULT_QUEUE_NAME, queueKeys } from './keys.js';
import { type AbortReason, createProcessor, type WorkerEvent } from './processor.js';
import type { QueueJobData, QueueJobReturn } from './protocol.js';
import { connectRedis, redisOptions, whenReady } from './redis.js';
import { createSharedCache, type SharedCacheOptions } from './shared-cache.js';
import { withTimeout } from './time.js';
import { announceWorker, retireWorker, WORKER_HEARTBEAT_MS } from './worker-registry.js';

/*
 * One `npm run worker` process's consumer: a BullMQ worker running jobs on this process's engine.
 * If the process dies mid-job, its job lock expires and BullMQ's stalled-job check (run by the
 * other workers) puts the job back in line for another worker; `maxStalledCount` bounds how often,
 * so a job that kills every worker it touches ends as failed instead of looping.
 */

/** How to start a worker. */
export interface QueueWorkerOptions {
  redisUrl: string;
  queueName?: string;
  engine: EngineLike;
  /** Jobs run at once; the engine's worker-thread count is the natural value. */
  concurrency: number;
  /** How long a job's lock lasts without renewal: a dead worker's job is retried after about this. Default 30 s. */
  lockDurationMs?: number;
  /** How often this worker looks for stalled jobs; default 15 s. */
  stalledIntervalMs?: number;
  /** Times a job may lose its worker before it is failed; default 1 (so two runs at most). */
  maxStalledCount?: number;
  /** Least time between two progress reports of one job; default 250 ms. */
  progressIntervalMs?: number;
  cache?: SharedCacheOptions;
  /** The device the engine computes on (`gpu` or `cpu`), announced with the backend. */
  device?: string;
  /** Honour POISON_SEED (tests only). */
  testFaults?: boolean;
  observe?: (event: WorkerEvent) => void;
  onError?: (error: unknown, context: string) => void;
}

/** A running queue worker. */
export interface QueueWorker {
  readonly id: string;
  /** Resolves once connected to Redis and taking jobs. */
  ready(timeoutMs?: number): Promise<void>;
  /** True when Redis answers a PING in time (for /readyz). */
  ping(): Promise<boolean>;
  /** Jobs running now. */
  active(): number;
  /**
   * Stops taking jobs and lets running ones finish for up to `limitMs`; then aborts them and hands
   * them back to the queue (without using up an attempt) for another worker. Closes connections.
   */
  close(limitMs?: number): Promise<void>;
}

const RESULT_TTL_MS = 10 * 60_000;
const LIVE_TTL_MS = 10 * 60_000;
const HOLD_MS = 300;

/** Starts consuming the queue. */
export function createQueueWorker(options: QueueWorkerOptions): QueueWorker {
  const keys = queueKeys(options.queueName ?? DEFAULT_QUEUE_NAME);
  const id = `${os.hostname()}-${process.pid}-${randomUUID().slice(0, 6)}`;
  const report = (error: unknown, context: string) => {
    try {
      options.onError?.(error, context);
    } catch {
      // Nothing else to tell.
    }
  };
  const onConnectionError = (error: Error) => report(error, 'redis connection');
  const client = connectRedis(options.redisUrl, 'command', onConnectionError);
  const subscriber = connectRedis(options.redisUrl, 'blocking', onConnectionError);
  const lockDuration = options.lockDurationMs ?? 30_000;
  const heartbeatMs = Math.min(WORKER_HEARTBEAT_MS, Math.floor(lockDuration / 3));
  const leaseMs = 3 * heartbeatMs + 1000;
  const running = new Map<string, JobRef>();
  const observe = (event: WorkerEvent) => {
    try {
      options.observe?.(event);
    } catch (error) {
      report(error, 'observer');
    }
  };
  const limits = createJobLimits(client, keys);
  const processor = createProcessor({
    engine: options.engine,
    client,
    keys,
    limits,
    cache: createSharedCache(client, keys, options.cache),
    leaseMs,
    liveTtlMs: LIVE_TTL_MS,
    progressIntervalMs: options.progressIntervalMs ?? 250,
    resultTtlMs: RESULT_TTL_MS,
    holdMs: HOLD_MS,
    testFaults: options.testFaults ?? false,
    running,
    observe,
  });
  const worker = new Worker<QueueJobData, QueueJobReturn>(keys.queueName, processor, {
    connection: redisOptions(options.redisUrl, 'blocking'),
    prefix: keys.prefix,
    name: id,
    concurrency: options.concurrency,
    lockDuration,
    stalledInterval: options.stalledIntervalMs ?? 15_000,
    maxStalledCount: options.maxStalledCount ?? 1,
  });
  worker.on('error', (error) => report(error, 'worker'));

  subscriber.on('message', (_channel: string, jobId: string) => {
    const runningHere = worker.cancelJob(jobId, 'cancel' satisfies AbortReason);
    observe({ kind: 'cancel', jobId, runningHere });
  });
  subscriber.subscribe(keys.cancelChannel).catch((error) => report(error, 'cancel channel'));

  const announce = () =>
    announceWorker(client, keys, {
      id,
      backend: options.engine.backend,
      ...(options.device ? { device: options.device } : {}),
      concurrency: options.concurrency,
    });
  const heartbeat = setInterval(() => {
    if (client.status !== 'ready') return;
    Promise.all([limits.renew([...running.values()], leaseMs, LIVE_TTL_MS), announce()]).catch((error) =>
      report(error, 'heartbeat'),
    );
  }, heartbeatMs);
  heartbeat.unref?.();
  let closing: Promise<void> | undefined;

  return {
    id,
    async ready(timeoutMs = 10_000) {
      await withTimeout(
        Promise.all([
          whenReady(client, timeoutMs),
          worker.waitUntilReady(),
          whenReady(subscriber, timeoutMs),
        ]),
        timeoutMs,
        'connecting to Redis',
      );
      await announce();
    },
    async ping() {
      if (client.status !== 'ready') return false;
      try {
        return (await withTimeout(client.ping(), 2000, 'PING')) === 'PONG';
      } catch {
        return false;
      }
    },
    active: () => running.size,
    close(limitMs = 20_000) {
      closing ??= (async () => {
        clearInterval(heartbeat);
        const handBack = setTimeout(() => worker.cancelAllJobs('drain' satisfies AbortReason), limitMs);
        try {
          await worker.close();
        } finally {
          clearTimeout(handBack);
        }
        await retireWorker(client, keys, id).catch(() => {});
        subscriber.disconnect();
        await client.quit().catch(() => client.disconnect());
      })();
      return closing;
    },
  };
}
