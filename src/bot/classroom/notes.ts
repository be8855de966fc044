import { privateNote } from '../replies/plain-replies.js';
import type { Reply } from '../types.js';

/** The answer of a classroom command when the tutor runs without its database. */
export function noClassroomReply(command: string): Reply {
  return privateNote(`/${command} needs the classroom database, which is not set up here.`, [
    'Whoever runs the tutor can enable it with TUTOR_DB (a file path) and a restart.',
  ]);
}
