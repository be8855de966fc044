import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { EngineLike } from '../bot/jobs/types.js';
import { createJobLimits, type JobRef } from './admission.js';
import { DEFAULT_QUEUE_NAME, type QueueKeys, queueKeys } from './keys.js';
import type { AbortReason, WorkerEvent } from './processor-context.js';
import type { QueueJobData, QueueJobReturn } from './protocol.js';
import { closeRedis, connectRedis, pingWithin, whenReady } from './redis.js';
import { guardedReporter, type Report } from './report.js';
import type { SharedCacheOptions } from './shared-cache.js';
import { withTimeout } from './time.js';
import { listenForCancels, startConsumer } from './worker-consumer.js';
import { leaseTiming, startHeartbeat } from './worker-heartbeat.js';
import { announceWorker, retireWorker } from './worker-registry.js';

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

/** An observer that throws is reported, never allowed to fail the job it watched. */
function guardedObserver(observe: ((event: WorkerEvent) => void) | undefined, report: Report) {
  return (event: WorkerEvent) => {
    try {
      observe?.(event);
    } catch (error) {
      report(error, 'observer');
    }
  };
}

/** What closing a worker stops and lets go. */
interface ClosingWorker {
  readonly id: string;
  readonly keys: QueueKeys;
  readonly client: Redis;
  readonly subscriber: Redis;
  readonly worker: Worker<QueueJobData, QueueJobReturn>;
  stopHeartbeat(): void;
}

/**
 * Lets running jobs finish for up to `limitMs`, then aborts them so that BullMQ hands them back to
 * the line; only then leaves the registry and drops the connections the jobs needed.
 */
async function closeWorker(closing: ClosingWorker, limitMs: number): Promise<void> {
  const { worker, client } = closing;
  closing.stopHeartbeat();
  const handBack = setTimeout(() => worker.cancelAllJobs('drain' satisfies AbortReason), limitMs);
  // With Redis away, a graceful close would wait on a QUIT nobody answers (the last 30 s of a
  // Docker stop): BullMQ's forced close disconnects instead. Running jobs could not hand their
  // results back anyway; the engine's close aborts them.
  const redisUp = client.status === 'ready';
  try {
    await worker.close(!redisUp);
  } finally {
    clearTimeout(handBack);
  }
  if (redisUp) await retireWorker(client, closing.keys, closing.id).catch(() => {});
  closing.subscriber.disconnect();
  await closeRedis(client);
}

/** Starts consuming the queue. */
export function createQueueWorker(options: QueueWorkerOptions): QueueWorker {
  const keys = queueKeys(options.queueName ?? DEFAULT_QUEUE_NAME);
  const id = `${os.hostname()}-${process.pid}-${randomUUID().slice(0, 6)}`;
  const report = guardedReporter(options.onError);
  const onConnectionError = (error: Error) => report(error, 'redis connection');
  const client = connectRedis(options.redisUrl, 'command', onConnectionError);
  const subscriber = connectRedis(options.redisUrl, 'blocking', onConnectionError);
  const timing = leaseTiming(options.lockDurationMs ?? 30_000);
  const running = new Map<string, JobRef>();
  const observe = guardedObserver(options.observe, report);
  const limits = createJobLimits(client, keys);
  const worker = startConsumer(options, { id, keys, client, limits, running, timing, observe, report });
  listenForCancels(subscriber, worker, { keys, observe, report });
  const { engine, device, concurrency } = options;
  const announce = () =>
    announceWorker(client, keys, { id, backend: engine.backend, ...(device ? { device } : {}), concurrency });
  const stopHeartbeat = startHeartbeat({ client, limits, running, announce, report }, timing);
  let closing: Promise<void> | undefined;

  return {
    id,
    async ready(timeoutMs = 10_000) {
      const connections = [
        whenReady(client, timeoutMs),
        worker.waitUntilReady(),
        whenReady(subscriber, timeoutMs),
      ];
      await withTimeout(Promise.all(connections), timeoutMs, 'connecting to Redis');
      await announce();
    },
    ping: () => pingWithin(client, 2000),
    active: () => running.size,
    close(limitMs = 20_000) {
      closing ??= closeWorker({ id, keys, client, subscriber, worker, stopHeartbeat }, limitMs);
      return closing;
    },
  };
}
