import type { ExperimentResult, LiveResult, Progress, UnitStatus } from '../../engine/result.js';
import type { ExperimentSpec } from '../../engine/spec.js';
import type { UserError } from '../errors.js';

export type { UserError } from '../errors.js';

/*
 * The job service's contract. Commands see only these types, so the in-process service here and a
 * Redis (BullMQ) one can replace each other without touching a command. Everything a job carries
 * is plain data except the hooks, which stay in the process that submitted the job.
 */

/**
 * What the job service needs from the engine. Declared here rather than imported so that the bot
 * core never loads the engine's runtime (TensorFlow.js); the engine's own type fits structurally.
 */
export interface EngineLike {
  /** The TensorFlow.js backend results come from; part of the cache key. */
  readonly backend: string;
  run(
    spec: ExperimentSpec,
    options: { onProgress?: (progress: Progress) => void; signal?: AbortSignal },
  ): Promise<ExperimentResult>;
}

/** One request to run an experiment. */
export interface JobRequest {
  /** Whoever may cancel it; also the key of the per-user limits. */
  user: string;
  /** The channel or thread it came from (shown in snapshots). */
  conversation: string;
  spec: ExperimentSpec;
  /** A short human description, e.g. "train depth 8, sigmoid". */
  label?: string;
}

/** A progress report shaped for a chat message edit (and, with `live`, for the page's charts). */
export interface JobProgress {
  /** Whole percent, 0..100, rounded down so that 100 means finished. */
  percent: number;
  /** Most recent training loss, when the engine reported one. */
  loss?: number;
  /** Which unit of work reported: "seed 2 of 3", its step and its own loss. */
  unit?: UnitStatus;
  /** The partial results so far (bounded by the engine); only the playground draws them. */
  live?: LiveResult;
}

/**
 * Callbacks while a job waits and runs. They are called asynchronously (never inside `submit`),
 * never after the job has ended, and a hook that throws or rejects does not affect the job.
 */
export interface JobHooks {
  /** The job's place in line changed (the ticket carries the first one). */
  onQueued?(position: number): void;
  /** The job started running (or joined an identical run already in progress). */
  onStart?(): void;
  /** Throttled: at most one call per `progressIntervalMs`, the first one promptly. */
  onProgress?(progress: JobProgress): void;
}

/** How a job ended; every job ends in exactly one of these. */
export type JobOutcome =
  | { status: 'done'; result: ExperimentResult; cached: boolean; queuedMs: number; runMs: number }
  | { status: 'cancelled' }
  | { status: 'timeout'; limitMs: number }
  | { status: 'failed'; error: { name: string; message: string } }
  /** The queue forgot the job (its Redis restarted without persistence): nothing was kept, a rerun is safe. */
  | { status: 'lost' };

/** An accepted job. */
export interface JobTicket {
  id: string;
  /** 0 = running now (or answered from the cache), n = n-th in line. */
  position: number;
  /** True when the result came from the cache; `done` is then already resolved. */
  cached: boolean;
  /** Resolves exactly once with the outcome; never rejects. */
  done: Promise<JobOutcome>;
}

/** What `cancel` did. */
export type CancelResult = 'cancelled' | 'not-found' | 'not-yours' | 'already-finished';

/** One live job, as a status command lists it. */
export interface JobSummary {
  id: string;
  user: string;
  conversation: string;
  label?: string;
  state: 'queued' | 'running';
  /** 0 when running. */
  position: number;
}

/** The service's limits, as configured. */
export interface JobCapacity {
  concurrency: number;
  maxQueued: number;
  maxQueuedPerUser: number;
  maxRunningPerUser: number;
  timeLimitMs: number;
}

/** A point-in-time view of the queue. */
export interface JobSnapshot {
  /** Engine runs in progress (a run shared by identical requests counts once). */
  running: number;
  /** Jobs waiting for a slot. */
  queued: number;
  capacity: JobCapacity;
  /** Live jobs per user (a job sharing another's run counts as running). */
  perUser: Record<string, { running: number; queued: number }>;
  /** Live jobs: running ones first, then the queue in order. */
  jobs: JobSummary[];
  cache: { entries: number; hits: number; misses: number };
}

/**
 * The one job contract, in-process or on Redis (src/queue). Submit and cancel answer asynchronously
 * (the Redis service checks its limits atomically in Redis); the rest answers from the service's
 * own view at once. Every accepted job ends in exactly one outcome, and identical requests that
 * overlap share one engine run.
 */
export interface JobPort {
  /** Accepts a job (or answers it from the cache), or refuses it with a UserError naming the limit. */
  submit(job: JobRequest, hooks?: JobHooks): Promise<UserError | JobTicket>;
  /** Cancels a queued or running job; only the user who submitted it may. */
  cancel(jobId: string, user: string): Promise<CancelResult>;
  /** 0 while running, n while n-th in line, undefined once finished or unknown to this process. */
  position(jobId: string): number | undefined;
  snapshot(): JobSnapshot;
  /** Waits until every live job of this process has its outcome, at most `limitMs`. */
  drain(limitMs: number): Promise<void>;
  /** Refuses new jobs, cancels the live ones and lets go of the engine or the connections. */
  close(): Promise<void>;
}
