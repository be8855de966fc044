import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordAdapter } from '../../../src/adapters/discord/index.js';
import { silentLogger } from '../../../src/bot/logger.js';
import { finalAnswer, isFinal, SMALL_OPTIONS, shownText, startDiscordTest } from './discord-harness.js';
import { CHANNEL_ID, startFakeDiscord } from './fake-discord.js';
import { GUILD_ID, type SentOption } from './fake-objects.js';
import type { RestCall } from './fake-rest.js';

/*
 * The real discord.js against the fake Discord, with the real tutor behind it: registration,
 * a /train from deferral to charts, throttled progress, and the buttons.
 */

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** A run long enough for progress edits: 3-6 s on this machine, just under the work limit. */
const LONG_OPTIONS: SentOption[] = [
  { name: 'depth', type: 4, value: 4 },
  { name: 'steps', type: 4, value: 3000 },
  { name: 'points', type: 4, value: 400 },
  { name: 'seeds', type: 4, value: 2 },
];
const ADA = '400000000000000001';
const BOB = '400000000000000002';
const CY = '400000000000000003';

let h: Awaited<ReturnType<typeof startDiscordTest>>;
let firstFinal: RestCall;

beforeAll(async () => {
  h = await startDiscordTest();
});
afterAll(async () => {
  await h?.stop();
});

const customIds = (call: RestCall | undefined): string[] =>
  (call?.body?.components ?? []).flatMap((row: { components: { custom_id: string }[] }) =>
    row.components.map((b) => b.custom_id),
  );

describe('command registration', () => {
  it('PUTs the commands into the guild once, not again when unchanged, and globally without a guild', async () => {
    const discord = await startFakeDiscord();
    const base = { bot: h.tutor.bot, token: 'test-token', apiUrl: discord.apiUrl, logger: silentLogger };
    try {
      const puts = () => discord.rest.calls.filter((c) => c.method === 'PUT');
      const first = createDiscordAdapter({ ...base, guildId: GUILD_ID });
      await first.start();
      expect(first.isReady()).toBe(true);
      await first.stop();
      expect(puts()).toHaveLength(1);
      const put = puts()[0];
      expect(put?.path).toBe(`/applications/100000000000000001/guilds/${GUILD_ID}/commands`);
      const train = put?.body.find((c: { name: string }) => c.name === 'train');
      expect(train.options.find((o: { name: string }) => o.name === 'learning_rate')).toMatchObject({
        type: 10,
        min_value: 1e-5,
        max_value: 10,
      });
      expect(put?.body.map((c: { name: string }) => c.name)).toEqual(h.tutor.bot.commands.map((c) => c.name));

      const again = createDiscordAdapter({ ...base, guildId: GUILD_ID });
      await again.start();
      await again.stop();
      expect(
        discord.rest.calls.filter((c) => c.method === 'GET' && c.path.endsWith('/commands')),
      ).toHaveLength(2);
      expect(puts()).toHaveLength(1);

      const global = createDiscordAdapter(base);
      await global.start();
      await global.stop();
      expect(puts().map((c) => c.path)).toEqual([put?.path, '/applications/100000000000000001/commands']);
      // The fake's GET /gateway/bot pointed discord.js at the fake gateway; it identified each time.
      expect(discord.gateway.events.filter((e) => e.kind === 'identify')).toHaveLength(3);
      expect(discord.gateway.events.find((e) => e.kind === 'identify')?.data.token).toBe('test-token');
    } finally {
      await discord.close();
    }
  });
});

