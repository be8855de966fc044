import type { UserError } from '../errors.js';
import { shuttingDown } from '../jobs/refusals.js';
import type { Reply } from '../types.js';

/** A private note: for mistakes, refusals and anything only the asker should see. */
export function privateNote(headline: string, blocks: string[] = []): Reply {
  return { visibility: 'private', headline, blocks, fields: [], images: [], buttons: [] };
}

/** A user's mistake or a refusal, shown privately with its message. */
export function userErrorReply(error: UserError): Reply {
  return privateNote(error.message);
}

/** The one answer to anything unexpected: short, honest, and with nothing internal in it. */
export function apologyReply(requestId: string): Reply {
  return privateNote('Sorry, something went wrong on my side.', [
    `The run did not finish. Please try again; if it keeps happening, tell your teacher (reference \`${requestId}\`).`,
  ]);
}

/** The answer to a request that arrives while the tutor is shutting down. */
export function restartingReply(): Reply {
  // The job service's own refusal while it shuts down: one wording for both.
  return userErrorReply(shuttingDown());
}

/** The answer to a request still running when the shutdown's grace period ran out. */
export function interruptedReply(): Reply {
  return privateNote('The tutor restarted before this finished.', ['Please run the command again.']);
}
