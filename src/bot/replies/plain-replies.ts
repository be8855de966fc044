import type { UserError } from '../errors.js';
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
