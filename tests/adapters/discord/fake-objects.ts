import type { RecordedFile } from './fake-rest.js';

/*
 * Discord API objects shaped as discord.js expects them: snowflakes, users, a guild with one text
 * channel, members, messages and the three interaction kinds the adapter handles.
 */

const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/** A fresh snowflake whose timestamp is now (discord.js reads creation times from ids). */
export function nextSnowflake(): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | increment).toString();
}

export const APPLICATION_ID = '100000000000000001';
export const GUILD_ID = '200000000000000002';
export const CHANNEL_ID = '300000000000000003';

/** A user object. */
export function userObject(id: string, username: string, bot = false) {
  return { id, username, discriminator: '0', global_name: null, avatar: null, bot, flags: 0 };
}

export const BOT_USER = userObject(APPLICATION_ID, 'depth-tutor', true);

/** Permission bits: View Channel + Send Messages + Read Message History (a student). */
export const STUDENT_PERMISSIONS = String((1n << 10n) | (1n << 11n) | (1n << 16n));
/** A student's bits plus Manage Server. */
export const TEACHER_PERMISSIONS = String(BigInt(STUDENT_PERMISSIONS) | (1n << 5n));

/** A role that a teacher-role setting can name (it grants no extra permission bits). */
export const TEACHER_ROLE_ID = '500000000000000005';
/** A second role of the guild, for teachers named by the classroom's settings. */
export const SETTINGS_ROLE_ID = '600000000000000009';

function roleObject(id: string, name: string, position: number) {
  const flags = { color: 0, hoist: false, managed: false, mentionable: false, flags: 0 };
  return { id, name, permissions: STUDENT_PERMISSIONS, position, ...flags };
}

/** The class channel. */
export function channelObject() {
  return {
    id: CHANNEL_ID,
    type: 0,
    guild_id: GUILD_ID,
    name: 'class',
    position: 0,
    permission_overwrites: [],
    nsfw: false,
  };
}

/** The class guild, as GUILD_CREATE sends it. */
export function guildObject() {
  return {
    id: GUILD_ID,
    name: 'Class server',
    icon: null,
    owner_id: '900000000000000009',
    unavailable: false,
    member_count: 3,
    large: false,
    joined_at: new Date().toISOString(),
    features: [],
    roles: [
      roleObject(GUILD_ID, '@everyone', 0),
      roleObject(TEACHER_ROLE_ID, 'Teacher', 1),
      roleObject(SETTINGS_ROLE_ID, 'Instructor', 2),
    ],
    channels: [channelObject()],
    members: [],
    threads: [],
    presences: [],
    voice_states: [],
    emojis: [],
    stickers: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

/** A member object for an interaction. */
export function memberObject(userId: string, options: { permissions?: string; roles?: string[] } = {}) {
  return {
    user: userObject(userId, `student-${userId.slice(-3)}`),
    roles: options.roles ?? [],
    permissions: options.permissions ?? STUDENT_PERMISSIONS,
    joined_at: new Date().toISOString(),
    deaf: false,
    mute: false,
    flags: 0,
    nick: null,
    avatar: null,
    premium_since: null,
    pending: false,
  };
}

/** A message object as REST returns it for a posted or edited message. */
export function messageObject(input: {
  body: unknown;
  files: RecordedFile[];
  channelId: string;
  author: object;
  applicationId: string;
  flags: number;
}) {
  const body = (input.body ?? {}) as { content?: string; embeds?: unknown[]; components?: unknown[] };
  return {
    id: nextSnowflake(),
    type: 0,
    channel_id: input.channelId,
    author: input.author,
    content: body.content ?? '',
    embeds: body.embeds ?? [],
    components: body.components ?? [],
    attachments: input.files.map((f) => ({
      id: nextSnowflake(),
      filename: f.name,
      size: f.data.length,
      url: `https://cdn.invalid/${f.name}`,
      proxy_url: `https://cdn.invalid/${f.name}`,
      content_type: f.contentType,
    })),
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    flags: input.flags,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    pinned: false,
    application_id: input.applicationId,
    webhook_id: input.applicationId,
  };
}

/** An option of a slash command as Discord sends it (type: 3 string, 4 integer, 5 boolean, 10 number). */
export interface SentOption {
  name: string;
  type: number;
  value: string | number | boolean;
  focused?: boolean;
}

/** The fields every interaction carries. */
function interactionBase(userId: string, type: number, member: ReturnType<typeof memberObject>) {
  const id = nextSnowflake();
  return {
    id,
    application_id: APPLICATION_ID,
    type,
    token: `token-${id}`,
    version: 1,
    guild_id: GUILD_ID,
    channel_id: CHANNEL_ID,
    channel: channelObject(),
    member: { ...member, user: userObject(userId, `student-${userId.slice(-3)}`) },
    locale: 'en-US',
    guild_locale: 'en-US',
    app_permissions: '2251799813685247',
    entitlements: [],
    authorizing_integration_owners: { '0': GUILD_ID },
    context: 0,
  };
}

/** A slash command (type 2), or its autocomplete request (type 4) when an option is focused. */
export function commandInteraction(
  userId: string,
  command: string,
  options: SentOption[],
  member = memberObject(userId),
) {
  const autocomplete = options.some((o) => o.focused);
  return {
    ...interactionBase(userId, autocomplete ? 4 : 2, member),
    data: { id: nextSnowflake(), name: command, type: 1, guild_id: GUILD_ID, options },
  };
}

/** A button press (type 3) on a message the bot posted. */
export function buttonInteraction(userId: string, customId: string) {
  return {
    ...interactionBase(userId, 3, memberObject(userId)),
    data: { custom_id: customId, component_type: 2 },
    message: messageObject({
      body: {},
      files: [],
      channelId: CHANNEL_ID,
      author: BOT_USER,
      applicationId: APPLICATION_ID,
      flags: 0,
    }),
  };
}
