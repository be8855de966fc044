import type { Progress } from '../../engine/result.js';
import type { JobProgress } from './types.js';

/**
 * Converts the engine's progress into what a chat message shows, or undefined for a report that
 * carries no usable fraction.
 */
export function toJobProgress(progress: Progress): JobProgress | undefined {
  if (!Number.isFinite(progress.fraction)) return undefined;
  const percent = Math.min(100, Math.max(0, Math.floor(progress.fraction * 100)));
  return progress.loss !== undefined && Number.isFinite(progress.loss)
    ? { percent, loss: progress.loss }
    : { percent };
}

/**
 * A leading-edge throttle: lets the first report through at once, then at most one per
 * `intervalMs`, dropping the rest. Chat platforms rate-limit message edits (Discord allows about
 * five per five seconds per channel), and a dropped report is soon superseded by a newer one.
 */
export function createProgressThrottle(intervalMs: number, now: () => number): () => boolean {
  let lastDelivered: number | undefined;
  return () => {
    const time = now();
    if (lastDelivered !== undefined && time - lastDelivered < intervalMs) return false;
    lastDelivered = time;
    return true;
  };
}
