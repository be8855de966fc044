import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordAdapter } from '../../../src/adapters/discord/index.js';
import type { Adapter } from '../../../src/adapters/types.js';
import type { CommandDefinition } from '../../../src/bot/command.js';
import type { Bot } from '../../../src/bot/create-bot.js';
import { silentLogger } from '../../../src/bot/logger.js';
import { privateNote } from '../../../src/bot/replies/plain-replies.js';
import type { BotRequest, Reply } from '../../../src/bot/types.js';
import { finalAnswer, shownText } from './discord-harness.js';
import { CHANNEL_ID, type FakeDiscord, startFakeDiscord } from './fake-discord.js';
import {
  GUILD_ID,
  memberObject,
  SETTINGS_ROLE_ID,
  TEACHER_PERMISSIONS,
  TEACHER_ROLE_ID,
} from './fake-objects.js';

/*
 * The adapter's own guarantees, with a stand-in bot whose behaviour each test chooses: an answer
 * within 3 s however slow the bot, an apology when it throws, the teacher verdict it passes on,
 * and its private notes to one user.
 */

const answer = (headline: string): Reply => ({ ...privateNote(headline), visibility: 'public' });

const definition = (name: string, teacherOnly = false): CommandDefinition<never> => ({
  name,
  description: `${name} (stand-in)`,
  options: {},
  examples: [],
  ...(teacherOnly ? { teacherOnly } : {}),
  run: async () => privateNote('unused'),
});

/** What each stand-in command does when the adapter calls the bot. */
const behaviour: Record<string, (request: BotRequest) => Promise<Reply>> = {
  slow: () => new Promise((resolve) => setTimeout(() => resolve(answer('Slow but done')), 2600)),
  broken: () => Promise.reject(new Error('bug in the bot')),
  quiz: (request) => Promise.resolve(answer(`teacher: ${request.user.teacher}, server: ${request.server}`)),
};

const bot: Bot = {
  commands: [definition('slow'), definition('broken'), definition('quiz', true)] as Bot['commands'],
  handle: (request) => behaviour[request.command]?.(request) ?? Promise.resolve(privateNote('unknown')),
  handleButton: () => Promise.resolve(privateNote('no buttons here')),
};

const SETTINGS_TEACHER_ID = '400000000000000047';

let discord: FakeDiscord;
let adapter: Adapter;

beforeAll(async () => {
  discord = await startFakeDiscord();
  adapter = createDiscordAdapter({
    bot,
    token: 'test-token',
    guildId: GUILD_ID,
    apiUrl: discord.apiUrl,
    teacherRoleId: TEACHER_ROLE_ID,
    // As the classroom's /settings would name them for this server only.
    teachersOf: (server) =>
      server === GUILD_ID
        ? { roleIds: [SETTINGS_ROLE_ID], userIds: [SETTINGS_TEACHER_ID] }
        : { roleIds: [], userIds: [] },
    logger: silentLogger,
  });
  await adapter.start();
});
afterAll(async () => {
  await adapter?.stop();
  await discord?.close();
});

