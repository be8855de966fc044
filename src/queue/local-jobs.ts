import { createProgressThrottle } from '../bot/jobs/progress.js';
import type { JobHooks, JobOutcome, JobRequest } from '../bot/jobs/types.js';

/*
 * A bot replica's own view of the jobs it submitted: their hooks, their promise, and what the queue's
 * events have said about them. Hooks are functions and cannot cross Redis, so the replica that took
 * a request is the one that reports on it and answers it.
 */

/** One job this replica submitted and has not yet answered. */
export interface LocalJob {
  readonly id: string;
  readonly request: JobRequest;
  readonly hooks: JobHooks;
  state: 'queued' | 'running' | 'finished';
  /** 0 while running, n while n-th in line: the last value reported to onQueued. */
  position: number;
  readonly submittedAt: number;
  startedAt: number | undefined;
  /** True once the job is on the BullMQ queue (before that, Redis has never heard of it). */
  enqueued: boolean;
  /** onStart fires once, even when a worker dies and another starts the job again. */
  startAnnounced: boolean;
  readonly mayReportProgress: () => boolean;
  /** Hooks wait for this, so that the submitter holds its ticket before any hook fires. */
  readonly gate: Promise<void>;
  readonly openGate: () => void;
  watchdog: ReturnType<typeof setTimeout> | undefined;
  readonly resolve: (outcome: JobOutcome) => void;
  readonly done: Promise<JobOutcome>;
}

/** A new local job, queued, with its gate closed. */
export function newLocalJob(
  id: string,
  request: JobRequest,
  hooks: JobHooks,
  submittedAt: number,
  progressIntervalMs: number,
  now: () => number,
): LocalJob {
  let resolve: (outcome: JobOutcome) => void = () => {};
  const done = new Promise<JobOutcome>((settle) => {
    resolve = settle;
  });
  let openGate: () => void = () => {};
  const gate = new Promise<void>((open) => {
    openGate = open;
  });
  return {
    id,
    request,
    hooks,
    state: 'queued',
    position: 1,
    submittedAt,
    startedAt: undefined,
    enqueued: false,
    startAnnounced: false,
    mayReportProgress: createProgressThrottle(progressIntervalMs, now),
    gate,
    openGate,
    watchdog: undefined,
    resolve,
    done,
  };
}

/** Remembers who owned recently finished jobs, so that a late cancel can say 'already-finished'. */
export function createFinishedOwners(capacity = 1000) {
  const owners = new Map<string, string>();
  return {
    remember(jobId: string, user: string): void {
      owners.set(jobId, user);
      for (const id of owners.keys()) {
        if (owners.size <= capacity) break;
        owners.delete(id);
      }
    },
    ownerOf: (jobId: string) => owners.get(jobId),
  };
}
