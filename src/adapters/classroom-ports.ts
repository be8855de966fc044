import type { ClassroomPorts } from '../bot/classroom/ports.js';
import { commandRunner } from '../bot/classroom/run-command.js';
import type { Bot } from '../bot/create-bot.js';
import type { Platform } from '../bot/types.js';
import type { Adapter } from './types.js';

/*
 * How the classroom reaches the platforms: posts go to the conversation through the adapter of the
 * schedule's platform, and a note to a schedule's owner goes through that adapter's private path
 * (`notify`: a DM or an ephemeral message that mentions them), never as a public post.
 */

/** The classroom's ports over the running adapters; a platform with no adapter running rejects. */
export function classroomPorts(
  bot: Pick<Bot, 'handle'>,
  adapters: ReadonlyMap<Platform, Pick<Adapter, 'post' | 'notify'>>,
): ClassroomPorts {
  const adapterFor = (platform: Platform) => {
    const adapter = adapters.get(platform);
    if (!adapter) throw new Error(`no ${platform} connection is running to post to`);
    return adapter;
  };
  return {
    post: async (target, reply) => adapterFor(target.platform).post(target.conversation, reply),
    notifyOwner: async (target, reply) => adapterFor(target.platform).notify(target, reply),
    runCommand: commandRunner(bot),
  };
}
