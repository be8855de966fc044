import { createDiscordAdapter, type DiscordAdapterOptions } from '../../../src/adapters/discord/index.js';
import type { JobServiceOptions } from '../../../src/bot/jobs/job-config.js';
import { silentLogger } from '../../../src/bot/logger.js';
import { startTutor } from '../../bot/bot-harness.js';
import { type FakeDiscord, startFakeDiscord } from './fake-discord.js';
import { GUILD_ID, type SentOption } from './fake-objects.js';
import type { RestCall } from './fake-rest.js';

/*
 * The real tutor (engine, charts, lessons) behind the real discord.js, talking to the fake
 * Discord. Tests inject interactions and read back what the adapter sent.
 */

/** Typed options for `/train` that run in well under a second (the bot harness's SMALL). */
export const SMALL_OPTIONS: SentOption[] = [
  { name: 'depth', type: 4, value: 2 },
  { name: 'width', type: 4, value: 8 },
  { name: 'steps', type: 4, value: 40 },
  { name: 'points', type: 4, value: 64 },
  { name: 'seeds', type: 4, value: 1 },
  { name: 'grid_size', type: 4, value: 10 },
];

/** Starts tutor, fake Discord and adapter; `stop` tears all three down. */
export async function startDiscordTest(
  options: {
    adapter?: Partial<Omit<DiscordAdapterOptions, 'bot' | 'logger'>>;
    jobs?: Partial<Omit<JobServiceOptions, 'engine' | 'concurrency'>>;
    tokenLifetimeMs?: number;
  } = {},
) {
  const tutor = await startTutor(options.jobs);
  const discord = await startFakeDiscord(
    options.tokenLifetimeMs === undefined ? {} : { tokenLifetimeMs: options.tokenLifetimeMs },
  );
  const settings: DiscordAdapterOptions = {
    bot: tutor.bot,
    token: 'test-token',
    guildId: GUILD_ID,
    apiUrl: discord.apiUrl,
    logger: silentLogger,
    ...options.adapter,
  };
  const adapter = createDiscordAdapter(settings);
  await adapter.start();
  return {
    tutor,
    discord,
    adapter,
    settings,
    async stop() {
      await adapter.stop();
      await discord.close();
      await tutor.stop();
    },
  };
}

/**
 * Whether a call is one of an answer's further charts: a follow-up or channel message holding one
 * attachment and nothing else. It completes the answer before it; it is not an answer itself.
 */
export function isChartMessage(call: RestCall): boolean {
  return (
    call.status < 300 &&
    call.method === 'POST' &&
    call.files.length === 1 &&
    !call.body?.content &&
    (call.body?.embeds ?? []).length === 0 &&
    (call.body?.components ?? []).length === 0
  );
}

/** Whether a call is a final answer: a reply, an edit with embeds, a follow-up or a channel message. */
export function isFinal(call: RestCall): boolean {
  if (call.status >= 300 || isChartMessage(call)) return false;
  if (call.path.endsWith('/callback')) return call.body?.type === 4;
  if (call.method === 'PATCH') return (call.body?.embeds?.length ?? 0) > 0;
  return call.method === 'POST' && (call.path.startsWith('/webhooks/') || call.path.endsWith('/messages'));
}

/** Waits for the interaction's final answer (the first final call made with its token). */
export function finalAnswer(
  discord: FakeDiscord,
  sent: { token: string; id: string; at: number },
  timeoutMs?: number,
) {
  return discord.waitFor(`final answer to ${sent.id}`, () => discord.callsFor(sent).find(isFinal), timeoutMs);
}

/** The text a Discord message body shows: content, embed titles, descriptions and fields. */
// biome-ignore lint/suspicious/noExplicitAny: recorded JSON
export function shownText(body: any): string {
  const embeds = (body?.embeds ?? []) as {
    title?: string;
    description?: string;
    fields?: { name: string; value: string }[];
  }[];
  return [
    body?.content ?? '',
    ...embeds.flatMap((e) => [
      e.title ?? '',
      e.description ?? '',
      ...(e.fields ?? []).map((f) => `${f.name}: ${f.value}`),
    ]),
  ].join('\n');
}
