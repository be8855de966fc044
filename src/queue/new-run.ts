import { specKey } from '../bot/jobs/shared.js';
import type { JobHooks, JobRequest } from '../bot/jobs/types.js';
import type { ExperimentResult } from '../engine/result.js';
import { placesInLine } from './positions.js';
import { JOB_NAME, type QueueJobData } from './protocol.js';
import type { RemoteRun, ReplicaJob } from './replica-jobs.js';
import type { ResolvedQueueConfig } from './service-config.js';
import { type Attempt, admit, cancelled, handOut, type SubmitContext } from './submit-context.js';

/*
 * A request no run on this replica can serve: answered from the shared cache when any backend has
 * the result, else admitted and put on the queue as a new BullMQ job.
 */

const BACKENDS = ['tensorflow', 'wasm', 'cpu'];

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

/** Answers from the shared cache, or admits the request and submits it as the new run `run`. */
export async function submitNew(
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
