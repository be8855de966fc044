import type { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { createTeacherCheck } from '../../../src/adapters/slack/teachers.js';
import { silentLogger } from '../../../src/bot/logger.js';

// users.info answers: U_ADMIN is a workspace admin, everyone else a member.
const client = {
  users: {
    info: async ({ user }: { user: string }) => ({
      ok: true,
      user: { id: user, is_admin: user === 'U_ADMIN' },
    }),
  },
} as unknown as webApi.WebClient;

describe('the Slack teacher verdict', () => {
  it('counts configured ids, the workspace settings of that team, and admins as teachers', async () => {
    const isTeacher = createTeacherCheck({
      client,
      teacherUserIds: ['U_LISTED'],
      adminsAreTeachers: true,
      teachersOf: (team) => ({ roleIds: [], userIds: team === 'T1' ? ['U_SETTINGS'] : [] }),
      logger: silentLogger,
    });
    expect(await isTeacher('U_LISTED', 'T1')).toBe(true);
    expect(await isTeacher('U_SETTINGS', 'T1')).toBe(true);
    expect(await isTeacher('U_SETTINGS', 'T2')).toBe(false);
    expect(await isTeacher('U_ADMIN', 'T2')).toBe(true);
    expect(await isTeacher('U_STUDENT', 'T1')).toBe(false);
  });

  it('does not ask Slack about admins when that is turned off', async () => {
    const isTeacher = createTeacherCheck({
      client,
      teacherUserIds: [],
      adminsAreTeachers: false,
      logger: silentLogger,
    });
    expect(await isTeacher('U_ADMIN', 'T1')).toBe(false);
  });
});
