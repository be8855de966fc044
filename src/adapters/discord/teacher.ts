import { PermissionFlagsBits, type RepliableInteraction } from 'discord.js';

/*
 * Teacher-only commands are registered with default_member_permissions = Manage Server, which
 * hides them from students; a server admin may still open them to anyone in the server settings,
 * so every request carries the adapter's verdict (Manage Server, or the configured teacher role)
 * and the bot checks it again.
 */

/** Whether the interaction's member may run teacher-only commands. */
export function isTeacher(interaction: RepliableInteraction, teacherRoleId: string | undefined): boolean {
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return true;
  if (teacherRoleId === undefined) return false;
  const roles = interaction.member?.roles;
  if (roles === undefined) return false;
  return Array.isArray(roles) ? roles.includes(teacherRoleId) : roles.cache.has(teacherRoleId);
}
