/*
 * Progress arrives as fast as the job service reports it; a platform shows it at its own pace
 * (Discord edits, Slack's per-channel rate, a browser's redraws). This keeps at most one display
 * waiting, spaces displays `intervalMs` apart, and always shows the latest state last.
 */

/** The throttle of one request's progress displays. */
export interface ProgressThrottle {
  /** Something new to show: a display follows, at most one per interval. */
  nudge(): void;
  /** A display starts now (a throttled one, or the acceptance): the interval counts from here. */
  shownNow(): void;
  /** No more displays (the answer is going out). */
  stop(): void;
}

/**
 * Creates the throttle. `show` queues one display and resolves when the platform took it; the
 * display calls `shownNow()` as it starts, since it may wait behind other calls of its port.
 */
export function createProgressThrottle(options: {
  intervalMs: number;
  show: () => Promise<void>;
  now?: () => number;
}): ProgressThrottle {
  const now = options.now ?? Date.now;
  let lastShownAt = Number.NEGATIVE_INFINITY;
  let timer: NodeJS.Timeout | undefined;
  let showing = false;
  let dirty = false;
  let stopped = false;

  function schedule(): void {
    if (stopped || timer || showing) return;
    const wait = Math.max(0, lastShownAt + options.intervalMs - now());
    timer = setTimeout(() => {
      timer = undefined;
      if (stopped) return;
      showing = true;
      dirty = false;
      void options.show().finally(() => {
        showing = false;
        // Whatever arrived during the display gets a trailing one.
        if (dirty) schedule();
      });
    }, wait);
  }

  return {
    nudge() {
      dirty = true;
      schedule();
    },
    shownNow() {
      lastShownAt = now();
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
