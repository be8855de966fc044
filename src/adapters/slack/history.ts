import type { RecentRun } from '../../bot/classroom/run-history.js';

/*
 * The App Home's "your recent runs" come from the tutor's one run history, the one /history
 * reads (the classroom database); main.ts passes the reader in.
 */

/** A user's latest runs on Slack, newest first. */
export type RecentRunsOf = (
  userId: string,
  limit: number,
) => readonly RecentRun[] | Promise<readonly RecentRun[]>;
