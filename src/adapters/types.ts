import type { Platform, Reply } from '../bot/types.js';

/** Teachers a server's settings name (the classroom's /settings), besides the configured ones. */
export type TeachersOf = (server: string | undefined) => {
  roleIds: readonly string[];
  userIds: readonly string[];
};

/**
 * A chat platform connection as main.ts sees it. Each adapter also exports its two translations
 * (platform event → BotRequest, Reply → platform payload) for its own tests.
 */
export interface Adapter {
  readonly platform: Platform;
  start(): Promise<void>;
  /** Stops taking commands, gives in-flight ones their final answer (bounded in time), disconnects. */
  stop(): Promise<void>;
  /** Posts a reply into a conversation unprompted (scheduled demos, quiz reveals). */
  post(conversation: string, reply: Reply): Promise<void>;
  /** Connected and taking commands (for /readyz). */
  isReady(): boolean;
}
