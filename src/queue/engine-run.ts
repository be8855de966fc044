import type { Job } from 'bullmq';
import { toJobProgress } from '../bot/jobs/shared.js';
import type { ExperimentSpec } from '../engine/spec.js';
import type { AbortReason, ProcessorContext } from './processor-context.js';
import type { QueueJobData, QueueJobReturn } from './protocol.js';

/*
 * One engine run of a queue job. Three things may stop it: a cancel (BullMQ's signal), the job's
 * time limit, and shutdown (the signal again, with another reason). The reason travels with the
 * error, so that the caller can tell a cancelled run from a crashed one.
 */

/** An engine run that failed or was aborted, with why it was aborted (undefined when it was not). */
export class RunError extends Error {
  constructor(
    readonly error: unknown,
    readonly reason: unknown,
  ) {
    super('engine run failed');
  }
}

/** Runs the spec on the engine, aborting on cancel, on the time limit, or at shutdown. */
export async function runOnEngine(
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
