import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { JobBook } from '../bot/jobs/shared.js';
import type { TrackedCancels } from './cancellation.js';
import type { JobFeed } from './job-feed.js';
import type { QueueJobData, QueueJobReturn } from './protocol.js';
import type { RemoteRun, ReplicaJob } from './replica-jobs.js';
import type { ReplicaLedger } from './replica-ledger.js';
import { withTimeout } from './time.js';

/*
 * Closing a replica's job service. The order matters: timers stop first so that nothing refreshes
 * a closing service; every request is answered (cancelled) before any connection goes; the runs
 * this replica put on the queue are taken off it, and those cancels reach Redis before the
 * connection they travel on is dropped. Each Redis step is bounded, so a dead Redis cannot hold
 * the close up.
 */

/** The parts of the service that closing touches. */
export interface ClosingReplica {
  readonly runs: ReadonlyMap<string, RemoteRun>;
  readonly book: JobBook<ReplicaJob>;
  readonly ledger: Pick<ReplicaLedger, 'leave'>;
  readonly cancels: TrackedCancels;
  readonly feed: Pick<JobFeed, 'close'>;
  readonly queue: Queue<QueueJobData, QueueJobReturn>;
  readonly client: Redis;
  connected(): boolean;
  readonly redisTimeoutMs: number;
  /** Stops the line refresh and the reconciliation tick. */
  stopTimers(): void;
}

/** Answers every request as cancelled, takes this replica's runs off the queue, and disconnects. */
export async function closeReplica(replica: ClosingReplica): Promise<void> {
  replica.stopTimers();
  // Listed before the requests leave: leaving forgets the runs.
  const enqueued = [...replica.runs.values()].filter((run) => run.enqueued).map((run) => run.ref);
  for (const job of [...replica.book.live.values()]) replica.ledger.leave(job, { status: 'cancelled' });
  const quiet = <T>(what: string, promise: Promise<T>) =>
    withTimeout(promise, replica.redisTimeoutMs, what).catch(() => undefined);
  if (replica.connected()) {
    for (const ref of enqueued) replica.cancels.send(ref);
    await quiet('cancel on close', replica.cancels.inFlight());
  }
  await Promise.all([replica.feed.close(), quiet('closing queue', replica.queue.close())]);
  // The queue shares this connection; dropping it also ends any reconnection loop of a dead Redis.
  replica.client.disconnect();
}
