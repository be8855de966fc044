import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { EngineLike } from '../bot/jobs/types.js';
import type { JobLimits, JobRef } from './admission.js';
import type { QueueKeys } from './keys.js';
import { createProcessor } from './processor.js';
import type { AbortReason, WorkerEvent } from './processor-context.js';
import type { QueueJobData, QueueJobReturn } from './protocol.js';
import { redisOptions } from './redis.js';
import type { Report } from './report.js';
import { createSharedCache, type SharedCacheOptions } from './shared-cache.js';
import { type LeaseTiming, LIVE_TTL_MS } from './worker-heartbeat.js';

/*
 * The BullMQ side of a worker process: a consumer running jobs on this process's engine, and the
 * cancel channel through which a replica aborts a job that is already running here (BullMQ cannot
 * remove a job whose lock a worker holds).
 */

const RESULT_TTL_MS = 10 * 60_000;
const HOLD_MS = 300;

/** The consumer's settings, as the worker's options give them. */
export interface ConsumerOptions {
  readonly redisUrl: string;
  readonly engine: EngineLike;
  readonly concurrency: number;
  readonly stalledIntervalMs?: number;
  readonly maxStalledCount?: number;
  readonly progressIntervalMs?: number;
  readonly cache?: SharedCacheOptions;
  readonly testFaults?: boolean;
}

/** The worker process's parts the consumer runs jobs with. */
export interface ConsumerParts {
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
export function startConsumer(
  options: ConsumerOptions,
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
export function listenForCancels(
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
