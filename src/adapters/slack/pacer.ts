/*
 * Slack allows about one message per second per channel (chat.postMessage, and in practice
 * chat.update too); bursts beyond it are answered with HTTP 429. Every write to a channel's
 * messages goes through one queue per channel, spaced `intervalMs` apart. A task that has become
 * pointless by its turn (a progress edit for a run that has finished) is skipped without using
 * a slot.
 */

/** Serialises and spaces the writes to each channel. */
export interface ChannelPacer {
  /** Runs `task` in the channel's queue, at least `intervalMs` after the channel's previous write. */
  run<T>(
    channel: string,
    task: () => Promise<T>,
    options?: { skipIf?: () => boolean },
  ): Promise<T | undefined>;
}

/** Creates a pacer; `now` and `sleep` are injectable for tests. */
export function createChannelPacer(
  intervalMs: number,
  clock: { now: () => number; sleep: (ms: number) => Promise<void> } = {
    now: Date.now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  },
): ChannelPacer {
  const tails = new Map<string, Promise<unknown>>();
  const lastWrite = new Map<string, number>();

  return {
    run(channel, task, options = {}) {
      const previous = tails.get(channel) ?? Promise.resolve();
      const next = previous.then(async () => {
        if (options.skipIf?.()) return undefined;
        const wait = (lastWrite.get(channel) ?? Number.NEGATIVE_INFINITY) + intervalMs - clock.now();
        if (wait > 0) await clock.sleep(wait);
        if (options.skipIf?.()) return undefined;
        lastWrite.set(channel, clock.now());
        return task();
      });
      // The queue continues whatever one task does; the caller still sees its own failure.
      const tail = next.catch(() => undefined);
      tails.set(channel, tail);
      void tail.then(() => {
        if (tails.get(channel) === tail) tails.delete(channel);
      });
      return next;
    },
  };
}
