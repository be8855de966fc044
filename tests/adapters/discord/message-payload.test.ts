import { describe, expect, it } from 'vitest';
import { EMBED_LIMITS } from '../../../src/adapters/discord/embed-limits.js';
import { toDiscordMarkdown, toDiscordReply } from '../../../src/adapters/discord/message-payload.js';
import { optionNameTables } from '../../../src/adapters/discord/option-names.js';
import { progressLine, workingMessage } from '../../../src/adapters/discord/progress-view.js';
import { toBotRequest, toButtonPress } from '../../../src/adapters/discord/translate.js';
import { COMMANDS } from '../../../src/bot/commands/index.js';
import { describeParts, describeSpec } from '../../../src/bot/replies/describe-spec.js';
import { experimentHeadline } from '../../../src/bot/replies/experiment-reply.js';
import type { Reply, ReplyButton } from '../../../src/bot/types.js';
import { LONGEST_SPECS } from '../../bot/replies/longest-spec.js';

const png = (n: number) => Buffer.from([0x89, 0x50, 0x4e, 0x47, n]);

function reply(overrides: Partial<Reply> = {}): Reply {
  return {
    visibility: 'public',
    headline: 'Training run: depth 8',
    blocks: ['The loss *stalls* at `ln 2`.', '• one\n• two'],
    fields: [
      { label: 'Configuration', value: '`/train depth:8 learning_rate:0.1`' },
      { label: 'Seeds', value: '1, 2, 3' },
    ],
    images: [
      { name: 'loss curves.png', png: png(1), alt: 'loss over steps' },
      { name: 'gradients.png', png: png(2), alt: 'gradient per layer' },
    ],
    buttons: [{ id: 'dt1:train depth:16', label: 'Go deeper', style: 'primary' }],
    ...overrides,
  };
}

const sizeOf = (m: ReturnType<typeof toDiscordReply>['answer']) =>
  m.embeds.reduce(
    (n, e) =>
      n +
      (e.title?.length ?? 0) +
      (e.description?.length ?? 0) +
      (e.fields ?? []).reduce((k, f) => k + f.name.length + f.value.length, 0),
    0,
  );

describe('Reply → Discord message', () => {
  it('puts headline, text, facts, the first chart and the buttons in the answer, each further chart in a message of its own', () => {
    const { answer, charts } = toDiscordReply(
      reply({ images: [...reply().images, { name: 'layers.png', png: png(3), alt: 'layers' }] }),
    );
    const [main] = answer.embeds;
    expect(answer.embeds).toHaveLength(1);
    expect(main?.title).toBe('Training run: depth 8');
    expect(main?.description).toBe('The loss **stalls** at `ln 2`.\n\n• one\n• two');
    expect(main?.fields?.[0]).toEqual({
      name: 'Configuration',
      value: '`/train depth:8 learning_rate:0.1`',
      inline: true,
    });
    expect(answer.files.map((f) => f.name)).toEqual(['loss-curves.png']);
    expect(main?.image?.url).toBe('attachment://loss-curves.png');
    expect(answer.files[0]).toMatchObject({ description: 'loss over steps' });
    expect(answer.components[0]?.components[0]).toMatchObject({
      custom_id: 'dt1:train depth:16',
      style: 1,
      label: 'Go deeper',
    });
    // Each further chart alone, in order: a bare attachment with its alt text, no embed, no buttons.
    expect(charts.map((m) => m.files.map((f) => f.name))).toEqual([['gradients.png'], ['layers.png']]);
    expect(charts.map((m) => m.files[0]?.description)).toEqual(['gradient per layer', 'layers']);
    expect(charts[0]?.files[0]?.attachment.equals(png(2))).toBe(true);
    for (const chart of charts) expect(chart).toMatchObject({ content: '', embeds: [], components: [] });
  });

  it('sends a reply without charts as one message, and one with a single chart too', () => {
    expect(toDiscordReply(reply({ images: [] }))).toMatchObject({ answer: { files: [] }, charts: [] });
    const one = toDiscordReply(reply({ images: reply().images.slice(0, 1) }));
    expect(one.answer.files).toHaveLength(1);
    expect(one.charts).toEqual([]);
  });

  it('keeps to Discord limits: 5 buttons a row, 5 rows, 80-character labels, 100-character ids, 10 charts', () => {
    const buttons: ReplyButton[] = Array.from({ length: 30 }, (_, i) => ({
      id: `dt1:train seed:${i}`,
      label: `Seed ${i} ${'x'.repeat(90)}`,
      style: 'secondary',
    }));
    buttons.unshift({ id: `dt1:${'y'.repeat(120)}`, label: 'too long', style: 'danger' });
    const images = Array.from({ length: 12 }, (_, i) => ({
      name: 'same.png',
      png: png(i),
      alt: `chart ${i}`,
    }));
    const { answer, charts } = toDiscordReply(reply({ buttons, images }));
    expect(answer.components).toHaveLength(5);
    expect(answer.components.every((row) => row.components.length === 5)).toBe(true);
    expect(answer.components.flatMap((r) => r.components).some((b) => b.custom_id.length > 100)).toBe(false);
    expect(answer.components[0]?.components[0]?.label).toHaveLength(80);
    const files = [answer, ...charts].flatMap((m) => m.files);
    expect(files).toHaveLength(10);
    expect(new Set(files.map((f) => f.name)).size).toBe(10);
  });

  it('trims long texts to the 6000-character total, keeping the facts', () => {
    const long = reply({
      blocks: ['a'.repeat(5000)],
      fields: Array.from({ length: 30 }, (_, i) => ({ label: `f${i}`, value: 'v'.repeat(100) })),
    });
    const message = toDiscordReply(long).answer;
    expect(sizeOf(message)).toBeLessThanOrEqual(EMBED_LIMITS.total);
    expect(message.embeds[0]?.fields?.length).toBe(25);
    expect(message.embeds[0]?.description?.endsWith('…')).toBe(true);
  });

  it('shows every option of each experiment’s longest spec: the short title, then the rest of the headline whole', () => {
    const fitted: string[] = [];
    for (const spec of LONGEST_SPECS) {
      const heading = experimentHeadline(spec);
      // A long explanation presses the 6000-character total, which must not cut the headline's rest.
      const message = toDiscordReply(reply({ ...heading, blocks: ['a'.repeat(5000)] })).answer;
      const main = message.embeds[0]!;
      expect(main.title!.length).toBeLessThanOrEqual(EMBED_LIMITS.title);
      expect(sizeOf(message)).toBeLessThanOrEqual(EMBED_LIMITS.total);
      const shown = `${main.title}\n${main.description}`;
      for (const part of describeParts(spec)) expect(shown, spec.experiment).toContain(part.text);
      if (heading.headline.length <= EMBED_LIMITS.title) {
        expect(main.title).toBe(heading.headline);
        fitted.push(spec.experiment);
      } else {
        expect(main.title).toBe(heading.shortHeadline);
        expect(main.description!.startsWith(`${describeSpec(spec)}\n\n`)).toBe(true);
      }
    }
    // The one-layer LP's longest headline still fits a title; the others move under it.
    expect(fitted).toEqual(['lp']);
  });

  it('cuts a long headline without a short form in the title only, and shows it whole under it', () => {
    const headline = `Q: ${'why '.repeat(80)}?`;
    const main = toDiscordReply(reply({ headline })).answer.embeds[0]!;
    expect(main.title).toBe(`${headline.slice(0, EMBED_LIMITS.title - 1)}…`);
    expect(main.description!.startsWith(`${headline}\n\nThe loss`)).toBe(true);
  });

  it('converts single-star bold only outside code spans', () => {
    expect(toDiscordMarkdown('*bold* and `a*b*c` and _it_')).toBe('**bold** and `a*b*c` and _it_');
    expect(toDiscordMarkdown('2 * 3 * 4')).toBe('2 * 3 * 4');
  });
});

