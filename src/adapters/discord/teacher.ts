import { PermissionFlagsBits } from 'discord.js';
import type { TeachersOf } from '../types.js';

/*
 * Teacher-only commands are registered with default_member_permissions = Manage Server, which
 * hides them from students; a server admin may still open them to anyone in the server settings,
 * so every request carries the adapter's verdict (Manage Server, or the configured teacher role)
 * and the bot checks it again.
 */

/** What an interaction says about its member, as Discord sends it (absent in DMs). */
export interface MemberFacts {
  userId: string;
  guildId: string | null;
  /** The member's permission bits in the channel, a decimal string. */
  permissions?: string | undefined;
  roles: readonly string[];
}

/** Whether the interaction's member may run teacher-only commands. */
export function isTeacher(
  member: MemberFacts,
  teacherRoleId: string | undefined,
  teachersOf?: TeachersOf,
): boolean {
  const bits = member.permissions === undefined ? 0n : BigInt(member.permissions);
  // Administrator implies every permission, as discord.js's `has` counts it.
  if ((bits & (PermissionFlagsBits.ManageGuild | PermissionFlagsBits.Administrator)) !== 0n) return true;
  const fromSettings = teachersOf?.(member.guildId ?? undefined);
  if (fromSettings?.userIds.includes(member.userId)) return true;
  const roleIds = [...(teacherRoleId === undefined ? [] : [teacherRoleId]), ...(fromSettings?.roleIds ?? [])];
  return roleIds.some((id) => member.roles.includes(id));
}
