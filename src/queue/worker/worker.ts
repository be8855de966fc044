import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { EngineLike } from '../../bot/jobs/types.js';
import {
  closeRedis,
  connectRedis,
  guardedReporter,
  pingWithin,
  type Report,
  redisOptions,
  whenReady,
  withTimeout,
} from '../redis/client.js';
import { DEFAULT_QUEUE_NAME, type QueueKeys, queueKeys } from '../redis/keys.js';
import { createJobLimits, type JobLimits, type JobRef } from '../redis/limits.js';
import type { QueueJobData, QueueJobReturn } from '../redis/protocol.js';
import { createSharedCache, type SharedCacheOptions } from '../redis/result-cache.js';
import { announceWorker, retireWorker, WORKER_HEARTBEAT_MS } from '../redis/worker-registry.js';
import { type AbortReason, createProcessor, type WorkerEvent } from './processor.js';

/*
 * One `npm run worker` process: a BullMQ consumer running jobs on this process's engine (each job
 * through processor.ts), the cancel channel through which a replica aborts a job already running
 * here (BullMQ cannot remove a job whose lock a worker holds), and the heartbeat that keeps this
 * worker's leases and registry entry alive. If the process dies mid-job, its job lock expires and
 * BullMQ's stalled-job check (run by the other workers) puts the job back in line for another
 * worker; `maxStalledCount` bounds how often, so a job that kills every worker it touches ends as
 * failed instead of looping. A worker that dies stops beating, and its leases and entry lapse.
 */

const RESULT_TTL_MS = 10 * 60_000;
const HOLD_MS = 300;
/** How long a running job's live slot lasts without a heartbeat. */
const LIVE_TTL_MS = 10 * 60_000;

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

/** The worker's lock, heartbeat and lease periods. */
interface LeaseTiming {
  /** BullMQ's job lock: a dead worker's job is retried after about this. */
  readonly lockDuration: number;
  readonly heartbeatMs: number;
  /** A running job's lease: three missed heartbeats (and a second to spare) free its running slot. */
  readonly leaseMs: number;
}

/** Beats at least three times per lock period, so that one late beat never lets a lease lapse. */
function leaseTiming(lockDuration: number): LeaseTiming {
  const heartbeatMs = Math.min(WORKER_HEARTBEAT_MS, Math.floor(lockDuration / 3));
  return { lockDuration, heartbeatMs, leaseMs: 3 * heartbeatMs + 1000 };
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

/** The worker process's parts the consumer runs jobs with. */
interface ConsumerParts {
  readonly id: string;
  readonly keys: QueueKeys;
  readonly client: Redis;
  readonly limits: JobLimits;
  readonly running: Map<string, JobRef>;
  readonly timing: LeaseTiming;
  readonly observe: (event: WorkerEvent) => void;
  readonly report: Report;
}

/** Starts taking jobs off the queue. */
function startConsumer(
  options: QueueWorkerOptions,
  parts: ConsumerParts,
): Worker<QueueJobData, QueueJobReturn> {
  const { keys, client, timing } = parts;
  const processor = createProcessor({
    engine: options.engine,
    client,
    keys,
    limits: parts.limits,
    cache: createSharedCache(client, keys, options.cache),
    leaseMs: timing.leaseMs,
    liveTtlMs: LIVE_TTL_MS,
    progressIntervalMs: options.progressIntervalMs ?? 250,
    resultTtlMs: RESULT_TTL_MS,
    holdMs: HOLD_MS,
    testFaults: options.testFaults ?? false,
    running: parts.running,
    observe: parts.observe,
  });
  const worker = new Worker<QueueJobData, QueueJobReturn>(keys.queueName, processor, {
    connection: redisOptions(options.redisUrl, 'blocking'),
    prefix: keys.prefix,
    name: parts.id,
    concurrency: options.concurrency,
    lockDuration: timing.lockDuration,
    stalledInterval: options.stalledIntervalMs ?? 15_000,
    maxStalledCount: options.maxStalledCount ?? 1,
  });
  worker.on('error', (error) => parts.report(error, 'worker'));
  return worker;
}

/** Aborts a job running here when a replica publishes its id on the cancel channel. */
function listenForCancels(
  subscriber: Redis,
  worker: Worker<QueueJobData, QueueJobReturn>,
  parts: Pick<ConsumerParts, 'keys' | 'observe' | 'report'>,
): void {
  subscriber.on('message', (_channel: string, jobId: string) => {
    const runningHere = worker.cancelJob(jobId, 'cancel' satisfies AbortReason);
    parts.observe({ kind: 'cancel', jobId, runningHere });
  });
  subscriber.subscribe(parts.keys.cancelChannel).catch((error) => parts.report(error, 'cancel channel'));
}

/**
 * Renews the leases of the jobs running here (so that the per-user running limit counts them) and
 * this worker's registry entry; skipped while Redis is away. Returns the stop.
 */
function startHeartbeat(
  parts: Pick<ConsumerParts, 'client' | 'limits' | 'running' | 'timing' | 'report'>,
  announce: () => Promise<void>,
): () => void {
  const { client, limits, running, timing, report } = parts;
  const heartbeat = setInterval(() => {
    if (client.status !== 'ready') return;
    Promise.all([limits.renew([...running.values()], timing.leaseMs, LIVE_TTL_MS), announce()]).catch(
      (error) => report(error, 'heartbeat'),
    );
  }, timing.heartbeatMs);
  heartbeat.unref?.();
  return () => clearInterval(heartbeat);
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
  const parts: ConsumerParts = { id, keys, client, limits, running, timing, observe, report };
  const worker = startConsumer(options, parts);
  listenForCancels(subscriber, worker, parts);
  const { engine, device, concurrency } = options;
  const announce = () =>
    announceWorker(client, keys, { id, backend: engine.backend, ...(device ? { device } : {}), concurrency });
  const stopHeartbeat = startHeartbeat(parts, announce);
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
