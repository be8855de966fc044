import type { ExperimentSpec } from '../../engine/spec.js';

/*
 * What crosses Redis between a bot replica and a worker. Job data and return values are plain JSON.
 * A failure crosses as BullMQ's `failedReason` string, so the error's name travels inside it
 * ("TimeoutError: ..."): the bot tells failures apart by name, as the engine's callers do.
 */

/** BullMQ's name for every job of the queue. */
export const JOB_NAME = 'experiment';

/** A queued job: one user's request plus the limits the submitting replica was configured with. */
export interface QueueJobData {
  user: string;
  conversation: string;
  label?: string;
  spec: ExperimentSpec;
  /** The worker stops the run after this long. */
  timeLimitMs: number;
  /** Workers start at most this many of the user's jobs at once. */
  maxRunningPerUser: number;
}

/** What a worker returns; the result itself waits under the job's result key (it can be megabytes). */
export interface QueueJobReturn {
  /** True when the worker found the result in the shared cache instead of running it. */
  cached: boolean;
  /** The worker's own measure of the run, in ms. */
  runMs: number;
}

/** BullMQ's reason for a job that stopped its worker more times than allowed. */
export const STALLED_REASON = 'job stalled more than allowable limit';

/** Packs an error's name and message into a failedReason. */
export function encodeFailure(name: string, message: string): string {
  return `${name}: ${message}`;
}

/** Unpacks a failedReason; a reason from BullMQ itself becomes a named error too. */
export function decodeFailure(reason: string | undefined): { name: string; message: string } {
  const text = reason ?? 'the job failed without a reason';
  if (text === STALLED_REASON) {
    return {
      name: 'WorkerCrashError',
      message: 'the job stopped its worker every time it ran and was given up',
    };
  }
  const match = /^([A-Za-z][\w]*Error): ([\s\S]*)$/.exec(text);
  return match ? { name: match[1]!, message: match[2]! } : { name: 'Error', message: text };
}

/** True when a value read from Redis has the shape of job data (the spec is checked by the worker). */
export function isQueueJobData(value: unknown): value is QueueJobData {
  if (typeof value !== 'object' || value === null) return false;
  const data = value as Record<string, unknown>;
  return (
    typeof data.user === 'string' &&
    typeof data.conversation === 'string' &&
    typeof data.spec === 'object' &&
    data.spec !== null &&
    typeof data.timeLimitMs === 'number' &&
    typeof data.maxRunningPerUser === 'number'
  );
}
