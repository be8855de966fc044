import type { Platform, Reply } from '../types.js';

/** A conversation on a platform: where a scheduled post or a quiz reveal goes. */
export interface PostTarget {
  platform: Platform;
  conversation: string;
  /** The server or workspace, where the platform has one. */
  server?: string;
}

/** Who a scheduled command runs as: the schedule's owner, in the schedule's channel. */
export interface RunAs extends PostTarget {
  user: string;
}

/**
 * What the classroom needs from the outside, wired by main.ts: posting through the adapters,
 * private notes to a schedule's owner, and running a command through the bot.
 */
export interface ClassroomPorts {
  /** Posts unprompted into a conversation (the adapter of `target.platform`); rejects on failure. */
  post(target: PostTarget, reply: Reply): Promise<void>;
  /** Tells one user something privately (a DM, or an ephemeral message in `conversation`). */
  notifyOwner(target: RunAs, reply: Reply): Promise<void>;
  /** Runs command text (e.g. `/compare depths:1,4`) as `as` and resolves with its final reply. */
  runCommand(text: string, as: RunAs): Promise<Reply>;
}
