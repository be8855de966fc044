import { randomUUID } from 'node:crypto';
import type { JobHooks, JobOutcome, JobRequest } from './types.js';

/*
 * The in-process service's bookkeeping. A *job* is one user's request; a *run* is one engine
 * execution, which several identical jobs may share.
 */

/** One user's request, from submit to its single outcome. */
export interface Job {
  readonly id: string;
  readonly request: JobRequest;
  readonly key: string;
  readonly hooks: JobHooks;
  state: 'queued' | 'running' | 'finished';
  readonly submittedAt: number;
  startedAt: number;
  /** 0 while running, n while n-th in line: the last value reported to onQueued. */
  position: number;
  run: Run | undefined;
  readonly mayReportProgress: () => boolean;
  readonly resolve: (outcome: JobOutcome) => void;
  readonly done: Promise<JobOutcome>;
}

/** One engine execution, shared by the jobs in `subscribers`. */
export interface Run {
  readonly key: string;
  readonly controller: AbortController;
  readonly subscribers: Set<Job>;
  /** False once aborted: a new request must not join a run that is being torn down. */
  live: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/** A new job, waiting in line until the service attaches it to a run. */
export function newJob(
  request: JobRequest,
  key: string,
  hooks: JobHooks,
  submittedAt: number,
  mayReportProgress: () => boolean,
): Job {
  let resolve: (outcome: JobOutcome) => void = () => {};
  const done = new Promise<JobOutcome>((settle) => {
    resolve = settle;
  });
  return {
    id: randomUUID(),
    request,
    key,
    hooks,
    state: 'queued',
    submittedAt,
    startedAt: submittedAt,
    position: 0,
    run: undefined,
    mayReportProgress,
    resolve,
    done,
  };
}
