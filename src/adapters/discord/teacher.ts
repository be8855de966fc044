import { PermissionFlagsBits, type RepliableInteraction } from 'discord.js';
import type { TeachersOf } from '../types.js';

/*
 * Teacher-only commands are registered with default_member_permissions = Manage Server, which
 * hides them from students; a server admin may still open them to anyone in the server settings,
 * so every request carries the adapter's verdict (Manage Server, or the configured teacher role)
 * and the bot checks it again.
 */

/** Whether the interaction's member may run teacher-only commands. */
export function isTeacher(
  interaction: RepliableInteraction,
  teacherRoleId: string | undefined,
  teachersOf?: TeachersOf,
): boolean {
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return true;
  const fromSettings = teachersOf?.(interaction.guildId ?? undefined);
  if (fromSettings?.userIds.includes(interaction.user.id)) return true;
  const roleIds = [...(teacherRoleId === undefined ? [] : [teacherRoleId]), ...(fromSettings?.roleIds ?? [])];
  const roles = interaction.member?.roles;
  if (roles === undefined || roleIds.length === 0) return false;
  return roleIds.some((id) => (Array.isArray(roles) ? roles.includes(id) : roles.cache.has(id)));
}
