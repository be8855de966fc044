import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  canonicalJson,
  type JobBook,
  queueFull,
  queueUnavailable,
  specKey,
  tooManyJobs,
} from '../../bot/jobs/shared.js';
import type { JobHooks, JobOutcome, JobRequest, JobTicket, UserError } from '../../bot/jobs/types.js';
import type { ExperimentResult } from '../../engine/result.js';
import { type Report, withTimeout } from '../redis/client.js';
import type { QueueKeys } from '../redis/keys.js';
import type { JobLimits, JobRef } from '../redis/limits.js';
import { JOB_NAME, type QueueJobData, type QueueJobReturn } from '../redis/protocol.js';
import type { SharedCache } from '../redis/result-cache.js';
import type { ResolvedQueueConfig } from './config.js';
import { joinable, newRemoteRun, type RemoteRun, type ReplicaJob } from './ledger.js';
import { placesInLine, type QueueView } from './queue-view.js';

/*
 * How a replica takes a request: from the shared cache if it can, else by joining an identical run
 * this replica already has on the queue, else as a new BullMQ job. Each request takes its own
 * admission slot in Redis first, so the per-user and queue-wide limits hold over every replica (a
 * joiner too, so that a user cannot get past the limits by repeating a request). A caller that gave
 * up waiting meanwhile gets no ticket: its request is quietly withdrawn instead.
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
interface Attempt {
  abandoned: boolean;
}

/** Takes one request: a ticket, a refusal, or undefined when the attempt was abandoned meanwhile. */
export type Enqueue = (
  request: JobRequest,
  hooks: JobHooks,
  attempt: Attempt,
) => Promise<UserError | JobTicket | undefined>;

/** The outcome of a request taken back before anyone saw its ticket. */
const cancelled: JobOutcome = { status: 'cancelled' };

/** Takes an admission slot for `ref`, or says which limit refuses it. */
async function admit(context: SubmitContext, ref: JobRef): Promise<UserError | undefined> {
  const { config } = context;
  const admission = await context.limits.admit(ref, config, config.liveTtlMs, context.view.capacity());
  if (admission.ok) return undefined;
  return admission.code === 'queue-full'
    ? queueFull(config.maxQueued)
    : tooManyJobs(admission.running, admission.queued);
}

/** The ticket, with hooks held until the caller resumes; undefined (and the job taken back) when it gave up. */
function handOut(context: SubmitContext, job: ReplicaJob, attempt: Attempt): JobTicket | undefined {
  if (attempt.abandoned) {
    context.leave(job, cancelled);
    return undefined;
  }
  setImmediate(job.openGate);
  return context.book.ticketOf(job);
}

/** Joins a run already on the queue, under an admission slot of its own; 'gone' if the run ended meanwhile. */
async function joinRun(
  context: SubmitContext,
  run: RemoteRun,
  request: JobRequest,
  hooks: JobHooks,
  attempt: Attempt,
) {
  const ref: JobRef = { jobId: randomUUID(), user: request.user };
  const refusal = await admit(context, ref);
  if (refusal) return refusal;
  if (!joinable(run)) {
    // It ended while this request was admitted: submit on its own after all.
    context.release(ref);
    return 'gone' as const;
  }
  const job = context.book.open(request, hooks, { run, ref }, ref.jobId);
  job.position = [...run.subscribers][0]?.position ?? 1;
  run.subscribers.add(job);
  if (run.state === 'running') context.book.markRunning(job);
  return handOut(context, job, attempt);
}

/** The cache keys to look under, the backends of live workers first. */
function lookupKeys(context: SubmitContext, request: JobRequest): string[] {
  const preferred = [context.backendHint, ...context.view.backends(), ...BACKENDS];
  const backends = [...new Set(preferred)].filter((b): b is string => !!b && BACKENDS.includes(b));
  return backends.map((backend) => specKey(request.spec, backend));
}

/** What a worker needs to run the request (hooks stay on this replica). */
function jobData(request: JobRequest, config: ResolvedQueueConfig): QueueJobData {
  return {
    user: request.user,
    conversation: request.conversation,
    spec: request.spec,
    timeLimitMs: config.timeLimitMs,
    maxRunningPerUser: config.maxRunningPerUser,
    ...(request.label !== undefined && { label: request.label }),
  };
}

/** Puts the run on the queue; if Redis refuses it, its one request is answered and its slot freed. */
async function addToQueue(context: SubmitContext, run: RemoteRun, job: ReplicaJob, request: JobRequest) {
  const { config } = context;
  try {
    await context.queue.add(JOB_NAME, jobData(request, config), {
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
}

/**
 * A request no run on this replica can serve: answered from the shared cache when any backend has
 * the result, else admitted and put on the queue as the new run `run`.
 */
async function submitNew(
  context: SubmitContext,
  run: RemoteRun,
  request: JobRequest,
  hooks: JobHooks,
  attempt: Attempt,
) {
  const cachedJson = await context.cache.lookup(lookupKeys(context, request));
  if (cachedJson !== undefined) {
    return context.book.cachedTicket(request.user, JSON.parse(cachedJson) as ExperimentResult);
  }
  const refusal = await admit(context, run.ref);
  if (refusal) return refusal;
  const job = context.book.open(request, hooks, { run, ref: run.ref }, run.id);
  job.position = 1;
  run.subscribers.add(job);
  // Registered before the job exists in Redis, so that no early event about it goes unheard.
  context.runs.set(run.id, run);
  await addToQueue(context, run, job, request);
  const [place] = await placesInLine(context.client, context.keys, [run.id]).catch(() => [0]);
  if (job.state === 'queued' && place) job.position = place;
  // Closed meanwhile, or the caller gave up: take the job back off the queue.
  if (run.state === 'finished') await context.cancelRemote(run.ref);
  return handOut(context, job, attempt);
}

/** The submit of one replica. Identical requests arriving while a run is being submitted wait and join it. */
export function createSubmitter(context: SubmitContext): Enqueue {
  const { byKey } = context;
  return async function enqueue(request, hooks, attempt) {
    const key = canonicalJson(request.spec);
    for (let pending = byKey.get(key); pending; pending = byKey.get(key)) {
      await pending.settled;
      if (joinable(pending)) {
        const joined = await joinRun(context, pending, request, hooks, attempt);
        if (joined !== 'gone') return joined;
      } else if (byKey.get(key) === pending) byKey.delete(key);
    }
    const run = newRemoteRun(key, { jobId: randomUUID(), user: request.user });
    byKey.set(key, run);
    try {
      return await submitNew(context, run, request, hooks, attempt);
    } finally {
      if (!run.enqueued && byKey.get(key) === run) byKey.delete(key);
      run.settle();
    }
  };
}

/**
 * Takes a request within `timeoutMs`. Past it, the user hears that the queue is unavailable, and the
 * attempt is marked abandoned so that a request landing later is taken back instead of running unseen.
 */
export async function submitWithin(
  enqueue: Enqueue,
  request: JobRequest,
  hooks: JobHooks,
  timeoutMs: number,
  report: Report,
): Promise<UserError | JobTicket> {
  const attempt: Attempt = { abandoned: false };
  try {
    const answer = await withTimeout(enqueue(request, hooks, attempt), timeoutMs, 'queueing a job');
    // Only an abandoned attempt has no answer, and this one was not abandoned.
    return answer ?? queueUnavailable();
  } catch (error) {
    attempt.abandoned = true;
    report(error, 'submit');
    return queueUnavailable();
  }
}
