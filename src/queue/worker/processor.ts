import { DelayedError, type Job, UnrecoverableError, WaitingError } from 'bullmq';
import type { Redis } from 'ioredis';
import { describeError, specKey, toJobProgress } from '../../bot/jobs/shared.js';
import type { EngineLike } from '../../bot/jobs/types.js';
import type { ExperimentSpec } from '../../engine/spec.js';
import { validateSpec } from '../../engine/validate.js';
import type { QueueKeys } from '../redis/keys.js';
import type { JobLimits, JobRef } from '../redis/limits.js';
import { encodeFailure, isQueueJobData, type QueueJobData, type QueueJobReturn } from '../redis/protocol.js';
import type { SharedCache } from '../redis/result-cache.js';

/*
 * What a worker does with one job, from taking it to the error or result BullMQ hears: check the
 * request, take a running slot, look in the shared cache, run the engine, leave the result in Redis.
 * Errors leave as BullMQ understands them: UnrecoverableError for an ending that a retry cannot
 * change (cancelled, timed out, a bad spec, a deterministic engine error), a plain Error for an
 * engine worker crash (worth one more try, perhaps on another machine), DelayedError for a job held
 * back by its user's running limit, WaitingError for one handed back at shutdown. The error's name
 * rides in its message (see ../redis/protocol.ts).
 */

/** Why a run was aborted. */
export type AbortReason = 'cancel' | 'time-limit' | 'drain';

/** What a worker reports about its jobs (for logs and metrics). */
export type WorkerEvent =
  | { kind: 'started'; jobId: string; user: string; experiment: string; attempt: number }
  | { kind: 'cancel'; jobId: string; runningHere: boolean }
  | {
      kind: 'finished';
      jobId: string;
      status: 'done' | 'cached' | 'cancelled' | 'timeout' | 'failed' | 'retry' | 'handed-back';
      ms: number;
      error?: { name: string; message: string };
    };

/** The worker's parts a job needs. */
export interface ProcessorContext {
  readonly engine: EngineLike;
  readonly client: Redis;
  readonly keys: QueueKeys;
  readonly limits: JobLimits;
  readonly cache: SharedCache;
  readonly leaseMs: number;
  readonly liveTtlMs: number;
  readonly progressIntervalMs: number;
  readonly resultTtlMs: number;
  /** How long a job held back by its user's limit waits before it is offered again. */
  readonly holdMs: number;
  readonly testFaults: boolean;
  /** Jobs this worker is running, for the lease heartbeat. */
  readonly running: Map<string, JobRef>;
  readonly observe: (event: WorkerEvent) => void;
}

/** How a job that reached the engine ended, as a worker reports it. */
type FinishStatus = Extract<WorkerEvent, { kind: 'finished' }>['status'];

/** A job this worker has started: its BullMQ handle and lock token, its admission slot, its start time. */
interface StartedJob {
  readonly job: Job<QueueJobData, QueueJobReturn>;
  readonly token: string | undefined;
  readonly ref: JobRef;
  /** Date.now() when it started. */
  readonly started: number;
}

/** A seed that crashes the worker process when test faults are on (mirrors the bot tests' CRASH_SEED). */
export const POISON_SEED = 4242;

/** The job's request, checked again here: a worker must not trust what another process queued. */
function checkedJob(
  job: Job<QueueJobData, QueueJobReturn>,
  testFaults: boolean,
): { data: QueueJobData; spec: ExperimentSpec } {
  const data: unknown = job.data;
  if (!isQueueJobData(data))
    throw new UnrecoverableError(encodeFailure('InvalidJobError', 'the job carries no request'));
  const checked = validateSpec({ ...data.spec });
  if (!checked.ok) {
    throw new UnrecoverableError(
      encodeFailure('InvalidSpecError', checked.errors.map((e) => e.message).join('; ')),
    );
  }
  if (testFaults && checked.spec.seed === POISON_SEED) {
    // A real crash, as a native TensorFlow abort would be: no cleanup, no goodbye.
    process.kill(process.pid, 'SIGKILL');
  }
  return { data, spec: checked.spec };
}

/** Takes the job's running slot, or throws what makes BullMQ drop it (cancelled) or hold it back. */
async function claimStart(
  context: ProcessorContext,
  job: Job<QueueJobData, QueueJobReturn>,
  token: string | undefined,
  ref: JobRef,
): Promise<void> {
  const { client, keys, limits } = context;
  if ((await client.exists(keys.cancelFlag(ref.jobId))) === 1) {
    await limits.release(ref);
    throw new UnrecoverableError(encodeFailure('AbortError', 'the job was cancelled before it started'));
  }
  if (!(await limits.tryStart(ref, job.data.maxRunningPerUser, context.leaseMs, context.liveTtlMs))) {
    // Its user already runs as many jobs as allowed: let other users' jobs go first.
    await job.moveToDelayed(Date.now() + context.holdMs, token);
    throw new DelayedError();
  }
}

/**
 * An engine run that failed or was aborted, with why it was aborted (undefined when it was not):
 * the reason travels with the error, so that a cancelled run is told from a crashed one.
 */
class RunError extends Error {
  constructor(
    readonly error: unknown,
    readonly reason: unknown,
  ) {
    super('engine run failed');
  }
}

