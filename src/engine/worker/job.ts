import type { AbortFlag, UnitProgress, UnitResult, WorkUnit } from '../units.js';
import { abortError } from './errors.js';
import type { PoolRunOptions } from './pool-types.js';
import type { FaultKind } from './protocol.js';

/** One unit on its way through the pool: queued, then running on a worker. */
export interface Job {
  id: number;
  unit: WorkUnit;
  onProgress: ((progress: UnitProgress) => void) | undefined;
  fault: FaultKind | undefined;
  timeoutMs: number;
  /** One Int32 shared with the worker: set to 1 to ask the unit to stop. */
  cancel: Int32Array<SharedArrayBuffer>;
  settled: boolean;
  resolve: (result: UnitResult) => void;
  reject: (error: Error) => void;
  unwatch: () => void;
}

/** Creates a job; `onAbort` runs when the caller's signal fires, with the error to reject with. */
export function createJob(
  id: number,
  unit: WorkUnit,
  options: PoolRunOptions,
  defaultTimeoutMs: number,
  settle: { resolve: (result: UnitResult) => void; reject: (error: Error) => void },
  onAbort: (job: Job, error: Error) => void,
): Job {
  const job: Job = {
    id,
    unit,
    onProgress: options.onProgress,
    fault: options.fault,
    timeoutMs: options.timeoutMs ?? defaultTimeoutMs,
    cancel: new Int32Array(new SharedArrayBuffer(4)),
    settled: false,
    ...settle,
    unwatch: () => undefined,
  };
  const signal = options.signal;
  job.unwatch = watchAbort(signal, () => onAbort(job, abortError(reasonOf(signal))));
  return job;
}

/** Settles a job once; later outcomes (a late answer after a cancel) are ignored. */
export function finish(job: Job, outcome: { result: UnitResult } | { error: Error }): void {
  if (job.settled) return;
  job.settled = true;
  job.unwatch();
  if ('result' in outcome) job.resolve(outcome.result);
  else job.reject(outcome.error);
}

/** The abort reason of an AbortSignal; plain flags have none. */
export function reasonOf(flag: AbortFlag | undefined): unknown {
  return flag instanceof AbortSignal ? flag.reason : undefined;
}

// Plain AbortFlags (not AbortSignals) have no event, so they are polled this often.
const FLAG_POLL_MS = 50;

/** Calls onAbort once when the flag goes up; returns a function that stops watching. */
function watchAbort(flag: AbortFlag | undefined, onAbort: () => void): () => void {
  if (!flag) return () => undefined;
  if (flag instanceof AbortSignal) {
    flag.addEventListener('abort', onAbort, { once: true });
    return () => flag.removeEventListener('abort', onAbort);
  }
  const timer = setInterval(() => flag.aborted && onAbort(), FLAG_POLL_MS);
  return () => clearInterval(timer);
}
