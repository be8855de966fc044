import type { JobBook } from '../bot/jobs/shared.js';
import type { JobOutcome } from '../bot/jobs/types.js';
import type { JobLimits, JobRef } from './admission.js';
import type { RemoteRun, ReplicaJob } from './replica-jobs.js';
import type { Report } from './report.js';

/*
 * How a replica's requests and runs end. A request may end alone (its user cancelled it) or with
 * its run (the queue said the run ended); either way it is answered once through the job book and
 * gives back its admission slot. The replica frees only the slots of joiners: the run's own slot is
 * the worker's to free, since the worker is the one that knows when the run stopped.
 */

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
