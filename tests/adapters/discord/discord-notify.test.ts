import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordAdapter } from '../../../src/adapters/discord/index.js';
import type { Adapter } from '../../../src/adapters/types.js';
import type { Bot } from '../../../src/bot/create-bot.js';
import { silentLogger } from '../../../src/bot/logger.js';
import { privateNote } from '../../../src/bot/replies/plain-replies.js';
import { CHANNEL_ID, type FakeDiscord, startFakeDiscord } from './fake-discord.js';
import { GUILD_ID } from './fake-objects.js';

/*
 * A private note to one user (a schedule's owner learns that a post failed), through the real
 * discord.js against the fake Discord: a DM, or, when the user takes no DMs from the bot, a
 * channel message whose mention Discord really delivers (the client parses no mentions
 * otherwise, so a `<@id>` inside an embed never pinged anyone).
 */

const OWNER = '400000000000000071';
const CLOSED = '400000000000000072';
const note = privateNote('Schedule #3 could not post.', ['The channel refused the message.']);
const bot: Bot = {
  commands: [],
  handle: async () => privateNote('unused'),
  handleButton: async () => privateNote('unused'),
};

let discord: FakeDiscord;
let adapter: Adapter;

beforeAll(async () => {
  discord = await startFakeDiscord();
  adapter = createDiscordAdapter({
    bot,
    token: 'test-token',
    guildId: GUILD_ID,
    apiUrl: discord.apiUrl,
    logger: silentLogger,
  });
  await adapter.start();
});
afterAll(async () => {
  await adapter?.stop();
  await discord?.close();
});

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
