import { randomUUID } from 'node:crypto';
import type { JobHooks, JobRequest } from '../bot/jobs/types.js';
import type { JobRef } from './admission.js';
import { joinable, type RemoteRun } from './replica-jobs.js';
import { type Attempt, admit, handOut, type SubmitContext } from './submit-context.js';

/*
 * Identical requests that overlap share one run, as they share one engine run in-process. A joiner
 * still takes its own admission slot, so a user cannot get past the limits by repeating a request.
 */

/** Joins a run already on the queue, under an admission slot of its own; 'gone' if the run ended meanwhile. */
export async function joinRun(
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
