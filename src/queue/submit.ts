import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { canonicalJson, type JobBook, queueFull, specKey, tooManyJobs } from '../bot/jobs/shared.js';
import type { JobHooks, JobOutcome, JobRequest, JobTicket, UserError } from '../bot/jobs/types.js';
import type { ExperimentResult } from '../engine/result.js';
import type { JobLimits, JobRef } from './admission.js';
import type { QueueKeys } from './keys.js';
import { placesInLine } from './positions.js';
import { JOB_NAME, type QueueJobData, type QueueJobReturn } from './protocol.js';
import type { QueueView } from './queue-view.js';
import { joinable, newRemoteRun, type RemoteRun, type ReplicaJob } from './replica-jobs.js';
import type { ResolvedQueueConfig } from './service-config.js';
import type { SharedCache } from './shared-cache.js';

/*
 * How a replica takes a request: from the shared cache if it can, else by joining an identical run
 * this replica already has on the queue, else as a new BullMQ job. Each request takes its own
 * admission slot in Redis first, so the per-user and queue-wide limits hold over every replica.
 */

const BACKENDS = ['tensorflow', 'wasm', 'cpu'];

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

/** The submit of one replica. */
export function createSubmitter(context: SubmitContext) {
  const { config, limits, book, runs, byKey } = context;
  const cancelled: JobOutcome = { status: 'cancelled' };

  async function admit(ref: JobRef): Promise<UserError | undefined> {
    const admission = await limits.admit(ref, config, config.liveTtlMs, context.view.capacity());
    if (admission.ok) return undefined;
    return admission.code === 'queue-full'
      ? queueFull(config.maxQueued)
      : tooManyJobs(admission.running, admission.queued);
  }

  function lookupKeys(request: JobRequest): string[] {
    const preferred = [context.backendHint, ...context.view.backends(), ...BACKENDS];
    const backends = [...new Set(preferred)].filter((b): b is string => !!b && BACKENDS.includes(b));
    return backends.map((backend) => specKey(request.spec, backend));
  }

  /** The ticket, with hooks held until the caller resumes; undefined (and the job taken back) when it gave up. */
  function handOut(job: ReplicaJob, attempt: Attempt): JobTicket | undefined {
    if (attempt.abandoned) {
      context.leave(job, cancelled);
      return undefined;
    }
    setImmediate(job.openGate);
    return context.book.ticketOf(job);
  }

  async function join(run: RemoteRun, request: JobRequest, hooks: JobHooks, attempt: Attempt) {
    const ref: JobRef = { jobId: randomUUID(), user: request.user };
    const refusal = await admit(ref);
    if (refusal) return refusal;
    if (!joinable(run)) {
      // It ended while this request was admitted: submit on its own after all.
      context.release(ref);
      return 'gone' as const;
    }
    const job = book.open(request, hooks, { run, ref }, ref.jobId);
    job.position = [...run.subscribers][0]?.position ?? 1;
    run.subscribers.add(job);
    if (run.state === 'running') book.markRunning(job);
    return handOut(job, attempt);
  }

  async function submitNew(run: RemoteRun, request: JobRequest, hooks: JobHooks, attempt: Attempt) {
    const cachedJson = await context.cache.lookup(lookupKeys(request));
    if (cachedJson !== undefined) {
      return book.cachedTicket(request.user, JSON.parse(cachedJson) as ExperimentResult);
    }
    const refusal = await admit(run.ref);
    if (refusal) return refusal;
    const job = book.open(request, hooks, { run, ref: run.ref }, run.id);
    job.position = 1;
    run.subscribers.add(job);
    // Registered before the job exists in Redis, so that no early event about it goes unheard.
    runs.set(run.id, run);
    const data: QueueJobData = {
      user: request.user,
      conversation: request.conversation,
      spec: request.spec,
      timeLimitMs: config.timeLimitMs,
      maxRunningPerUser: config.maxRunningPerUser,
      ...(request.label !== undefined && { label: request.label }),
    };
    try {
      await context.queue.add(JOB_NAME, data, {
        jobId: run.id,
        attempts: config.attempts,
        removeOnComplete: { age: 3600, count: 1000 },
        removeOnFail: { age: 24 * 3600, count: 1000 },
      });
    } catch (error) {
      context.leave(job, cancelled);
      context.release(run.ref);
      throw error;
    }
    run.enqueued = true;
    const [place] = await placesInLine(context.client, context.keys, [run.id]).catch(() => [0]);
    if (job.state === 'queued' && place) job.position = place;
    // Closed meanwhile, or the caller gave up: take the job back off the queue.
    if (run.state === 'finished') await context.cancelRemote(run.ref);
    return handOut(job, attempt);
  }

  /** Takes a request; identical requests arriving while a run is being submitted wait and join it. */
  return async function enqueue(
    request: JobRequest,
    hooks: JobHooks,
    attempt: Attempt,
  ): Promise<UserError | JobTicket | undefined> {
    const key = canonicalJson(request.spec);
    for (let pending = byKey.get(key); pending; pending = byKey.get(key)) {
      await pending.settled;
      if (joinable(pending)) {
        const joined = await join(pending, request, hooks, attempt);
        if (joined !== 'gone') return joined;
      } else if (byKey.get(key) === pending) byKey.delete(key);
    }
    const run = newRemoteRun(key, { jobId: randomUUID(), user: request.user });
    byKey.set(key, run);
    try {
      return await submitNew(run, request, hooks, attempt);
    } finally {
      if (!run.enqueued && byKey.get(key) === run) byKey.delete(key);
      run.settle();
    }
  };
}
