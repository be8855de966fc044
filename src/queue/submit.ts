import { randomUUID } from 'node:crypto';
import { canonicalJson, queueUnavailable } from '../bot/jobs/shared.js';
import type { JobHooks, JobRequest, JobTicket, UserError } from '../bot/jobs/types.js';
import { joinRun } from './join-run.js';
import { submitNew } from './new-run.js';
import { joinable, newRemoteRun } from './replica-jobs.js';
import type { Report } from './report.js';
import type { Attempt, SubmitContext } from './submit-context.js';
import { withTimeout } from './time.js';

/*
 * How a replica takes a request: from the shared cache if it can, else by joining an identical run
 * this replica already has on the queue, else as a new BullMQ job. Each request takes its own
 * admission slot in Redis first, so the per-user and queue-wide limits hold over every replica.
 */

/** Takes one request: a ticket, a refusal, or undefined when the attempt was abandoned meanwhile. */
export type Enqueue = (
  request: JobRequest,
  hooks: JobHooks,
  attempt: Attempt,
) => Promise<UserError | JobTicket | undefined>;

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
