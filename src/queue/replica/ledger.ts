import type { JobBook, JobRecord } from '../../bot/jobs/shared.js';
import type { JobOutcome } from '../../bot/jobs/types.js';
import type { Report } from '../redis/client.js';
import type { JobLimits, JobRef } from '../redis/limits.js';

/*
 * A bot replica's own records of what it put on the queue, and how they end. A *remote run* is one
 * BullMQ job; a *replica job* is one user's request answered by this replica. Identical requests
 * that overlap share one remote run, as they share one engine run in-process. Hooks are functions
 * and cannot cross Redis, so the replica that took a request is the one that reports on it and
 * answers it.
 *
 * A request may end alone (its user cancelled it) or with its run (the queue said the run ended);
 * either way it is answered once through the job book and gives back its admission slot. The
 * replica frees only the slots of joiners: the run's own slot is the worker's to free, since the
 * worker is the one that knows when the run stopped.
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

/** What the ledger needs from the job service. */
export interface LedgerContext {
  /** This replica's runs by BullMQ id, and by canonical spec (for joining). */
  readonly runs: Map<string, RemoteRun>;
  readonly byKey: Map<string, RemoteRun>;
  readonly book: JobBook<ReplicaJob>;
  readonly limits: JobLimits;
  connected(): boolean;
  cancelRemote(job: JobRef): Promise<void>;
  lineChanged(): void;
  readonly report: Report;
}

/** The ways a replica's requests end. */
export interface ReplicaLedger {
  /** Frees an admission slot in Redis (when connected; a dead replica's slots expire on their own). */
  release(job: JobRef): void;
  /** A request leaves its run; the last one to leave takes the run off the queue. */
  leave(job: ReplicaJob, outcome: JobOutcome): void;
  /** Ends the run and answers each of its requests with the outcome made for it. */
  finishRun(run: RemoteRun, outcomeOf: (job: ReplicaJob) => JobOutcome): void;
  /** Marks the run's requests as running (each hears onStart once). */
  started(run: RemoteRun): void;
}

/** The ledger over the service's maps and book. */
export function createReplicaLedger(context: LedgerContext): ReplicaLedger {
  const { runs, byKey, book, limits, report } = context;

  const release = (ref: JobRef) => {
    if (context.connected()) limits.release(ref).catch((error) => report(error, 'release'));
  };

  function forgetRun(run: RemoteRun): void {
    run.state = 'finished';
    clearTimeout(run.watchdog);
    runs.delete(run.id);
    if (byKey.get(run.key) === run) byKey.delete(run.key);
  }

  /** Answers one request; a joiner's own slot is freed here (the worker frees the run's). */
  function finishJob(job: ReplicaJob, outcome: JobOutcome): boolean {
    if (!book.finish(job, outcome)) return false;
    job.run.subscribers.delete(job);
    if (job.ref !== job.run.ref) release(job.ref);
    context.lineChanged();
    return true;
  }

  return {
    release,
    leave(job, outcome) {
      if (!finishJob(job, outcome)) return;
      const { run } = job;
      if (run.subscribers.size > 0 || run.state === 'finished') return;
      forgetRun(run);
      if (run.enqueued) context.cancelRemote(run.ref).catch((error) => report(error, 'cancel'));
    },
    finishRun(run, outcomeOf) {
      forgetRun(run);
      for (const job of [...run.subscribers]) finishJob(job, outcomeOf(job));
    },
    started(run) {
      for (const job of run.subscribers) book.markRunning(job);
    },
  };
}
