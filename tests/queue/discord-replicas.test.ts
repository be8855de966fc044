import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUIZ_KINDS } from '../../src/bot/classroom/quiz-kinds.js';
import { draftSchedule } from '../../src/bot/classroom/schedule-spec.js';
import { openStore } from '../../src/store/index.js';
import { isChartMessage, shownText } from '../adapters/discord/discord-harness.js';
import {
  CHANNEL_ID,
  type FakeDiscord,
  type SentInteraction,
  startFakeDiscord,
} from '../adapters/discord/fake-discord.js';
import { GUILD_ID } from '../adapters/discord/fake-objects.js';
import { freePort, type RedisServer, startRedisServer } from './redis-server.js';
import {
  type LogLine,
  spawnBot,
  startFleet,
  type WorkerFleet,
  type WorkerProcess,
  waitForLog,
} from './worker-fleet.js';

/*
 * Bot replicas as they are deployed: `npm start` processes sharing one Redis and one database
 * file, against the fake Discord, with a queue worker for the experiments. In gateway mode only
 * the lease's holder connects, so each interaction (which Discord delivers to every session) is
 * answered once, and a killed holder's gateway is taken over within seconds. In HTTP mode a
 * round-robin spreads interactions over both. In both, a scheduled post and a quiz reveal that
 * fall due while both replicas run are made once.
 */

const TEACHER = '420000000000000001';
const STUDENT = (i: number) => String(430000000000000000n + BigInt(i));

let redis: RedisServer;
let fleet: WorkerFleet;
const dirs: string[] = [];
const bots: WorkerProcess[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
  fleet = startFleet({ redisUrl: redis.url, count: 1, args: ['--ops-port', '0'] });
  await fleet.ready();
}, 60_000);
afterAll(async () => {
  for (const bot of bots)
    if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGKILL');
  await fleet?.stop();
  await redis?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A database with a daily demo due two minutes ago (made at start-up, within the grace hour) and an open quiz. */
function seededDatabase(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'replicas-'));
  dirs.push(dir);
  const file = path.join(dir, 'tutor.db');
  const store = openStore(file);
  const now = Date.now();
  const due = new Date(now - 2 * 60_000);
  const time = `${String(due.getUTCHours()).padStart(2, '0')}:${String(due.getUTCMinutes()).padStart(2, '0')}`;
  const draft = draftSchedule(
    { time, tz: 'UTC', days: 'daily', post: '/train depth:1 steps:20 seeds:1 points:64' },
    { conversation: CHANNEL_ID, now: now - 5 * 60_000, checkCommand: () => undefined },
  );
  if ('kind' in draft) throw new Error(draft.message);
  const schedule = store.schedules.add({ ...draft, platform: 'discord', server: GUILD_ID, owner: TEACHER });

  const quiz = QUIZ_KINDS.depth?.build({ shallow: 1, deep: 2, steps: 20 });
  if (!quiz) throw new Error('no depth quiz');
  store.quizzes.create({
    platform: 'discord',
    server: GUILD_ID,
    conversation: CHANNEL_ID,
    starter: TEACHER,
    kind: 'depth',
    ...quiz,
    revealAt: now + 3000,
  });
  store.close();
  // Made ten minutes ago, so the due time two minutes ago counts (a schedule is due only after it was made).
  const raw = new Database(file);
  raw.prepare('UPDATE schedules SET active_since = ? WHERE id = ?').run(now - 10 * 60_000, schedule.id);
  raw.close();
  return file;
}

function startBot(env: Record<string, string>): WorkerProcess {
  const bot = spawnBot({ REDIS_URL: redis.url, TUTOR_BACKEND: 'wasm', TUTOR_WORKERS: '1', ...env });
  bots.push(bot);
  return bot;
}

const isReady = (line: LogLine) => line.msg === 'discord ready';

/** The channel messages that are answers (not a chart following one). */
const channelAnswers = (discord: FakeDiscord) =>
  discord.rest.calls.filter(
    (c) => c.method === 'POST' && c.path === `/channels/${CHANNEL_ID}/messages` && !isChartMessage(c),
  );