describe('adapter guarantees', () => {
  it('defers by itself before 3 s when the bot is slow, then delivers the answer', async () => {
    const sent = discord.slash('400000000000000041', 'slow');
    const final = await finalAnswer(discord, sent);
    const [defer] = discord.callsFor(sent);
    // Not an experiment command, so the automatic deferral is private.
    expect(defer?.body).toEqual({ type: 5, data: { flags: 64 } });
    const deferredAfter = (defer?.at ?? 0) - sent.at;
    expect(deferredAfter).toBeGreaterThanOrEqual(1900);
    expect(deferredAfter).toBeLessThan(3000);
    // The deferral was private; the public answer follows as a new message.
    expect(final.method).toBe('POST');
    expect(final.body.flags ?? 0).toBe(0);
    expect(shownText(final.body)).toMatch(/Slow but done/);
    expect(discord.callsFor(sent).at(-2)?.body.content).toBe('✅ Done: the result is posted in the channel.');
  });

  it('answers with an apology when the bot throws', async () => {
    const sent = discord.slash('400000000000000041', 'broken');
    const final = await finalAnswer(discord, sent);
    expect(final.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(shownText(final.body.data)).toMatch(/Sorry, something went wrong/);
  });

  it('registers teacher-only commands behind Manage Server and tells the bot who is a teacher', async () => {
    const put = discord.rest.calls.find((c) => c.method === 'PUT');
    expect(put?.body.find((c: { name: string }) => c.name === 'quiz')).toMatchObject({
      default_member_permissions: '32',
      contexts: [0],
    });
    const verdict = async (userId: string, member = memberObject(userId)) =>
      shownText((await finalAnswer(discord, discord.slash(userId, 'quiz', [], member))).body.data);
    expect(await verdict('400000000000000042')).toMatch(/teacher: false, server: 200000000000000002/);
    const byRole = memberObject('400000000000000043', { roles: [TEACHER_ROLE_ID] });
    expect(await verdict('400000000000000043', byRole)).toMatch(/teacher: true/);
    const byPermission = memberObject('400000000000000044', { permissions: TEACHER_PERMISSIONS });
    expect(await verdict('400000000000000044', byPermission)).toMatch(/teacher: true/);
    const otherRole = memberObject('400000000000000045', { roles: ['600000000000000006'] });
    expect(await verdict('400000000000000045', otherRole)).toMatch(/teacher: false/);
    const bySettingsRole = memberObject('400000000000000046', { roles: [SETTINGS_ROLE_ID] });
    expect(await verdict('400000000000000046', bySettingsRole)).toMatch(/teacher: true/);
    expect(await verdict(SETTINGS_TEACHER_ID)).toMatch(/teacher: true/);
  });

  it('fails to start with a wrong token, leaving nothing running, so start can be retried', async () => {
    const wrong = createDiscordAdapter({
      bot,
      token: 'wrong-token',
      apiUrl: discord.apiUrl,
      logger: silentLogger,
    });
    await expect(wrong.start()).rejects.toThrow(/token/i);
    expect(wrong.isReady()).toBe(false);
    await expect(wrong.start()).rejects.toThrow(/token/i);
    await wrong.stop();
  });
});

/*
 * A private note to one user (a schedule's owner learns that a post failed): a DM, or, when the
 * user takes no DMs from the bot, a channel message whose mention Discord really delivers (the
 * client parses no mentions otherwise, so a `<@id>` inside an embed never pinged anyone).
 */

const OWNER = '400000000000000071';
const CLOSED = '400000000000000072';
const note = privateNote('Schedule #3 could not post.', ['The channel refused the message.']);

const posts = () => discord.rest.calls.filter((c) => c.method === 'POST');

describe('Discord notify: a private note that reaches its user', () => {
  it('sends the note as a direct message, mentioning nobody in the channel', async () => {
    const before = posts().length;
    await adapter.notify({ conversation: CHANNEL_ID, user: OWNER }, note);
    const [open, sent] = posts().slice(before);
    expect(open).toMatchObject({ path: '/users/@me/channels', body: { recipient_id: OWNER } });
    expect(sent?.path).toMatch(/^\/channels\/\d+\/messages$/);
    expect(sent?.path).not.toBe(`/channels/${CHANNEL_ID}/messages`);
    expect(sent?.body.embeds[0].title).toBe('Schedule #3 could not post.');
    expect(sent?.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('falls back to the channel with a mention Discord delivers when the user takes no DMs', async () => {
    discord.rest.refusesDms.add(CLOSED);
    const before = posts().length;
    await adapter.notify({ conversation: CHANNEL_ID, user: CLOSED }, note);
    const calls = posts().slice(before);
    expect(calls.map((c) => c.status)).toEqual([200, 403, 200]);
    const inChannel = calls.at(-1);
    expect(inChannel?.path).toBe(`/channels/${CHANNEL_ID}/messages`);
    expect(inChannel?.body.content).toBe(`<@${CLOSED}>`);
    expect(inChannel?.body.allowed_mentions).toEqual({ users: [CLOSED] });
    expect(inChannel?.body.embeds[0].title).toBe('Schedule #3 could not post.');
  });

  it('posts publicly through post(), still mentioning nobody', async () => {
    const before = posts().length;
    await adapter.post(CHANNEL_ID, { ...note, headline: `<@${OWNER}> looked here` });
    const posted = posts().slice(before)[0];
    expect(posted?.body.allowed_mentions).toEqual({ parse: [] });
  });
});
