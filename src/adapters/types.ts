import type { Platform, Reply } from '../bot/types.js';

/** Teachers a server's settings name (the classroom's /settings), besides the configured ones. */
export type TeachersOf = (server: string | undefined) => {
  roleIds: readonly string[];
  userIds: readonly string[];
};

/** One user in one conversation: whom a private note is for, and where it came from. */
export interface NoteTarget {
  conversation: string;
  user: string;
}

/**
 * A chat platform connection as main.ts sees it; every adapter implements it. Each adapter also
 * exports its two translations (platform event → BotRequest, Reply → platform payload) for its
 * own tests.
 */
export interface Adapter {
  readonly platform: Platform;
  /**
   * Connects (or listens); `url` is where people open it, for an adapter that serves a page, or
   * where it listens, for one that Discord or Slack calls (the address a reverse proxy forwards to).
   */
  start(): Promise<{ url?: string }>;
  /** Stops taking commands, gives in-flight ones their final answer (bounded in time), disconnects. */
  stop(): Promise<void>;
  /** Posts a reply into a conversation for everyone (scheduled demos, quiz reveals). */
  post(conversation: string, reply: Reply): Promise<void>;
  /**
   * Tells one user something privately, so that they notice (a Discord DM, a Slack ephemeral
   * message naming them): a schedule's owner learns that a post failed.
   */
  notify(target: NoteTarget, reply: Reply): Promise<void>;
  /** Connected and taking commands (for /readyz). */
  isReady(): boolean;
  /**
   * What this replica does for the platform, where replicas differ (Discord: `gateway`, `standby`
   * while another replica holds the gateway, or `http`); shown by /readyz and in the logs.
   */
  role?(): string;
}
