import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordAdapter } from '../../../src/adapters/discord/index.js';
import type { Adapter } from '../../../src/adapters/types.js';
import { silentLogger } from '../../../src/bot/logger.js';
import { createDiscordClaims, type DiscordClaims } from '../../../src/queue/replica/discord-claims.js';
import { startTutor } from '../../bot/bot-harness.js';
import { type RedisServer, startRedisServer } from '../../queue/redis-server.js';
import { finalAnswer, isFinal, shownText } from './discord-harness.js';
import { type FakeDiscord, type SentInteraction, startFakeDiscord, testKeyPair } from './fake-discord.js';
import { commandInteraction, GUILD_ID, type SentOption } from './fake-objects.js';
import type { RestCall } from './fake-rest.js';

/*
 * Interactions over HTTP: two replicas of the Discord adapter, each with its own endpoint and its
 * own Redis connection, behind the fake Discord acting as a round-robin load balancer that signs
 * every request with the application's test key. The replicas share the tutor behind them (the
 * queue's own tests cover jobs spread over replicas); what is replicated here is what this mode
 * adds: the endpoint, its checks, and the first response in the HTTP answer.
 */

/** A /train that runs in a blink: the run is not what this file tests. */
const QUICK: SentOption[] = [
  { name: 'depth', type: 4, value: 2 },
  { name: 'width', type: 4, value: 8 },
  { name: 'steps', type: 4, value: 5 },
  { name: 'points', type: 4, value: 64 },
  { name: 'seeds', type: 4, value: 1 },
  { name: 'grid_size', type: 4, value: 10 },
];
const user = (i: number) => String(410000000000000000n + BigInt(i));

let redis: RedisServer;
let discord: FakeDiscord;
let tutor: Awaited<ReturnType<typeof startTutor>>;
const claims: DiscordClaims[] = [];
const replicas: Adapter[] = [];
const urls: string[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
  discord = await startFakeDiscord();
  // 50 users at once: the in-process queue must hold them all.
  tutor = await startTutor({ maxQueued: 100 });
  for (let i = 0; i < 2; i += 1) {
    const claim = createDiscordClaims({ redisUrl: redis.url });
    claims.push(claim);
    const adapter = createDiscordAdapter({
      bot: tutor.bot,
      token: 'test-token',
      guildId: GUILD_ID,
      apiUrl: discord.apiUrl,
      logger: silentLogger,
      interactions: { publicKey: discord.publicKey, port: 0, host: '127.0.0.1', replays: claim.replays },
    });
    const { url } = await adapter.start();
    replicas.push(adapter);
    urls.push(url ?? '');
  }
  discord.deliverTo(urls);
}, 60_000);
afterAll(async () => {
  for (const adapter of replicas) await adapter.stop();
  for (const claim of claims) await claim.close();
  await discord?.close();
  await tutor?.stop();
  await redis?.stop();
});

const customIds = (call: RestCall | undefined): string[] =>
  (call?.body?.components ?? []).flatMap((row: { components: { custom_id: string }[] }) =>
    row.components.map((b) => b.custom_id),
  );

describe('the endpoint', () => {
  it('needs no gateway, serves on its path, registers the commands once and is ready', () => {
    expect(urls.every((url) => url.endsWith('/discord/interactions'))).toBe(true);
    expect(discord.gateway.events).toEqual([]);
    expect(discord.rest.calls.filter((c) => c.method === 'PUT')).toHaveLength(1);
    expect(replicas.map((r) => [r.isReady(), r.role?.()])).toEqual([
      [true, 'http'],
      [true, 'http'],
    ]);
  });

  it('answers a signed PING with PONG', async () => {
    const answer = await discord.signedPost({
      url: urls[0] ?? '',
      body: JSON.stringify({ type: 1, id: '1' }),
    });
    expect(answer).toEqual({ status: 200, text: JSON.stringify({ type: 1 }) });
  });

  it('refuses a wrong signature, a missing one, an old timestamp and a replayed body before any work', async () => {
    const [here = '', there = ''] = urls;
    const payload = (who: number) => commandInteraction(user(900 + who), 'train', QUICK);
    const forged = discord.deliverOne(here, payload(1), { key: testKeyPair().privateKey });
    const unsignedBody = payload(2);
    const unsigned = await fetch(here, { method: 'POST', body: JSON.stringify(unsignedBody) });
    const sixMinutesAgo = String(Math.floor(Date.now() / 1000) - 6 * 60);
    const stale = discord.deliverOne(here, payload(3), { timestamp: sixMinutesAgo });
    expect([await forged.delivered, unsigned.status, await stale.delivered]).toEqual([401, 401, 401]);

    // A genuine request is answered; the very same bytes again are refused by either replica.
    const genuine = payload(4);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const first = discord.deliverOne(here, genuine, { timestamp });
    expect(await first.delivered).toBe(200);
    const replays = [there, here].map((url) => discord.deliverOne(url, genuine, { timestamp }).delivered);
    expect(await Promise.all(replays)).toEqual([401, 401]);
    const final = await finalAnswer(discord, first, 60_000);
    expect(final.files.length).toBeGreaterThan(0);

    // Nothing was sent for the refused ones, not even a deferral; the genuine one was answered once.
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const refused of [forged, stale, { ...unsignedBody, at: 0 }])
      expect(discord.callsFor(refused)).toEqual([]);
    const calls = discord.callsFor(first);
    expect(calls.filter((c) => c.path.endsWith('/callback'))).toHaveLength(1);
    expect(calls.filter(isFinal)).toEqual([final]);
    expect(calls.every((c) => c.status < 300)).toBe(true);
  });
});

