import { Job, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { CancelResult } from '../bot/jobs/types.js';
import type { JobLimits, JobRef } from './admission.js';
import type { QueueKeys } from './keys.js';
import { isQueueJobData, type QueueJobData, type QueueJobReturn } from './protocol.js';

/*
 * Cancelling a job wherever it is. A waiting job is removed from the queue. A running one cannot
 * be (its worker holds its lock), so a pub/sub message tells every worker, and the one running it
 * aborts the engine run. A flag key covers the moment between the two: a worker checks it before
 * starting any job, so a job taken just as it was cancelled never runs.
 */

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
