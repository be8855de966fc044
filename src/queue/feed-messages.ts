import type { JobOutcome } from '../bot/jobs/types.js';
import type { ExperimentResult } from '../engine/result.js';
import type { QueueJobReturn } from './protocol.js';
import type { ReplicaJob } from './replica-jobs.js';

/* What a worker's messages on the queue mean for a request: its progress, and its outcome when done. */

/** Reads a progress payload from a worker: `{ started: true }` or `{ percent, loss? }`. */
export function readProgress(
  data: unknown,
): { started: true } | { percent: number; loss?: number } | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { started, percent, loss } = data as Record<string, unknown>;
  if (started === true) return { started: true };
  if (typeof percent !== 'number' || !Number.isFinite(percent)) return undefined;
  const whole = Math.min(100, Math.max(0, Math.floor(percent)));
  return typeof loss === 'number' && Number.isFinite(loss) ? { percent: whole, loss } : { percent: whole };
}

/** A request's outcome when its run completed with `result`. */
export function doneFor(
  job: ReplicaJob,
  result: ExperimentResult,
  returned: unknown,
  end: number,
): JobOutcome {
  const { cached, runMs } = (returned ?? {}) as Partial<QueueJobReturn>;
  const startedAt = job.startedAt ?? end;
  return {
    status: 'done',
    result,
    cached: cached === true,
    queuedMs: Math.max(0, startedAt - job.submittedAt),
    // A run whose start this replica never saw (events missed): the worker's own measure.
    runMs: job.startedAt === undefined && typeof runMs === 'number' ? runMs : end - startedAt,
  };
}
