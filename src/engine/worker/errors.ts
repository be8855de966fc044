/*
 * The errors the pool rejects with. Callers tell them apart by `name` (which also survives
 * crossing a thread or a queue), not by class.
 */

/** An engine worker died (exited, threw outside any handler, ran out of memory) while running a unit. */
export class WorkerCrashError extends Error {
  override name = 'WorkerCrashError';
}

/** A unit ran longer than the pool's per-unit time limit and was stopped. */
export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

/** The pool was closed before the unit finished. */
export class PoolClosedError extends Error {
  override name = 'PoolClosedError';
}

/** The error a cancelled unit rejects with: name 'AbortError', with the signal's reason as cause. */
export function abortError(reason?: unknown): Error {
  const error = new Error('the run was cancelled', reason === undefined ? undefined : { cause: reason });
  error.name = 'AbortError';
  return error;
}
