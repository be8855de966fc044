import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { EngineLike } from '../bot/jobs/types.js';
import type { JobLimits, JobRef } from './admission.js';
import type { QueueKeys } from './keys.js';
import type { QueueJobData, QueueJobReturn } from './protocol.js';
import type { SharedCache } from './shared-cache.js';

/*
 * The types a worker's job processing shares: what the worker hands each job, what it reports
 * about jobs, and a started job as the steps after its start see it.
 */

/** Why a run was aborted. */
export type AbortReason = 'cancel' | 'time-limit' | 'drain';

/** What a worker reports about its jobs (for logs and metrics). */
export type WorkerEvent =
  | { kind: 'started'; jobId: string; user: string; experiment: string; attempt: number }
  | { kind: 'cancel'; jobId: string; runningHere: boolean }
  | {
      kind: 'finished';
      jobId: string;
      status: 'done' | 'cached' | 'cancelled' | 'timeout' | 'failed' | 'retry' | 'handed-back';
      ms: number;
      error?: { name: string; message: string };
    };

/** The worker's parts a job needs. */
export interface ProcessorContext {
  readonly engine: EngineLike;
  readonly client: Redis;
  readonly keys: QueueKeys;
  readonly limits: JobLimits;
  readonly cache: SharedCache;
  readonly leaseMs: number;
  readonly liveTtlMs: number;
  readonly progressIntervalMs: number;
  readonly resultTtlMs: number;
  /** How long a job held back by its user's limit waits before it is offered again. */
  readonly holdMs: number;
  readonly testFaults: boolean;
  /** Jobs this worker is running, for the lease heartbeat. */
  readonly running: Map<string, JobRef>;
  readonly observe: (event: WorkerEvent) => void;
}

/** How a job that reached the engine ended, as a worker reports it. */
export type FinishStatus = Extract<WorkerEvent, { kind: 'finished' }>['status'];

/** A job this worker has started: its BullMQ handle and lock token, its admission slot, its start time. */
export interface StartedJob {
  readonly job: Job<QueueJobData, QueueJobReturn>;
  readonly token: string | undefined;
  readonly ref: JobRef;
  /** Date.now() when it started. */
  readonly started: number;
}
