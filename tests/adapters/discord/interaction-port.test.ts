import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type InteractionCalls, interactionPort } from '../../../src/adapters/discord/interaction-port.js';
import { type DiscordMessage, toDiscordReply } from '../../../src/adapters/discord/message-payload.js';
import { createRequestSession } from '../../../src/bot/lifecycle/request-session.js';
import { silentLogger } from '../../../src/bot/logger.js';
import { progressHooks } from '../../../src/bot/progress-words.js';
import { privateNote } from '../../../src/bot/replies/plain-replies.js';
import type { Reply } from '../../../src/bot/types.js';

/*
 * The Discord port under the bot core's request session, with fake timers: deadlines, throttled
 * edits, visibility changes and the channel fallback. The end-to-end files check the same
 * against the real discord.js.
 */

interface PortCall {
  at: number;
  call: keyof InteractionCalls;
  ephemeral?: boolean;
  message?: DiscordMessage;
  mention?: string;
}

function recordingPort(failing: Partial<Record<keyof InteractionCalls, boolean>> = {}) {
  const calls: PortCall[] = [];
  const record = (call: keyof InteractionCalls, extra: Omit<PortCall, 'at' | 'call'>) => {
    calls.push({ at: Date.now(), call, ...extra });
    return failing[call] ? Promise.reject(new Error(`${call} failed`)) : Promise.resolve();
  };
  const port: InteractionCalls = {
    defer: (ephemeral) => record('defer', { ephemeral }),
    reply: (message, ephemeral) => record('reply', { message, ephemeral }),
    edit: (message) => record('edit', { message }),
    followUp: (message, ephemeral) => record('followUp', { message, ephemeral }),
    sendToChannel: (message, mention) =>
      record('sendToChannel', { message, ...(mention ? { mention } : {}) }),
  };
  return { port, calls };
}

const timing = { progressIntervalMs: 1500, ackDeadlineMs: 2000, answerWindowMs: 14 * 60_000 };
const publicResult: Reply = { ...privateNote('Result'), visibility: 'public' };
/** A result with three charts, as a /train reply carries them. */
const charted = (visibility: Reply['visibility']): Reply => ({
  ...privateNote('Result'),
  visibility,
  images: ['loss', 'gradients', 'layers'].map((name, i) => ({
    name: `${name}.png`,
    png: Buffer.from([0x89, 0x50, 0x4e, 0x47, i]),
    alt: `${name} alt`,
  })),
});
/** The file names each recorded call carried. */
const filesOf = (calls: PortCall[]) => calls.map((c) => [c.call, c.message?.files.map((f) => f.name)]);

