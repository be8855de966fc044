/** Where the queue's Redis and BullMQ errors go, with a word on what was being done. */
export type Report = (error: unknown, context: string) => void;

/**
 * Wraps an optional `onError` so that a reporter that throws cannot break the work it reports on:
 * the queue carries on after an error whether or not anyone heard of it.
 */
export function guardedReporter(onError: Report | undefined): Report {
  return (error, context) => {
    try {
      onError?.(error, context);
    } catch {
      // The reporter failed; nothing else to tell.
    }
  };
}
