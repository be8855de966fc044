import type { webApi } from '@slack/bolt';
import type { Logger } from '../../bot/logger.js';
import type { TeachersOf } from '../types.js';
import { slackSafeError } from './safe-error.js';

/*
 * Slack has no per-command permissions: every installed slash command is visible to everyone.
 * So the adapter gives the bot its verdict on each request (`user.teacher`), and the bot refuses
 * teacher-only commands itself. A user is a teacher when listed in `teacherUserIds`, or (unless
 * turned off) a workspace admin or owner per users.info; the manifest asks for users:read as soon
 * as a teacher-only command exists.
 */

/** Decides whether a user counts as a teacher; never rejects. */
export type TeacherCheck = (userId: string, team?: string) => Promise<boolean>;

const CACHE_MS = 10 * 60_000;
// The verdict is needed before the ack, inside Slack's 3 s: a slow users.info counts as "no".
export const LOOKUP_LIMIT_MS = 1000;

/** Creates the check; users.info answers (and failures, such as a missing scope) are cached for ten minutes. */
export function createTeacherCheck(options: {
  client: webApi.WebClient;
  teacherUserIds: readonly string[];
  adminsAreTeachers: boolean;
  /** Teachers a workspace's settings name (/settings). */
  teachersOf?: TeachersOf;
  logger: Logger;
  now?: () => number;
}): TeacherCheck {
  const listed = new Set(options.teacherUserIds);
  const now = options.now ?? Date.now;
  const cache = new Map<string, { admin: boolean; at: number }>();

  async function lookUp(userId: string): Promise<boolean> {
    try {
      const { user } = await options.client.users.info({ user: userId });
      return Boolean(user && (user.is_admin || user.is_owner || user.is_primary_owner));
    } catch (error) {
      options.logger.warn(
        { user: userId, err: slackSafeError(error) },
        'slack: users.info failed; treating the user as a student',
      );
      return false;
    }
  }

  return async (userId, team) => {
    if (listed.has(userId) || options.teachersOf?.(team).userIds.includes(userId)) return true;
    if (!options.adminsAreTeachers) return false;
    const hit = cache.get(userId);
    if (hit && now() - hit.at < CACHE_MS) return hit.admin;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), LOOKUP_LIMIT_MS);
    });
    const admin = await Promise.race([lookUp(userId), late]);
    clearTimeout(timer);
    if (admin === undefined) return false;
    if (cache.size > 5000) cache.clear();
    cache.set(userId, { admin, at: now() });
    return admin;
  };
}