describe('progress message', () => {
  it('draws the status, and a bar with the unit that reported, its step and its loss', () => {
    expect(progressLine({ kind: 'queued', position: 3 })).toBe('⏳ queued #3');
    const unit = { index: 2, count: 3, label: 'seed 2 of 3', step: 180, steps: 300, loss: 0.52 };
    expect(progressLine({ kind: 'running', percent: 45, loss: 0.41234, unit })).toBe(
      '▰▰▰▰▰▱▱▱▱▱ 45% · running · seed 2 of 3, step 180 of 300, loss 0.520',
    );
    expect(progressLine({ kind: 'running', percent: 45, loss: 0.41234 })).toBe(
      '▰▰▰▰▰▱▱▱▱▱ 45% · running · loss 0.412',
    );
    expect(progressLine({ kind: 'running', percent: 140 })).toBe('▰▰▰▰▰▰▰▰▰▰ 100% · running');
    expect(progressLine({ kind: 'done' })).toBe('✅ done');
    const cancel: ReplyButton = { id: 'dt1:cancel j1', label: 'Cancel', style: 'danger' };
    const working = workingMessage({
      summary: 'depth 8',
      progress: { kind: 'running', percent: 10 },
      cancelButton: cancel,
    });
    expect(working.content).toBe('depth 8\n▰▱▱▱▱▱▱▱▱▱ 10% · running');
    expect(working.components[0]?.components[0]).toMatchObject({ custom_id: 'dt1:cancel j1', style: 4 });
  });
});

describe('interaction → BotRequest', () => {
  const facts = {
    id: '77',
    user: { id: 'u1', username: 'ada', globalName: 'Ada' },
    channelId: 'c1',
    guildId: 'g1',
    teacher: false,
  };

  it('keeps typed values under the bot’s option names', () => {
    const request = toBotRequest(
      facts,
      'train',
      [
        { name: 'depth', value: 8 },
        { name: 'learning_rate', value: 0.01 },
        { name: 'residual', value: true },
        { name: 'mystery', value: 'x' },
      ],
      optionNameTables(COMMANDS).get('train'),
    );
    expect(request).toEqual({
      platform: 'discord',
      requestId: '77',
      user: { id: 'u1', name: 'Ada', teacher: false },
      conversation: 'c1',
      server: 'g1',
      command: 'train',
      options: { kind: 'typed', values: { depth: 8, learningRate: 0.01, residual: true, mystery: 'x' } },
    });
  });

  it('passes a button id through and gives DMs a conversation key', () => {
    const press = toButtonPress(
      { ...facts, channelId: null, guildId: null, teacher: true },
      'dt1:train depth:4',
    );
    expect(press).toMatchObject({
      buttonId: 'dt1:train depth:4',
      conversation: 'dm-u1',
      user: { id: 'u1', teacher: true },
    });
    expect(press).not.toHaveProperty('server');
  });
});
