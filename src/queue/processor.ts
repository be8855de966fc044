import { DelayedError, type Job, UnrecoverableError, WaitingError } from 'bullmq';
import type { Redis } from 'ioredis';
import { specKey, toJobProgress } from '../bot/jobs/shared.js';
import type { EngineLike } from '../bot/jobs/types.js';
import type { ExperimentSpec } from '../engine/spec.js';
import { validateSpec } from '../engine/validate.js';
import type { JobLimits, JobRef } from './admission.js';
import type { QueueKeys } from './keys.js';
import { encodeFailure, isQueueJobData, type QueueJobData, type QueueJobReturn } from './protocol.js';
import type { SharedCache } from './shared-cache.js';

/*
 * What a worker does with one job. Errors leave as BullMQ understands them: UnrecoverableError for
 * an ending that a retry cannot change (cancelled, timed out, a bad spec, a deterministic engine
 * error), a plain Error for an engine worker crash (worth one more try, perhaps on another machine),
 * DelayedError for a job held back by its user's running limit, WaitingError for one handed back
 * at shutdown. The error's name rides in its message (see protocol.ts).
 */

/** A seed that crashes the worker process when test faults are on (mirrors the bot tests' CRASH_SEED). */
export const POISON_SEED = 4242;

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

class RunError extends Error {
  constructor(
    readonly error: unknown,
    readonly reason: unknown,
  ) {
    super('engine run failed');
  }
}

function describe(error: unknown): { name: string; message: string } {
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: 'Error', message: String(error) };
}

/** Runs the spec on the engine, aborting on cancel, on the time limit, or at shutdown. */
async function runOnEngine(
  context: ProcessorContext,
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

/** Builds the BullMQ processor of a worker. It declares `signal`, so BullMQ passes one for cancelJob. */
export function createProcessor(context: ProcessorContext) {
  const { client, keys, limits } = context;

  /** Turns an engine failure into the error BullMQ should see, handing the job back at shutdown. */
  async function failure(
    job: Job<QueueJobData, QueueJobReturn>,
    token: string | undefined,
    failed: RunError,
    ref: JobRef,
    started: number,
  ) {
    const finished = (
      status: Extract<WorkerEvent, { kind: 'finished' }>['status'],
      error?: { name: string; message: string },
    ) =>
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
    const error = describe(failed.error);
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

  return async (
    job: Job<QueueJobData, QueueJobReturn>,
    token: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<QueueJobReturn> => {
    const jobId = job.id ?? '';
    const data: unknown = job.data;
    if (!isQueueJobData(data))
      throw new UnrecoverableError(encodeFailure('InvalidJobError', 'the job carries no request'));
    const checked = validateSpec({ ...data.spec });
    if (!checked.ok) {
      throw new UnrecoverableError(
        encodeFailure('InvalidSpecError', checked.errors.map((e) => e.message).join('; ')),
      );
    }
    if (context.testFaults && checked.spec.seed === POISON_SEED) {
      // A real crash, as a native TensorFlow abort would be: no cleanup, no goodbye.
      process.kill(process.pid, 'SIGKILL');
    }
    const ref: JobRef = { jobId, user: data.user };
    if ((await client.exists(keys.cancelFlag(jobId))) === 1) {
      await limits.release(ref);
      throw new UnrecoverableError(encodeFailure('AbortError', 'the job was cancelled before it started'));
    }
    if (!(await limits.tryStart(ref, data.maxRunningPerUser, context.leaseMs, context.liveTtlMs))) {
      // Its user already runs as many jobs as allowed: let other users' jobs go first.
      await job.moveToDelayed(Date.now() + context.holdMs, token);
      throw new DelayedError();
    }
    context.running.set(jobId, ref);
    const started = Date.now();
    context.observe({
      kind: 'started',
      jobId,
      user: data.user,
      experiment: checked.spec.experiment,
      attempt: job.attemptsMade + 1,
    });
    try {
      await job.updateProgress({ started: true });
      const key = specKey(checked.spec, context.engine.backend);
      const cachedJson = await context.cache.lookup([key]);
      let json = cachedJson;
      if (json === undefined) {
        try {
          json = await runOnEngine(context, job, checked.spec, signal ?? new AbortController().signal);
        } catch (error) {
          if (error instanceof RunError) throw await failure(job, token, error, ref, started);
          throw error;
        }
        await context.cache.store(key, json);
      }
      await client.set(keys.result(jobId), json, 'PX', context.resultTtlMs);
      const runMs = Date.now() - started;
      // Told before the release, so that a log never shows the user's next job starting first.
      context.observe({
        kind: 'finished',
        jobId,
        status: cachedJson === undefined ? 'done' : 'cached',
        ms: runMs,
      });
      await limits.release(ref);
      return { cached: cachedJson !== undefined, runMs };
    } finally {
      context.running.delete(jobId);
      limits.stopRunning(ref).catch(() => {});
    }
  };
}
