import type { Bot } from '../create-bot.js';
import type { CommandIo } from '../types.js';
import type { ClassroomPorts } from './ports.js';

// Nobody watches a scheduled command's progress: its final reply is what gets posted.
const UNWATCHED: CommandIo = { accept: async () => {}, progress: () => {} };

/**
 * The classroom's `runCommand`, for main.ts: runs command text through the bot as the schedule's
 * owner (a teacher, who set it up) in the schedule's channel, and resolves with the final reply.
 */
export function commandRunner(bot: Pick<Bot, 'handle'>): ClassroomPorts['runCommand'] {
  let count = 0;
  return (text, as) => {
    const [, command = '', rest = ''] = /^\/?(\S*)\s*([\s\S]*)$/.exec(text.trim()) ?? [];
    return bot.handle(
      {
        platform: as.platform,
        requestId: `scheduled-${++count}`,
        user: { id: as.user, teacher: true },
        conversation: as.conversation,
        ...(as.server === undefined ? {} : { server: as.server }),
        command,
        options: { kind: 'text', text: rest },
      },
      UNWATCHED,
    );
  };
}