/**
 * Runs the spec on the engine. Three things may stop it: a cancel (BullMQ's signal), the job's time
 * limit, and shutdown (the signal again, with another reason).
 */
async function runOnEngine(
  context: Pick<ProcessorContext, 'engine' | 'progressIntervalMs'>,
  job: Job<QueueJobData, QueueJobReturn>,
  spec: ExperimentSpec,
  signal: AbortSignal,
): Promise<string> {
  const controller = new AbortController();
  const forward = () => controller.abort(signal.reason);
  // A cancel can arrive while the job is still getting ready, before anyone listens for it.
  if (signal.aborted) forward();
  else signal.addEventListener('abort', forward, { once: true });
  const timer = setTimeout(() => controller.abort('time-limit' satisfies AbortReason), job.data.timeLimitMs);
  let lastReport = 0;
  try {
    const result = await context.engine.run(spec, {
      signal: controller.signal,
      onProgress: (progress) => {
        const time = Date.now();
        const shown = toJobProgress(progress);
        if (!shown || time - lastReport < context.progressIntervalMs) return;
        lastReport = time;
        job.updateProgress(shown).catch(() => {});
      },
    });
    return JSON.stringify(result);
  } catch (error) {
    throw new RunError(error, controller.signal.aborted ? controller.signal.reason : undefined);
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', forward);
  }
}

/**
 * What BullMQ should hear of a run that did not end with a result. Only an engine worker crash is
 * worth another attempt (perhaps on another machine); every other ending is final, so its slot is
 * freed here. A run aborted for shutdown is handed back to the line without using up an attempt.
 */
async function failureToThrow(
  context: ProcessorContext,
  running: StartedJob,
  failed: RunError,
): Promise<Error> {
  const { job, token, ref, started } = running;
  const { limits } = context;
  const finished = (status: FinishStatus, error?: { name: string; message: string }) =>
    context.observe({
      kind: 'finished',
      jobId: ref.jobId,
      status,
      ms: Date.now() - started,
      ...(error && { error }),
    });
  if (failed.reason === 'drain') {
    await job.moveToWait(token);
    finished('handed-back');
    return new WaitingError();
  }
  if (failed.reason === 'cancel') {
    finished('cancelled');
    await limits.release(ref);
    return new UnrecoverableError(encodeFailure('AbortError', 'the run was cancelled'));
  }
  const error = describeError(failed.error);
  if (failed.reason === 'time-limit' || error.name === 'TimeoutError') {
    finished('timeout', error);
    await limits.release(ref);
    const seconds = job.data.timeLimitMs / 1000;
    return new UnrecoverableError(
      encodeFailure('TimeoutError', `the run took longer than ${seconds} s and was stopped`),
    );
  }
  const retryable = error.name === 'WorkerCrashError' || error.name === 'PoolClosedError';
  const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  if (retryable && !lastAttempt) {
    finished('retry', error);
    return new Error(encodeFailure(error.name, error.message));
  }
  finished('failed', error);
  await limits.release(ref);
  return new UnrecoverableError(encodeFailure(error.name, error.message));
}

/** Finds the result in the shared cache or runs it, leaves it under the job's result key, frees the slot. */
async function produceResult(
  context: ProcessorContext,
  running: StartedJob,
  spec: ExperimentSpec,
  signal: AbortSignal | undefined,
): Promise<QueueJobReturn> {
  const { job, ref } = running;
  await job.updateProgress({ started: true });
  const key = specKey(spec, context.engine.backend);
  const cachedJson = await context.cache.lookup([key]);
  let json = cachedJson;
  if (json === undefined) {
    try {
      json = await runOnEngine(context, job, spec, signal ?? new AbortController().signal);
    } catch (error) {
      if (error instanceof RunError) throw await failureToThrow(context, running, error);
      throw error;
    }
    await context.cache.store(key, json);
  }
  await context.client.set(context.keys.result(ref.jobId), json, 'PX', context.resultTtlMs);
  const runMs = Date.now() - running.started;
  // Told before the release, so that a log never shows the user's next job starting first.
  const status = cachedJson === undefined ? 'done' : 'cached';
  context.observe({ kind: 'finished', jobId: ref.jobId, status, ms: runMs });
  await context.limits.release(ref);
  return { cached: cachedJson !== undefined, runMs };
}

/** Builds the BullMQ processor of a worker. It declares `signal`, so BullMQ passes one for cancelJob. */
export function createProcessor(context: ProcessorContext) {
  return async (
    job: Job<QueueJobData, QueueJobReturn>,
    token: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<QueueJobReturn> => {
    const { data, spec } = checkedJob(job, context.testFaults);
    const ref: JobRef = { jobId: job.id ?? '', user: data.user };
    await claimStart(context, job, token, ref);
    context.running.set(ref.jobId, ref);
    const started = Date.now();
    const attempt = job.attemptsMade + 1;
    context.observe({
      kind: 'started',
      jobId: ref.jobId,
      user: data.user,
      experiment: spec.experiment,
      attempt,
    });
    try {
      return await produceResult(context, { job, token, ref, started }, spec, signal);
    } finally {
      context.running.delete(ref.jobId);
      context.limits.stopRunning(ref).catch(() => {});
    }
  };
}
