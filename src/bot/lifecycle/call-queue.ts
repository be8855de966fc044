/*
 * The calls of one request to its platform, one after another: a progress display never
 * overtakes the answer, and a failed call is reported without stopping the ones after it.
 */

/** A queue of platform calls. */
export interface CallQueue {
  /** Runs `task` after every call queued before it; resolves when it settled (never rejects). */
  run(call: string, task: () => Promise<void>): Promise<void>;
}

/** Creates a queue; `failed` hears of every call that rejected, by name. */
export function createCallQueue(failed: (call: string, error: unknown) => void): CallQueue {
  let tail: Promise<void> = Promise.resolve();
  return {
    run(call, task) {
      const next = tail.then(task).catch((error: unknown) => failed(call, error));
      tail = next;
      return next;
    },
  };
}