/** Waits for the scheduled post and the quiz reveal, then a little longer for any second copy. */
async function classroomPosts(discord: FakeDiscord) {
  await discord.waitFor(
    'the scheduled post and the quiz reveal',
    () => (channelAnswers(discord).length >= 2 ? true : undefined),
    60_000,
  );
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const texts = channelAnswers(discord).map((c) => shownText(c.body));
  return {
    reveals: texts.filter((t) => /Quiz #1/.test(t)),
    others: texts.filter((t) => !/Quiz #1/.test(t)),
  };
}

/** The interaction's first responses (callback or HTTP answer), all of them, accepted or refused. */
const firstResponses = (discord: FakeDiscord, sent: SentInteraction) =>
  discord.callsFor(sent).filter((c) => c.path.endsWith('/callback'));

async function answeredOnce(discord: FakeDiscord, sent: SentInteraction) {
  await discord.waitFor(`an answer to ${sent.id}`, () => firstResponses(discord, sent)[0], 20_000);
  await new Promise((resolve) => setTimeout(resolve, 300));
  return firstResponses(discord, sent).map((c) => c.status);
}

async function readyz(bot: WorkerProcess) {
  const line = await waitForLog(bot, (l) => l.msg === 'health, readiness and metrics ready');
  const response = await fetch(`${String(line.url)}/readyz`);
  return { status: response.status, body: (await response.json()) as { roles?: Record<string, string> } };
}

describe('gateway mode: one gateway at a time', () => {
  let discord: FakeDiscord;
  beforeAll(async () => {
    discord = await startFakeDiscord();
  });
  afterAll(async () => {
    await discord?.close();
  });

  it('answers each interaction once, posts once, and hands the gateway over within 10 s of a kill', async () => {
    const env = {
      DISCORD_TOKEN: 'test-token',
      DISCORD_API_URL: discord.apiUrl,
      DISCORD_GUILD_ID: GUILD_ID,
      TUTOR_DB: seededDatabase(),
    };
    const pair = [startBot(env), startBot(env)];
    const roles = await Promise.all(pair.map(async (bot) => (await waitForLog(bot, isReady, 60_000)).role));
    expect([...roles].sort()).toEqual(['gateway', 'standby']);
    const holder = pair[roles.indexOf('gateway')] as WorkerProcess;
    const standby = pair[roles.indexOf('standby')] as WorkerProcess;
    expect(discord.gateway.openSessions()).toHaveLength(1);
    // The standby is ready (it serves everything else) and says what it does for Discord.
    expect(await readyz(standby)).toMatchObject({ status: 200, body: { roles: { discord: 'standby' } } });
    expect(await readyz(holder)).toMatchObject({ status: 200, body: { roles: { discord: 'gateway' } } });

    const posts = await classroomPosts(discord);
    expect(posts.reveals).toHaveLength(1);
    expect(posts.others).toHaveLength(1);

    for (let i = 0; i < 5; i += 1) {
      expect(await answeredOnce(discord, discord.slash(STUDENT(i), 'help'))).toEqual([204]);
    }

    // Mid-lesson the holder dies without a word; the standby takes the lease when it expires.
    const killedAt = Date.now();
    holder.child.kill('SIGKILL');
    await holder.exited;
    const identify = await discord.waitFor(
      'a new gateway session',
      () => discord.gateway.events.find((e) => e.kind === 'identify' && e.at > killedAt),
      15_000,
    );
    await discord.waitFor('the new session to be the only open one', () =>
      discord.gateway.openSessions().length === 1 && discord.gateway.openSessions()[0] === identify.session
        ? true
        : undefined,
    );
    const handover = Date.now() - killedAt;
    expect(handover).toBeLessThan(10_000);
    await waitForLog(standby, (l) => l.msg === 'connected to the Discord gateway' && l.lease === 'held');
    expect(await answeredOnce(discord, discord.slash(STUDENT(9), 'help'))).toEqual([204]);
    expect(await readyz(standby)).toMatchObject({ status: 200, body: { roles: { discord: 'gateway' } } });
    console.info(`gateway handover after SIGKILL: ${handover} ms`);

    standby.child.kill('SIGTERM');
    expect((await standby.exited).code).toBe(0);
    // The lease went with the clean stop: no replica holds the gateway now.
    expect(discord.gateway.openSessions()).toEqual([]);
  }, 180_000);
});

describe('HTTP mode: any number of replicas behind one URL', () => {
  let discord: FakeDiscord;
  beforeAll(async () => {
    discord = await startFakeDiscord();
  });
  afterAll(async () => {
    await discord?.close();
  });

  it('answers each interaction once and posts once, with no gateway', async () => {
    const database = seededDatabase();
    const ports = [await freePort(), await freePort()];
    const pair = ports.map((port) =>
      startBot({
        DISCORD_TOKEN: 'test-token',
        DISCORD_API_URL: discord.apiUrl,
        DISCORD_GUILD_ID: GUILD_ID,
        DISCORD_PUBLIC_KEY: discord.publicKey,
        DISCORD_PORT: String(port),
        TUTOR_DB: database,
      }),
    );
    const ready = await Promise.all(pair.map((bot) => waitForLog(bot, isReady, 60_000)));
    expect(ready.map((line) => line.role)).toEqual(['http', 'http']);
    discord.deliverTo(ready.map((line) => String(line.url)));
    expect(discord.gateway.events).toEqual([]);

    const posts = await classroomPosts(discord);
    expect(posts.reveals).toHaveLength(1);
    expect(posts.others).toHaveLength(1);

    for (let i = 0; i < 6; i += 1) {
      const sent = discord.slash(STUDENT(20 + i), 'help');
      expect(await sent.delivered).toBe(200);
      expect(await answeredOnce(discord, sent)).toEqual([204]);
    }
    for (const bot of pair) bot.child.kill('SIGTERM');
    expect((await Promise.all(pair.map((bot) => bot.exited))).map((e) => e.code)).toEqual([0, 0]);
  }, 180_000);
});
