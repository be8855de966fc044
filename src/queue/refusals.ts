import { type UserError, userError } from '../bot/errors.js';

/** Redis cannot be reached, so no job can be queued; the tutor itself is fine. */
export function queueUnavailable(): UserError {
  return userError(
    'queue-unavailable',
    'The training queue is unavailable right now; try again in a minute.',
  );
}
