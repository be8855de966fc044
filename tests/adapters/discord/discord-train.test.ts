import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMBED_LIMITS } from '../../../src/adapters/discord/embed-limits.js';
import { createDiscordAdapter } from '../../../src/adapters/discord/index.js';
import { toDiscordName } from '../../../src/adapters/discord/option-names.js';
import { silentLogger } from '../../../src/bot/logger.js';
import { describeParts, describeSpec } from '../../../src/bot/replies/describe-spec.js';
import { TRAIN_FIELDS } from '../../../src/engine/specs/train.js';
import { validateSpec } from '../../../src/engine/validate.js';
import {
  finalAnswer,
  isChartMessage,
  isFinal,
  SMALL_OPTIONS,
  shownText,
  startDiscordTest,
} from './discord-harness.js';
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
  it('is deferred within 3 s and completed with real PNG charts and the training GIF, one chart per message', async () => {
    const sent = h.discord.slash(ADA, 'train', SMALL_OPTIONS);
    firstFinal = await finalAnswer(h.discord, sent);
    const [callback] = h.discord.callsFor(sent);
    expect(callback?.body).toEqual({ type: 5, data: { flags: 0 } });
    expect((callback?.at ?? Infinity) - sent.at).toBeLessThan(3000);
    expect(firstFinal.method).toBe('PATCH');
    // The answer shows its first chart, the loss curves, in its one embed.
    expect(firstFinal.files.map((f) => f.name)).toEqual(['loss-curves.png']);
    expect(firstFinal.body.embeds).toHaveLength(1);
    expect(firstFinal.body.embeds[0].image.url).toBe('attachment://loss-curves.png');
    // Further charts follow one per message; the training animation, in the decision boundary's
    // place, comes last.
    const charts = await h.discord.waitFor('the animation’s message', () => {
      const sentCharts = h.discord.callsFor(sent).filter(isChartMessage);
      return sentCharts.at(-1)?.files[0]?.name === 'training.gif' ? sentCharts : undefined;
    });
    expect(charts.length).toBeGreaterThanOrEqual(2);
    expect(charts.every((c) => c.at >= firstFinal.at && c.path.startsWith('/webhooks/'))).toBe(true);
    expect(charts[0]?.files[0]?.name).toBe('gradient-norms.png');
    const gif = charts.at(-1)!.files[0]!;
    expect(gif.contentType).toBe('image/gif');
    expect(gif.data.subarray(0, 6).toString('latin1')).toBe('GIF89a');
    const files = [firstFinal, ...charts].flatMap((c) => c.files);
    expect(files.some((file) => file.name.startsWith('decision-boundary'))).toBe(false);
    for (const file of files.filter((f) => !f.name.endsWith('.gif'))) {
      expect(file.data.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      expect(file.contentType).toBe('image/png');
    }
    // One final answer: the chart messages complete it.
    expect(h.discord.callsFor(sent).filter(isFinal)).toEqual([firstFinal]);
    expect(shownText(firstFinal.body)).toMatch(/depth 2/);
    expect(customIds(firstFinal).length).toBeGreaterThan(0);
  });

  it('edits progress at most every 1.5 s and never after the final answer', async () => {
    const sent = h.discord.slash(ADA, 'train', LONG_OPTIONS);
    const final = await finalAnswer(h.discord, sent);
    await new Promise((resolve) => setTimeout(resolve, 1700));
    // After the final answer come its chart messages, never another edit.
    const calls = h.discord.callsFor(sent).filter((c) => !isChartMessage(c));
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
    // The message the button sat on was not touched (chart messages of earlier answers may still arrive).
    const later = h.discord.rest.calls.slice(before).filter((c) => !isChartMessage(c));
    expect(later.every((c) => c.path.includes(press.token))).toBe(true);
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

  it('shows every option of a long /train: the short title, the whole description under it, within the limits', async () => {
    // Every option away from its default, numbers at 17 digits, yet small enough to run in seconds.
    const values = {
      depth: 32,
      width: 4,
      activation: 'tanh',
      init: 'gaussian',
      weightScale: 1.2345678901234567,
      biasScale: 0.12345678901234568,
      residual: true,
      normalization: 'layer',
      loss: 'mse',
      optimizer: 'momentum',
      learningRate: 0.012345678901234567,
      steps: 20,
      dataset: 'circles',
      points: 100,
      noise: 0.12345678901234568,
      seed: 2147483647,
      seeds: 2,
      gridSize: 11,
      animate: false,
      frames: 59,
      standardize: false,
    };
    const checked = validateSpec({ experiment: 'train', ...values });
    if (!checked.ok) throw new Error(checked.errors.map((e) => e.message).join('; '));
    expect(Object.keys(values).sort()).toEqual(Object.keys(TRAIN_FIELDS).sort());
    const typeOf = (v: unknown) =>
      typeof v === 'boolean' ? 5 : typeof v === 'string' ? 3 : Number.isInteger(v) ? 4 : 10;
    const sent = h.discord.slash(
      BOB,
      'train',
      Object.entries(values).map(([key, value]) => ({
        name: toDiscordName(key),
        type: typeOf(value),
        value,
      })),
    );
    const final = await finalAnswer(h.discord, sent);
    const description = describeSpec(checked.spec);
    expect(`Training run: ${description}`.length).toBeGreaterThan(EMBED_LIMITS.title);
    const main = final.body.embeds[0];
    expect(main.title).toBe('Training run');
    expect(main.description.startsWith(`${description}\n\n`)).toBe(true);
    for (const part of describeParts(checked.spec)) expect(main.description).toContain(part.text);
    // The message that showed progress named the whole description too, within a message's 2000.
    const working = h.discord.callsFor(sent).find((c) => c.method === 'PATCH' && c !== final);
    expect(working?.body.content.startsWith(description)).toBe(true);
    expect(working?.body.content.length).toBeLessThanOrEqual(2000);
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

  it('posts an unprompted reply with three charts as three channel messages, one image each, in order', async () => {
    const before = h.discord.rest.calls.length;
    const png = (n: number) => Buffer.concat([PNG_SIGNATURE, Buffer.from([n])]);
    await h.adapter.post(CHANNEL_ID, {
      visibility: 'public',
      headline: 'Weekly demo',
      blocks: ['Three charts.'],
      fields: [],
      images: ['loss-curves', 'gradient-norms', 'restarts'].map((name, i) => ({
        name: `${name}.png`,
        png: png(i),
        alt: `${name}: numbers ${i}`,
      })),
      buttons: [],
    });
    const posts = h.discord.rest.calls
      .slice(before)
      .filter((c) => c.method === 'POST' && c.path === `/channels/${CHANNEL_ID}/messages`);
    expect(posts.map((c) => c.files.map((f) => f.name))).toEqual([
      ['loss-curves.png'],
      ['gradient-norms.png'],
      ['restarts.png'],
    ]);
    expect(posts.map((c) => c.body.embeds?.length ?? 0)).toEqual([1, 0, 0]);
    expect(posts[0]?.body.embeds[0].image.url).toBe('attachment://loss-curves.png');
    expect(posts.slice(1).every(isChartMessage)).toBe(true);
    expect(posts[2]?.files[0]?.data.equals(png(2))).toBe(true);
    // The alt text, with its numbers, travels with each image.
    expect(posts.map((c) => c.body.attachments?.[0]?.description)).toEqual([
      'loss-curves: numbers 0',
      'gradient-norms: numbers 1',
      'restarts: numbers 2',
    ]);
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
