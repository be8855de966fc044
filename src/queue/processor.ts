import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import { specKey } from '../bot/jobs/shared.js';
import type { ExperimentSpec } from '../engine/spec.js';
import { validateSpec } from '../engine/validate.js';
import type { JobRef } from './admission.js';
import { RunError, runOnEngine } from './engine-run.js';
import type { ProcessorContext, StartedJob } from './processor-context.js';
import { encodeFailure, isQueueJobData, type QueueJobData, type QueueJobReturn } from './protocol.js';
import { failureToThrow } from './run-failure.js';

/*
 * What a worker does with one job. Errors leave as BullMQ understands them: UnrecoverableError for
 * an ending that a retry cannot change (cancelled, timed out, a bad spec, a deterministic engine
 * error), a plain Error for an engine worker crash (worth one more try, perhaps on another machine),
 * DelayedError for a job held back by its user's running limit, WaitingError for one handed back
 * at shutdown. The error's name rides in its message (see protocol.ts).
 */

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
