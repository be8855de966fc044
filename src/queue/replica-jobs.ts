import type { JobRecord } from '../bot/jobs/shared.js';
import type { JobRef } from './admission.js';

/*
 * A bot replica's own view of what it put on the queue. A *remote run* is one BullMQ job; a
 * *replica job* is one user's request answered by this replica. Identical requests that overlap
 * share one remote run, as they share one engine run in-process. Hooks are functions and cannot
 * cross Redis, so the replica that took a request is the one that reports on it and answers it.
 */

/** One BullMQ job this replica submitted, and the requests waiting for it. */
export interface RemoteRun {
  /** The BullMQ job id (also the admission slot of the request that submitted it). */
  readonly id: string;
  /** The canonical spec: a new identical request joins this run instead of queueing another. */
  readonly key: string;
  /** The admission slot the worker releases when the run ends. */
  readonly ref: JobRef;
  readonly subscribers: Set<ReplicaJob>;
  state: 'queued' | 'running' | 'finished';
  /** True once the job is on the BullMQ queue (before that, Redis has never heard of it). */
  enqueued: boolean;
  /** Covers a worker that vanished with the run: the user hears of a timeout all the same. */
  watchdog: ReturnType<typeof setTimeout> | undefined;
  /** Resolves once the submitter knows whether the run is on the queue; joiners wait for it. */
  readonly settled: Promise<void>;
  readonly settle: () => void;
}

/** One user's request on this replica. */
export interface ReplicaJob extends JobRecord {
  readonly run: RemoteRun;
  /** This request's own admission slot (the run's, for the request that submitted it). */
  readonly ref: JobRef;
}

/** A run about to be submitted: registered at once, so that identical requests arriving meanwhile wait for it. */
export function newRemoteRun(key: string, ref: JobRef): RemoteRun {
  let settle: () => void = () => {};
  const settled = new Promise<void>((resolve) => {
    settle = resolve;
  });
  return {
    id: ref.jobId,
    key,
    ref,
    subscribers: new Set(),
    state: 'queued',
    enqueued: false,
    watchdog: undefined,
    settled,
    settle,
  };
}

/** True while a request may still join the run. */
export const joinable = (run: RemoteRun): boolean =>
  run.enqueued && run.state !== 'finished' && run.subscribers.size > 0;
