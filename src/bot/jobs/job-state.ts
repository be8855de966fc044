import type { JobRecord } from './job-record.js';

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