describe('/train', () => {
  it('is deferred within 3 s and completed with real PNG charts and the training GIF shown in the embeds', async () => {
    const sent = h.discord.slash(ADA, 'train', SMALL_OPTIONS);
    firstFinal = await finalAnswer(h.discord, sent);
    const [callback] = h.discord.callsFor(sent);
    expect(callback?.body).toEqual({ type: 5, data: { flags: 0 } });
    expect((callback?.at ?? Infinity) - sent.at).toBeLessThan(3000);
    expect(firstFinal.method).toBe('PATCH');
    expect(firstFinal.files.length).toBeGreaterThanOrEqual(1);
    // The training animation takes the decision boundary's place; every other chart is a PNG.
    const gifs = firstFinal.files.filter((file) => file.name.endsWith('.gif'));
    expect(gifs.map((file) => [file.name, file.contentType])).toEqual([['training.gif', 'image/gif']]);
    expect(gifs[0]!.data.subarray(0, 6).toString('latin1')).toBe('GIF89a');
    expect(firstFinal.files.some((file) => file.name.startsWith('decision-boundary'))).toBe(false);
    for (const file of firstFinal.files.filter((f) => !f.name.endsWith('.gif'))) {
      expect(file.data.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      expect(file.contentType).toBe('image/png');
    }
    const imageUrls = firstFinal.body.embeds.map((e: { image?: { url: string } }) => e.image?.url);
    expect(imageUrls[0]).toBe(`attachment://${firstFinal.files[0]?.name}`);
    expect(imageUrls).toEqual(firstFinal.files.map((f) => `attachment://${f.name}`));
    expect(shownText(firstFinal.body)).toMatch(/depth 2/);
    expect(customIds(firstFinal).length).toBeGreaterThan(0);
  });

  it('edits progress at most every 1.5 s and never after the final answer', async () => {
    const sent = h.discord.slash(ADA, 'train', LONG_OPTIONS);
    const final = await finalAnswer(h.discord, sent);
    await new Promise((resolve) => setTimeout(resolve, 1700));
    const calls = h.discord.callsFor(sent);
    expect(calls.at(-1)).toBe(final);
    const edits = calls.filter((c) => c.method === 'PATCH' && c !== final);
    const progress = edits.filter((c) => /\d+%/.test(c.body?.content ?? ''));
    // How many progress edits fit depends on this shared machine's speed; the exact throttling is
    // pinned down with fake timers in interaction-session.test.ts.
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(edits.length).toBeGreaterThanOrEqual(2);
    // The bot's progress words: the status, then which seed reports, its step and its loss.
    expect(progress.at(-1)?.body.content).toMatch(
      /▰*▱* \d+% · running · seed [12] of 2, step \d+ of 3000, loss \d\.\d+/,
    );
    // The summary names the run; where it stands is the status line's, which moved on.
    expect(edits.every((c) => !/\((starting|queued #\d+)\)/.test(c.body?.content ?? ''))).toBe(true);
    const gaps = edits.slice(1).map((c, i) => c.at - (edits[i]?.at ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1400);
    expect(customIds(edits[0])).toEqual([expect.stringMatching(/^dt1:cancel /)]);
  });

  it('refuses a stranger’s cancel privately and lets the requester cancel a queued run', async () => {
    // Ada's second run waits behind her first (one running job per user), so it is still queued.
    const running = h.discord.slash(ADA, 'train', [...LONG_OPTIONS, { name: 'seed', type: 4, value: 11 }]);
    const queued = h.discord.slash(ADA, 'train', [...LONG_OPTIONS, { name: 'seed', type: 4, value: 12 }]);
    const accepted = await h.discord.waitFor('the queued run’s first edit', () =>
      h.discord.callsFor(queued).find((c) => c.method === 'PATCH'),
    );
    expect(accepted.body.content).toMatch(/\n⏳ queued #1$/);
    const cancelId = customIds(accepted)[0] ?? '';
    expect(cancelId).toMatch(/^dt1:cancel /);

    const stranger = h.discord.press(BOB, cancelId);
    const refusal = await finalAnswer(h.discord, stranger);
    expect(refusal.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(shownText(refusal.body.data)).toMatch(/Only the person who started a run can cancel it/);

    const owner = h.discord.press(ADA, cancelId);
    expect(shownText((await finalAnswer(h.discord, owner)).body.data)).toMatch(/Cancelled/);
    const ended = await finalAnswer(h.discord, queued);
    expect(ended).toMatchObject({ method: 'POST', body: { flags: 64 } });
    expect(h.discord.callsFor(queued).at(-2)?.body.content).toMatch(/⏹ Cancelled/);
    expect((await finalAnswer(h.discord, running)).files.length).toBeGreaterThan(0);
  });

  it('starts a new run for whoever presses a follow-up button, as a new message', async () => {
    const rerun = customIds(firstFinal).find((id) => id.includes('seed:2'));
    expect(rerun).toBeDefined();
    const before = h.discord.rest.calls.length;
    const press = h.discord.press(CY, rerun ?? '');
    const final = await finalAnswer(h.discord, press);
    expect(h.discord.callsFor(press)[0]?.body).toEqual({ type: 5, data: { flags: 0 } });
    expect(final.path).toContain(`/${press.token}/messages/@original`);
    expect(final.files.length).toBeGreaterThan(0);
    expect(shownText(final.body)).toMatch(/seed:2/);
    // The message the button sat on was not touched.
    expect(h.discord.rest.calls.slice(before).every((c) => c.path.includes(press.token))).toBe(true);
  });

  it('keeps buttons working in a restarted adapter; a gone job’s cancel gets a private note', async () => {
    const discord = await startFakeDiscord();
    const restarted = createDiscordAdapter({
      bot: h.tutor.bot,
      token: 'test-token',
      guildId: GUILD_ID,
      apiUrl: discord.apiUrl,
      logger: silentLogger,
    });
    try {
      await restarted.start();
      const deeper = customIds(firstFinal).find((id) => id.includes('d:4'));
      const press = discord.press(BOB, deeper ?? '');
      expect((await finalAnswer(discord, press)).files.length).toBeGreaterThan(0);
      const cancel = discord.press(BOB, 'dt1:cancel 00000000-gone');
      const note = await finalAnswer(discord, cancel);
      expect(note.body).toMatchObject({ type: 4, data: { flags: 64 } });
      expect(shownText(note.body.data)).toMatch(/already finished or is no longer known/);
    } finally {
      await restarted.stop();
      await discord.close();
    }
  });

  it('posts an unprompted reply into a channel', async () => {
    await h.adapter.post(CHANNEL_ID, {
      visibility: 'public',
      headline: 'Daily demo',
      blocks: ['*Depth* makes training harder.'],
      fields: [],
      images: [],
      buttons: [{ id: 'dt1:train depth:8', label: 'Try depth 8', style: 'primary' }],
    });
    const posted = h.discord.rest.calls.find((c) => c.path === `/channels/${CHANNEL_ID}/messages`);
    expect(posted?.body.embeds[0]).toMatchObject({
      title: 'Daily demo',
      description: '**Depth** makes training harder.',
    });
    expect(customIds(posted)).toEqual(['dt1:train depth:8']);
  });

  it('autocompletes lesson topics and help command names', async () => {
    const topic = h.discord.slash(ADA, 'explain', [{ name: 'topic', type: 3, value: 'grad', focused: true }]);
    const answer = await h.discord.waitFor('autocomplete', () => h.discord.callsFor(topic)[0]);
    expect(answer.body.type).toBe(8);
    expect(answer.body.data.choices.map((c: { value: string }) => c.value)).toContain('vanishing-gradients');
    const help = h.discord.slash(ADA, 'help', [{ name: 'command', type: 3, value: 'comp', focused: true }]);
    const helpAnswer = await h.discord.waitFor('autocomplete', () => h.discord.callsFor(help)[0]);
    expect(helpAnswer.body.data.choices[0].value).toBe('compare');
    expect(h.discord.callsFor(help).filter(isFinal)).toEqual([]);
  });
});
