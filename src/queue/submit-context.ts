import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { type JobBook, queueFull, tooManyJobs } from '../bot/jobs/shared.js';
import type { JobOutcome, JobTicket, UserError } from '../bot/jobs/types.js';
import type { JobLimits, JobRef } from './admission.js';
import type { QueueKeys } from './keys.js';
import type { QueueJobData, QueueJobReturn } from './protocol.js';
import type { QueueView } from './queue-view.js';
import type { RemoteRun, ReplicaJob } from './replica-jobs.js';
import type { ResolvedQueueConfig } from './service-config.js';
import type { SharedCache } from './shared-cache.js';

/*
 * What taking a request needs, whether it joins a run or starts one: the service's parts, an
 * admission slot in Redis, and the hand-over of the ticket (or, when the caller gave up waiting
 * meanwhile, the request's quiet withdrawal).
 */

/** What submitting needs from the job service. */
export interface SubmitContext {
  readonly client: Redis;
  readonly queue: Queue<QueueJobData, QueueJobReturn>;
  readonly keys: QueueKeys;
  readonly config: ResolvedQueueConfig;
  readonly limits: JobLimits;
  readonly cache: SharedCache;
  readonly view: QueueView;
  readonly book: JobBook<ReplicaJob>;
  /** Runs on the queue by BullMQ id, and by canonical spec (for joining). */
  readonly runs: Map<string, RemoteRun>;
  readonly byKey: Map<string, RemoteRun>;
  readonly backendHint: string | undefined;
  /** Answers a request and takes its run off the queue when it was the run's last. */
  leave(job: ReplicaJob, outcome: JobOutcome): void;
  release(ref: JobRef): void;
  cancelRemote(ref: JobRef): Promise<void>;
}

/** Set by the caller once it has given up waiting (and told the user the queue is unavailable). */
export interface Attempt {
  abandoned: boolean;
}

/** The outcome of a request taken back before anyone saw its ticket. */
export const cancelled: JobOutcome = { status: 'cancelled' };

/** Takes an admission slot for `ref`, or says which limit refuses it. */
export async function admit(context: SubmitContext, ref: JobRef): Promise<UserError | undefined> {
  const { config } = context;
  const admission = await context.limits.admit(ref, config, config.liveTtlMs, context.view.capacity());
  if (admission.ok) return undefined;
  return admission.code === 'queue-full'
    ? queueFull(config.maxQueued)
    : tooManyJobs(admission.running, admission.queued);
}

/** The ticket, with hooks held until the caller resumes; undefined (and the job taken back) when it gave up. */
export function handOut(context: SubmitContext, job: ReplicaJob, attempt: Attempt): JobTicket | undefined {
  if (attempt.abandoned) {
    context.leave(job, cancelled);
    return undefined;
  }
  setImmediate(job.openGate);
  return context.book.ticketOf(job);
}
