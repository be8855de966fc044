import type { ExperimentResult } from '../../engine/result.js';
import type { JobRecord } from './job-record.js';
import type { JobOutcome } from './types.js';

/*
 * The in-process service's bookkeeping. A record (one user's request) waits in line until it is
 * attached to an engine run; several identical records may share one run.
 */

/** One user's request in the in-process service. */
export interface InProcessJob extends JobRecord {
  /** The spec key: identical requests have equal keys and may share a run. */
  readonly key: string;
  run: EngineRun | undefined;
}

/** One engine execution, shared by the jobs in `subscribers`. */
export interface EngineRun {
  readonly key: string;
  readonly controller: AbortController;
  readonly subscribers: Set<InProcessJob>;
  /** False once aborted: a new request must not join a run that is being torn down. */
  live: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/** The outcome of a job answered with `result`, by its engine run or (cached) from the cache. */
export function doneOutcome(
  job: JobRecord,
  result: ExperimentResult,
  cached: boolean,
  now: () => number,
): JobOutcome {
  const startedAt = job.startedAt ?? now();
  return { status: 'done', result, cached, queuedMs: startedAt - job.submittedAt, runMs: now() - startedAt };
}

/** How many of `user`'s live jobs run and how many wait: what the per-user limits count. */
export function userLoad(jobs: Iterable<JobRecord>, user: string): { running: number; queued: number } {
  let running = 0;
  let queued = 0;
  for (const job of jobs) {
    if (job.request.user !== user) continue;
    if (job.state === 'running') running += 1;
    else if (job.state === 'queued') queued += 1;
  }
  return { running, queued };
}
