import { describe, expect, it } from 'vitest';
import { EMBED_LIMITS } from '../../../src/adapters/discord/embed-limits.js';
import { toDiscordMarkdown, toDiscordMessage } from '../../../src/adapters/discord/message-payload.js';
import { optionNameTables } from '../../../src/adapters/discord/option-names.js';
import { progressLine, workingMessage } from '../../../src/adapters/discord/progress-view.js';
import { toBotRequest, toButtonPress } from '../../../src/adapters/discord/translate.js';
import { COMMANDS } from '../../../src/bot/commands/index.js';
import type { Reply, ReplyButton } from '../../../src/bot/types.js';

const png = (n: number) => Buffer.from([0x89, 0x50, 0x4e, 0x47, n]);

function reply(overrides: Partial<Reply> = {}): Reply {
  return {
    visibility: 'public',
    headline: 'Training run: depth 8',
    blocks: ['The loss *stalls* at `ln 2`.', '• one\n• two'],
    fields: [
      { label: 'Configuration', value: '`/train depth:8 learningRate:0.1`' },
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

const sizeOf = (m: ReturnType<typeof toDiscordMessage>) =>
  m.embeds.reduce(
    (n, e) =>
      n +
      (e.title?.length ?? 0) +
      (e.description?.length ?? 0) +
      (e.fields ?? []).reduce((k, f) => k + f.name.length + f.value.length, 0),
    0,
  );

describe('Reply → Discord message', () => {
  it('puts headline, text and facts in the main embed and shows each chart through attachment://', () => {
    const message = toDiscordMessage(reply(), (t) => t.replace('learningRate', 'learning_rate'));
    const [main, second] = message.embeds;
    expect(main?.title).toBe('Training run: depth 8');
    expect(main?.description).toBe('The loss **stalls** at `ln 2`.\n\n• one\n• two');
    expect(main?.fields?.[0]).toEqual({
      name: 'Configuration',
      value: '`/train depth:8 learning_rate:0.1`',
      inline: true,
    });
    expect(message.files.map((f) => f.name)).toEqual(['loss-curves.png', 'gradients.png']);
    expect(main?.image?.url).toBe('attachment://loss-curves.png');
    expect(second?.image?.url).toBe('attachment://gradients.png');
    expect(second?.description).toBe('gradient per layer');
    expect(message.files[0]).toMatchObject({ description: 'loss over steps' });
    expect(message.files[1]?.attachment.equals(png(2))).toBe(true);
    expect(message.components[0]?.components[0]).toMatchObject({
      custom_id: 'dt1:train depth:16',
      style: 1,
      label: 'Go deeper',
    });
  });

  it('keeps to Discord limits: 5 buttons a row, 5 rows, 80-character labels, 100-character ids, 10 embeds', () => {
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
    const message = toDiscordMessage(reply({ buttons, images }));
    expect(message.components).toHaveLength(5);
    expect(message.components.every((row) => row.components.length === 5)).toBe(true);
    expect(message.components.flatMap((r) => r.components).some((b) => b.custom_id.length > 100)).toBe(false);
    expect(message.components[0]?.components[0]?.label).toHaveLength(80);
    expect(message.embeds).toHaveLength(10);
    expect(message.files).toHaveLength(10);
    expect(new Set(message.files.map((f) => f.name)).size).toBe(10);
  });

  it('trims long texts to the 6000-character total, keeping the facts', () => {
    const long = reply({
      blocks: ['a'.repeat(5000)],
      fields: Array.from({ length: 30 }, (_, i) => ({ label: `f${i}`, value: 'v'.repeat(100) })),
    });
    const message = toDiscordMessage(long);
    expect(sizeOf(message)).toBeLessThanOrEqual(EMBED_LIMITS.total);
    expect(message.embeds[0]?.fields?.length).toBe(25);
    expect(message.embeds[0]?.description?.endsWith('…')).toBe(true);
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
