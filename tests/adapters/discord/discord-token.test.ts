import { afterAll, beforeAll, expect, it } from 'vitest';
import { isChartMessage, startDiscordTest } from './discord-harness.js';
import { CHANNEL_ID, type SentOption } from './fake-objects.js';

/*
 * Discord's interaction token lasts 15 minutes; a job still running near the end posts its result
 * as a plain channel message. Here the fake's tokens last 2 s and the adapter switches at 1 s
 * (the run takes 3-6 s).
 */

const TOKEN_LIFETIME_MS = 2000;
const SWITCH_AFTER_MS = 1000;
const LONG: SentOption[] = [
  { name: 'depth', type: 4, value: 4 },
  { name: 'steps', type: 4, value: 3000 },
  { name: 'points', type: 4, value: 400 },
  { name: 'seeds', type: 4, value: 2 },
];

let h: Awaited<ReturnType<typeof startDiscordTest>>;

beforeAll(async () => {
  h = await startDiscordTest({
    adapter: { channelFallbackAfterMs: 1500 },
    tokenLifetimeMs: TOKEN_LIFETIME_MS,
  });
});
afterAll(async () => {
  await h?.stop();
});

it('posts the result of a job that outlives the interaction token in the channel', async () => {
  const sent = h.discord.slash('400000000000000021', 'train', LONG);
  const posted = await h.discord.waitFor('a channel message', () =>
    h.discord.rest.calls.find((c) => c.method === 'POST' && c.path === `/channels/${CHANNEL_ID}/messages`),
  );
  expect(posted.at - sent.at).toBeGreaterThan(SWITCH_AFTER_MS);
  expect(posted.status).toBe(200);
  expect(posted.body.embeds[0].image.url).toBe(`attachment://${posted.files[0]?.name}`);
  expect(posted.files[0]?.data.subarray(1, 4).toString('latin1')).toBe('PNG');
  // The further charts follow into the channel too, one message each, after the answer.
  const charts = await h.discord.waitFor('the chart messages', () => {
    const found = h.discord.rest.calls.filter(
      (c) => c.path === `/channels/${CHANNEL_ID}/messages` && c !== posted && isChartMessage(c),
    );
    return found.at(-1)?.files[0]?.name === 'training.gif' ? found : undefined;
  });
  expect(charts.length).toBeGreaterThanOrEqual(2);
  expect(charts.every((c) => c.at >= posted.at && c.files.length === 1)).toBe(true);
  const viaToken = h.discord.callsFor(sent);
  // Every call with the token came while it was valid, the last one telling where the result will be.
  expect(viaToken.every((c) => c.status < 300 && c.at - sent.at < TOKEN_LIFETIME_MS)).toBe(true);
  expect(viaToken.at(-1)?.body.content).toMatch(/will be posted in this channel/);
});