function start(port: InteractionCalls, overrides: Partial<typeof timing> = {}) {
  return createRequestSession({
    port: interactionPort({
      calls: port,
      userId: 'u1',
      toMessage: (reply) => toDiscordReply(reply),
      log: silentLogger,
    }),
    defaultVisibility: 'public',
    timing: { ...timing, ...overrides },
    log: silentLogger,
  });
}

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Discord interaction port', () => {
  it('answers at once with an ephemeral reply when the bot answers privately in time', async () => {
    const { port, calls } = recordingPort();
    const session = start(port);
    await session.finish(privateNote('Bad option'));
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls.map((c) => [c.call, c.ephemeral])).toEqual([['reply', true]]);
  });

  it('defers before Discord’s 3 s when the bot has neither accepted nor answered', async () => {
    const { port, calls } = recordingPort();
    const session = start(port);
    await vi.advanceTimersByTimeAsync(1999);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.map((c) => [c.call, c.ephemeral])).toEqual([['defer', false]]);
    await session.finish(publicResult);
    expect(calls.at(-1)?.call).toBe('edit');
  });

  it('edits progress at most once per interval, with a trailing edit, and never after the final answer', async () => {
    const { port, calls } = recordingPort();
    const session = start(port);
    await session.io.accept({ visibility: 'public', summary: 'depth 8' });
    for (let percent = 1; percent <= 40; percent += 1) {
      session.io.progress({ kind: 'running', percent, loss: 0.7 });
      await vi.advanceTimersByTimeAsync(100);
    }
    const edits = calls.filter((c) => c.call === 'edit');
    const gaps = edits.slice(1).map((e, i) => e.at - (edits[i]?.at ?? 0));
    expect(edits.length).toBeGreaterThanOrEqual(3);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1500);
    // The trailing edit shows the latest state.
    await vi.advanceTimersByTimeAsync(1500);
    expect(calls.at(-1)?.message?.content).toContain('40%');
    session.io.progress({ kind: 'running', percent: 99 });
    await session.finish(publicResult);
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls.at(-1)?.message?.embeds[0]?.title).toBe('Result');
    expect(calls.some((c) => c.message?.content.includes('99%'))).toBe(false);
  });

  it('moves its status line from queued to running to done, in the bot’s words, then shows the answer', async () => {
    const { port, calls } = recordingPort();
    const session = start(port);
    const shown = progressHooks(session.io);
    shown.initial({ position: 2, cached: false });
    await session.io.accept({ visibility: 'public', summary: 'compare depths 1, 8' });
    await vi.advanceTimersByTimeAsync(1600);
    shown.hooks.onStart?.();
    const unit = { index: 4, count: 6, label: 'depth 8, seed 1 of 3', step: 180, steps: 300, loss: Math.LN2 };
    shown.hooks.onProgress?.({ percent: 62, loss: Math.LN2, unit });
    await vi.advanceTimersByTimeAsync(1600);
    shown.done();
    // A report arriving after the run is done (a late worker message) does not take "done" back.
    shown.hooks.onProgress?.({ percent: 99 });
    await vi.advanceTimersByTimeAsync(1600);
    await session.finish(publicResult);
    const lines = calls.filter((c) => c.call === 'edit').map((c) => c.message?.content.split('\n')[1]);
    expect(lines).toEqual([
      '⏳ queued #2',
      '▰▰▰▰▰▰▱▱▱▱ 62% · running · depth 8, seed 1 of 3, step 180 of 300, loss 0.693',
      '✅ done',
      undefined,
    ]);
    expect(calls.at(-1)?.message?.embeds[0]?.title).toBe('Result');
  });

  it('tells the channel briefly and the asker privately when a public run ends privately', async () => {
    const { port, calls } = recordingPort();
    const session = start(port);
    await session.io.accept({ visibility: 'public', summary: 'depth 8' });
    await session.finish(privateNote('Sorry, something went wrong on my side.'));
    expect(calls.map((c) => [c.call, c.ephemeral])).toEqual([
      ['defer', false],
      ['edit', undefined],
      ['edit', undefined],
      ['followUp', true],
    ]);
    expect(calls[2]?.message?.content).toBe('depth 8\n⏹ Sorry, something went wrong on my side.');
  });

  it('posts a public result as a follow-up when the deferral was private', async () => {
    const { port, calls } = recordingPort();
    const session = start(port);
    await session.io.accept({ visibility: 'private', summary: 'quiz' });
    await session.finish(publicResult);
    expect(calls.map((c) => [c.call, c.ephemeral])).toEqual([
      ['defer', true],
      ['edit', undefined],
      ['edit', undefined],
      ['followUp', false],
    ]);
  });

  it('moves to the channel before the token expires, and pings the asker for a private answer', async () => {
    const { port, calls } = recordingPort();
    const session = start(port, { answerWindowMs: 10_000 });
    await session.io.accept({ visibility: 'public', summary: 'long run' });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls.at(-1)?.message?.content).toMatch(/posted in this channel/);
    session.io.progress({ kind: 'running', percent: 50 });
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls.at(-1)?.message?.content).not.toMatch(/50%/);
    await session.finish(privateNote('Cancelled.'));
    expect(calls.at(-1)).toMatchObject({ call: 'sendToChannel', mention: 'u1' });
  });

  it('still answers when the edit fails, and answers only once', async () => {
    const { port, calls } = recordingPort({ edit: true });
    const session = start(port);
    await session.io.accept({ visibility: 'public', summary: 'x' });
    await session.finish(publicResult);
    await session.finish(privateNote('second'));
    expect(calls.filter((c) => c.call === 'followUp')).toHaveLength(1);
    expect(calls.at(-1)?.message?.embeds[0]?.title).toBe('Result');
  });

  it('sends a reply with three charts as three image messages, each with one attachment, in order', async () => {
    const { port, calls } = recordingPort();
    const session = start(port);
    await session.io.accept({ visibility: 'public', summary: 'depth 8' });
    await session.finish(charted('public'));
    expect(filesOf(calls.slice(2))).toEqual([
      ['edit', ['loss.png']],
      ['followUp', ['gradients.png']],
      ['followUp', ['layers.png']],
    ]);
    // The answer holds the text; the charts are bare, public like it.
    expect(calls[2]?.message?.embeds[0]?.title).toBe('Result');
    expect(calls.slice(3).map((c) => [c.ephemeral, c.message?.embeds.length])).toEqual([
      [false, 0],
      [false, 0],
    ]);
  });

  it('keeps the charts of a private answer private, and sends them to the channel after a channel answer', async () => {
    const hidden = recordingPort();
    await start(hidden.port).finish(charted('private'));
    expect(hidden.calls.map((c) => [c.call, c.ephemeral])).toEqual([
      ['reply', true],
      ['followUp', true],
      ['followUp', true],
    ]);

    const late = recordingPort();
    const session = start(late.port, { answerWindowMs: 10_000 });
    await session.io.accept({ visibility: 'public', summary: 'long run' });
    await vi.advanceTimersByTimeAsync(10_000);
    await session.finish(charted('public'));
    expect(filesOf(late.calls.filter((c) => c.call === 'sendToChannel'))).toEqual([
      ['sendToChannel', ['loss.png']],
      ['sendToChannel', ['gradients.png']],
      ['sendToChannel', ['layers.png']],
    ]);
  });

  it('gives no second answer when a chart message fails: the answer stands, the other charts still go', async () => {
    const { port, calls } = recordingPort({ followUp: true });
    const warnings: string[] = [];
    const log = { ...silentLogger, warn: (_o: unknown, message: string) => warnings.push(message) };
    const session = createRequestSession({
      port: interactionPort({ calls: port, userId: 'u1', toMessage: (r) => toDiscordReply(r), log }),
      defaultVisibility: 'public',
      timing,
      log: silentLogger,
    });
    await session.io.accept({ visibility: 'public', summary: 'depth 8' });
    await session.finish(charted('public'));
    expect(filesOf(calls.slice(2))).toEqual([
      ['edit', ['loss.png']],
      ['followUp', ['gradients.png']],
      ['followUp', ['layers.png']],
    ]);
    expect(calls.filter((c) => c.call === 'sendToChannel')).toEqual([]);
    expect(warnings).toEqual([
      'a chart message failed; the answer stands',
      'a chart message failed; the answer stands',
    ]);
  });
});
