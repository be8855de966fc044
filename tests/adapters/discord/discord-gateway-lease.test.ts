import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDiscordAdapter } from '../../../src/adapters/discord/index.js';
import type { Adapter } from '../../../src/adapters/types.js';
import type { Bot } from '../../../src/bot/create-bot.js';
import { silentLogger } from '../../../src/bot/logger.js';
import { privateNote } from '../../../src/bot/replies/plain-replies.js';
import { createDiscordClaims, type DiscordClaims } from '../../../src/queue/replica/discord-claims.js';
import { type RedisServer, startRedisServer } from '../../queue/redis-server.js';
import { CHANNEL_ID, type FakeDiscord, type SentInteraction, startFakeDiscord } from './fake-discord.js';
import { GUILD_ID } from './fake-objects.js';

/*
 * Why the lease exists, and that it works, in one process: the fake gateway delivers an
 * interaction to every session, as Discord does, so two replicas that both connect answer it
 * twice (the second gets Discord's "already acknowledged"); with the lease only one connects, the
 * other stands by, and either of them can still post to a channel over REST.
 */

const bot: Bot = {
  commands: [
    {
      name: 'hello',
      description: 'says hello (stand-in)',
      options: {},
      examples: [],
      run: async () => privateNote('unused'),
    },
  ] as unknown as Bot['commands'],
  handle: () => Promise.resolve(privateNote('Hello')),
  handleButton: () => Promise.resolve(privateNote('no buttons here')),
};

let redis: RedisServer;
let discord: FakeDiscord;
const claims: DiscordClaims[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
  discord = await startFakeDiscord();
});
afterAll(async () => {
  for (const claim of claims) await claim.close();
  await discord?.close();
  await redis?.stop();
});

const replica = (withLease: boolean): Adapter => {
  const claim = createDiscordClaims({ redisUrl: redis.url });
  claims.push(claim);
  return createDiscordAdapter({
    bot,
    token: 'test-token',
    guildId: GUILD_ID,
    apiUrl: discord.apiUrl,
    logger: silentLogger,
    ...(withLease ? { gatewayLease: claim.lease } : {}),
  });
};

async function firstResponses(sent: SentInteraction): Promise<number[]> {
  await discord.waitFor('a first response', () => discord.callsFor(sent)[0]);
  await new Promise((resolve) => setTimeout(resolve, 500));
  return discord
    .callsFor(sent)
    .filter((c) => c.path.endsWith('/callback'))
    .map((c) => c.status);
}

it('without the lease, two replicas both answer an interaction; the second is refused by Discord', async () => {
  const pair = [replica(false), replica(false)];
  for (const adapter of pair) await adapter.start();
  try {
    expect(discord.gateway.openSessions()).toHaveLength(2);
    const sent = discord.slash('440000000000000001', 'hello');
    const statuses = await firstResponses(sent);
    expect(statuses.sort()).toEqual([204, 400]);
    // The refused replica falls back to a channel message: the class sees the answer twice.
    await discord.waitFor('the second answer in the channel', () =>
      discord.rest.calls.find((c) => c.path === `/channels/${CHANNEL_ID}/messages` && c.at >= sent.at),
    );
  } finally {
    for (const adapter of pair) await adapter.stop();
  }
  expect(discord.gateway.openSessions()).toEqual([]);
});

it('with the lease, one replica holds the gateway, the other stands by and still posts', async () => {
  const [first, second] = [replica(true), replica(true)] as [Adapter, Adapter];
  await first.start();
  await second.start();
  try {
    expect([first.role?.(), second.role?.()]).toEqual(['gateway', 'standby']);
    expect([first.isReady(), second.isReady()]).toEqual([true, true]);
    expect(discord.gateway.openSessions()).toHaveLength(1);
    for (let i = 0; i < 3; i += 1) {
      expect(await firstResponses(discord.slash(`44000000000000001${i}`, 'hello'))).toEqual([204]);
    }
    // A standby that wins a scheduled post's claim posts it without a gateway.
    const before = Date.now();
    await second.post(CHANNEL_ID, { ...privateNote('Scheduled demo'), visibility: 'public' });
    const posted = discord.rest.calls.filter(
      (c) => c.path === `/channels/${CHANNEL_ID}/messages` && c.at >= before,
    );
    expect(posted.map((c) => c.status)).toEqual([200]);

    // A clean stop gives the lease up: the standby connects at its next try, in under two seconds.
    const stoppedAt = Date.now();
    await first.stop();
    await discord.waitFor(
      'the standby to connect',
      () => (second.role?.() === 'gateway' ? true : undefined),
      5000,
    );
    expect(Date.now() - stoppedAt).toBeLessThan(2500);
    expect(discord.gateway.openSessions()).toHaveLength(1);
    expect(await firstResponses(discord.slash('440000000000000020', 'hello'))).toEqual([204]);
  } finally {
    await first.stop();
    await second.stop();
  }
});
