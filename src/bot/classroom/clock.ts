/**
 * Time as the classroom sees it. Schedules and quiz reveals read the time and set timers only
 * through this, so tests drive them with a clock they move by hand.
 */
export interface Clock {
  now(): number;
  /** Calls `fn` once, at `at` (Unix ms) or as soon after as possible; returns a cancel function. */
  setTimer(at: number, fn: () => void): () => void;
}

// setTimeout fires at once for delays above 2^31 - 1 ms (about 24.8 days): wait in chunks.
const MAX_DELAY = 2 ** 31 - 1;

/** The real clock. Timers are unref'd: a pending schedule alone does not keep the process up. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(at, fn) {
    let handle: NodeJS.Timeout | undefined;
    // Always asynchronous, even for a time already past, so callers never re-enter themselves.
    const arm = () => {
      const delay = Math.max(0, at - Date.now());
      handle = setTimeout(() => (Date.now() >= at ? fn() : arm()), Math.min(delay, MAX_DELAY));
      handle.unref();
    };
    arm();
    return () => clearTimeout(handle);
  },
};
