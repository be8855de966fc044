import { UnrecoverableError, WaitingError } from 'bullmq';
import { describeError } from '../bot/jobs/shared.js';
import type { RunError } from './engine-run.js';
import type { FinishStatus, ProcessorContext, StartedJob } from './processor-context.js';
import { encodeFailure } from './protocol.js';

/*
 * What BullMQ should hear of a run that did not end with a result. Only an engine worker crash is
 * worth another attempt (perhaps on another machine); every other ending is final, so its slot is
 * freed here. A run aborted for shutdown is handed back to the line without using up an attempt.
 */

/** Turns an engine failure into the error the processor throws, reporting how the job finished. */
export async function failureToThrow(
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
