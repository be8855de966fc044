import { Job, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { JobBook } from '../../bot/jobs/shared.js';
import type { CancelResult } from '../../bot/jobs/types.js';
import { type Report, withTimeout } from '../redis/client.js';
import type { QueueKeys } from '../redis/keys.js';
import type { JobLimits, JobRef } from '../redis/limits.js';
import { isQueueJobData, type QueueJobData, type QueueJobReturn } from '../redis/protocol.js';
import type { ReplicaJob, ReplicaLedger } from './ledger.js';

/*
 * Cancelling a job wherever it is. A request this replica holds leaves its run here (and the run
 * leaves the queue when no one else waits for it). Any other id may belong to a request another
 * replica took, so Redis is asked, within the time a bot interaction can wait.
 *
 * In Redis, a waiting job is removed from the queue. A running one cannot be (its worker holds its
 * lock), so a pub/sub message tells every worker, and the one running it aborts the engine run. A
 * flag key covers the moment between the two: a worker checks it before starting any job, so a job
 * taken just as it was cancelled never runs.
 */

/** A BullMQ job id as this service makes them (a UUID): anything else cannot be on the queue. */
const JOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Cancels jobs through Redis. */
export interface Canceller {
  /** Cancels a job this replica knows (it submitted it); resolves once Redis has been told. */
  cancel(job: JobRef): Promise<void>;
  /** Cancels a job another replica submitted, after checking who owns it. */
  cancelElsewhere(jobId: string, user: string): Promise<CancelResult>;
}

/** A canceller on the queue; `flagTtlMs` must outlast the job's time in line and its run. */
export function createCanceller(
  client: Redis,
  queue: Queue<QueueJobData, QueueJobReturn>,
  keys: QueueKeys,
  limits: JobLimits,
  flagTtlMs: number,
): Canceller {
  async function cancel(ref: JobRef): Promise<void> {
    await client.set(keys.cancelFlag(ref.jobId), '1', 'PX', flagTtlMs);
    const removed = await queue.remove(ref.jobId);
    if (removed === 1) await limits.release(ref);
    // A running job's worker hears this and aborts the run; it releases the slots itself.
    await client.publish(keys.cancelChannel, ref.jobId);
  }
  return {
    cancel,
    async cancelElsewhere(jobId, user) {
      const remote = await Job.fromId<QueueJobData, QueueJobReturn>(queue, jobId);
      if (!remote || !isQueueJobData(remote.data)) return 'not-found';
      if (remote.data.user !== user) return 'not-yours';
      const state = await remote.getState();
      if (state === 'completed' || state === 'failed') return 'already-finished';
      await cancel({ jobId, user });
      return 'cancelled';
    },
  };
}

/** A canceller's sends, remembered while they are on their way to Redis. */
export interface TrackedCancels {
  /** Cancels a job this replica submitted (see `Canceller.cancel`). */
  send(job: JobRef): Promise<void>;
  /** Settles once every cancel sent so far has: closing waits for it before dropping the connection. */
  inFlight(): Promise<unknown>;
}

/** Tracks the cancels sent through `canceller`, so that none is cut off by a close. */
export function trackCancels(canceller: Canceller): TrackedCancels {
  const cancelling = new Set<Promise<void>>();
  return {
    send(job) {
      const sent = canceller.cancel(job);
      cancelling.add(sent);
      void sent.catch(() => undefined).finally(() => cancelling.delete(sent));
      return sent;
    },
    inFlight: () => Promise.allSettled([...cancelling]),
  };
}

/** What a user's cancel needs from the job service. */
export interface UserCancelContext {
  readonly book: JobBook<ReplicaJob>;
  readonly ledger: Pick<ReplicaLedger, 'leave'>;
  readonly canceller: Pick<Canceller, 'cancelElsewhere'>;
  connected(): boolean;
  readonly redisTimeoutMs: number;
  readonly report: Report;
}

/** Cancels the user's job `jobId`, wherever it was submitted. */
export async function cancelForUser(
  context: UserCancelContext,
  jobId: string,
  user: string,
): Promise<CancelResult> {
  const target = context.book.cancelTarget(jobId, user);
  if (typeof target === 'string') return target;
  if (target) {
    context.ledger.leave(target.record, { status: 'cancelled' });
    return 'cancelled';
  }
  if (!JOB_ID.test(jobId) || !context.connected()) return 'not-found';
  try {
    return await withTimeout(
      context.canceller.cancelElsewhere(jobId, user),
      context.redisTimeoutMs,
      'cancelling a job',
    );
  } catch (error) {
    context.report(error, 'cancel');
    return 'not-found';
  }
}