describe('two replicas behind a round-robin', () => {
  it('answer 50 interactions once each, deferred in the HTTP answer, with progress and buttons', async () => {
    // In waves of ten, each answered before the next: the fake, both replicas and the tutor share
    // this process and its two cores, and the charts (and GIF) of finished runs are drawn on its
    // event loop, which a burst of fifty would hold for longer than Discord's 3 s.
    const sent: SentInteraction[] = [];
    const finals: RestCall[] = [];
    for (let wave = 0; wave < 5; wave += 1) {
      const batch = Array.from({ length: 10 }, (_, j) => {
        const i = wave * 10 + j;
        return discord.slash(user(i), 'train', [...QUICK, { name: 'seed', type: 4, value: 1000 + i }]);
      });
      expect(await Promise.all(batch.map((s) => s.delivered))).toEqual(batch.map(() => 200));
      finals.push(...(await Promise.all(batch.map((s) => finalAnswer(discord, s, 60_000)))));
      sent.push(...batch);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (const [i, s] of sent.entries()) {
      const calls = discord.callsFor(s);
      // The first response is the HTTP answer: a public deferral, within Discord's 3 s.
      expect(calls[0]).toMatchObject({ viaHttp: true, status: 204, body: { type: 5, data: { flags: 0 } } });
      expect((calls[0]?.at ?? Number.POSITIVE_INFINITY) - s.at).toBeLessThan(3000);
      expect(calls.filter((c) => c.path.endsWith('/callback'))).toHaveLength(1);
      // Progress on the deferred message before the answer, with the requester's Cancel button.
      const working = calls.filter((c) => c.method === 'PATCH' && (c.body?.embeds ?? []).length === 0);
      expect(working.length).toBeGreaterThanOrEqual(1);
      expect(working[0]?.body.content).toMatch(/(⏳|▱|▰)/);
      expect(customIds(working[0])).toEqual([expect.stringMatching(/^dt1:cancel /)]);
      // One final answer, with its charts and follow-up buttons; nothing failed along the way.
      expect(calls.filter(isFinal)).toEqual([finals[i]]);
      expect(finals[i]?.files.length).toBeGreaterThan(0);
      expect(shownText(finals[i]?.body)).toMatch(/depth 2/);
      expect(customIds(finals[i]).length).toBeGreaterThan(1);
      expect(calls.every((c) => c.status < 300)).toBe(true);
    }
  }, 180_000);

  it('answers a follow-up button pressed on an answer once, as a new message', async () => {
    const first = discord.slash(user(60), 'train', QUICK);
    const final = await finalAnswer(discord, first, 60_000);
    const rerun = customIds(final).find((id) => id.includes('seed:2')) ?? '';
    expect(rerun).not.toBe('');
    const press = discord.press(user(61), rerun);
    expect(await press.delivered).toBe(200);
    const answer = await finalAnswer(discord, press, 60_000);
    const calls = discord.callsFor(press);
    expect(calls[0]).toMatchObject({ viaHttp: true, body: { type: 5 } });
    expect(answer.files.length).toBeGreaterThan(0);
    expect(calls.filter(isFinal)).toEqual([answer]);
  }, 120_000);

  it('answers autocomplete in the HTTP response', async () => {
    const interaction = commandInteraction(user(70), 'explain', [
      { name: 'topic', type: 3, value: 'batch', focused: true },
    ]);
    const answer = await discord.signedPost({ url: urls[1] ?? '', body: JSON.stringify(interaction) });
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.text) as { type: number; data: { choices: { value: string }[] } };
    expect(body.type).toBe(8);
    expect(body.data.choices.length).toBeGreaterThan(0);
  });
});
