import { type UserError, userError } from '../errors.js';

/** The global queue holds `maxQueued` jobs already. */
export function queueFull(maxQueued: number): UserError {
  return userError(
    'queue-full',
    `The training queue is full (${maxQueued} jobs waiting); try again in a minute.`,
  );
}

/** The user already has as many jobs waiting as one user may. */
export function tooManyJobs(running: number, queued: number): UserError {
  const held = running > 0 ? `${running} running and ${queued} waiting` : `${queued} waiting`;
  return userError('too-many-jobs', `You already have ${held}; wait for one to finish or cancel it.`);
}

/** The service is shutting down. */
export function shuttingDown(): UserError {
  return userError('shutting-down', 'The tutor is restarting; try again in a minute.');
}

/** The training queue's Redis cannot be reached, so no job can be queued; the tutor itself is fine. */
export function queueUnavailable(): UserError {
  return userError(
    'queue-unavailable',
    'The training queue is unavailable right now; try again in a minute.',
  );
}
