import { createProgressThrottle } from './progress.js';
import type { JobHooks, JobOutcome, JobRequest } from './types.js';

/*
 * What both job services keep about one accepted request. A *record* is one user's request, from
 * submit to its single outcome; the services differ only in how records reach a run (an engine
 * call here, a BullMQ job on Redis), so the record itself is defined once, here.
 */

/** One user's request, from submit to its single outcome. */
export interface JobRecord {
  readonly id: string;
  readonly request: JobRequest;
  readonly hooks: JobHooks;
  state: 'queued' | 'running' | 'finished';
  /** 0 while running, n while n-th in line: the last value reported to onQueued. */
  position: number;
  readonly submittedAt: number;
  /** When it started running (or joined a run); undefined while it waits. */
  startedAt: number | undefined;
  /** onStart fires once, even when a run is handed to another worker and starts again. */
  startAnnounced: boolean;
  readonly mayReportProgress: () => boolean;
  /** Hooks wait for this, so that the submitter holds its ticket before any hook fires. */
  readonly gate: Promise<void>;
  readonly openGate: () => void;
  readonly resolve: (outcome: JobOutcome) => void;
  readonly done: Promise<JobOutcome>;
}

/** The clock and throttle every new record gets. */
export interface RecordClock {
  now: () => number;
  progressIntervalMs: number;
}

/** A new record, queued, with its hooks' gate closed; `extra` holds the service's own fields of R. */
export function newRecord<R extends JobRecord>(
  id: string,
  request: JobRequest,
  hooks: JobHooks,
  extra: Omit<R, keyof JobRecord>,
  clock: RecordClock,
): R {
  let resolve: (outcome: JobOutcome) => void = () => {};
  const done = new Promise<JobOutcome>((settle) => {
    resolve = settle;
  });
  let openGate: () => void = () => {};
  const gate = new Promise<void>((open) => {
    openGate = open;
  });
  const record = {
    ...(extra as object),
    id,
    request,
    hooks,
    state: 'queued' as const,
    position: 0,
    submittedAt: clock.now(),
    startedAt: undefined,
    startAnnounced: false,
    mayReportProgress: createProgressThrottle(clock.progressIntervalMs, clock.now),
    gate,
    openGate,
    resolve,
    done,
  };
  // The spread holds every field of R: JobRecord's here, the rest in `extra`.
  return record as unknown as R;
}
