import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CommandDefinition } from '../../../src/bot/command.js';
import type { Bot } from '../../../src/bot/create-bot.js';
import { createRequestLifecycle } from '../../../src/bot/lifecycle/request-lifecycle.js';
import { silentLogger } from '../../../src/bot/logger.js';
import { privateNote } from '../../../src/bot/replies/plain-replies.js';
import type { BotRequest, CommandIo, Reply } from '../../../src/bot/types.js';
import { recordingPort } from './recording-port.js';

/*
 * The request lifecycle every adapter shares, driven through a recording port with fake timers:
 * the acknowledgement deadline, the visibility it takes from the command, one apology, the
 * restart refusal, coalesced progress, and the stop-wait.
 */

const definition = (name: string, visibility?: 'public' | 'private'): CommandDefinition<never> => ({
  name,
  description: name,
  options: {},
  examples: [],
  ...(visibility ? { visibility } : {}),
  run: async () => privateNote('unused'),
});

const publicReply = (headline: string): Reply => ({ ...privateNote(headline), visibility: 'public' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Each command's behaviour, chosen per test. */
let behaviour: (request: BotRequest, io: CommandIo) => Promise<Reply>;
let handled = 0;
const bot: Pick<Bot, 'commands' | 'handle' | 'handleButton'> = {
  commands: [definition('run', 'public'), definition('note')] as Bot['commands'],
  handle: (request, io) => {
    handled += 1;
    return behaviour(request, io);
  },
  handleButton: (press, io) =>
    bot.handle({ ...press, command: 'run', options: { kind: 'text', text: '' } }, io),
};

const request = (command: string, id = 'r1'): BotRequest => ({
  platform: 'test',
  requestId: id,
  user: { id: 'u1' },
  conversation: 'c1',
  command,
  options: { kind: 'text', text: '' },
});

function lifecycle(timing = { ackDeadlineMs: 2000, progressIntervalMs: 1000 }) {
  return createRequestLifecycle({ bot, log: silentLogger, timing });
}

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
  handled = 0;
});
afterEach(() => {
  vi.useRealTimers();
});

describe('request lifecycle: the acknowledgement deadline', () => {
  it('answers in the first response when the bot decides before the deadline', async () => {
    behaviour = async () => privateNote('Bad option');
    const rec = recordingPort();
    await lifecycle().serve(request('note'), rec.port);
    await vi.advanceTimersByTimeAsync(5000);
    expect(rec.calls.map((c) => c.call)).toEqual(['deliver']);
    expect(rec.calls[0]?.context).toEqual({});
  });

  it('acknowledges at the deadline with the visibility the command definition gives', async () => {
    behaviour = () => sleep(3000).then(() => publicReply('done'));
    const rec = recordingPort();
    const served = lifecycle().serve(request('run'), rec.port);
    await vi.advanceTimersByTimeAsync(1999);
    expect(rec.calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(rec.calls.map((c) => [c.call, c.visibility])).toEqual([['acknowledge', 'public']]);
    await vi.advanceTimersByTimeAsync(1000);
    await served;
    expect(rec.calls.at(-1)).toMatchObject({ call: 'deliver', context: { acknowledged: 'public' } });

    const other = recordingPort();
    void lifecycle().serve(request('note'), other.port);
    await vi.advanceTimersByTimeAsync(2000);
    // A command without a visibility of its own is acknowledged privately.
    expect(other.calls.map((c) => [c.call, c.visibility])).toEqual([['acknowledge', 'private']]);
  });

  it('shows the accepted state after a deadline acknowledgement, without acknowledging twice', async () => {
    behaviour = async (_request, io) => {
      await sleep(2500);
      await io.accept({ visibility: 'public', summary: 'depth 8' });
      return publicReply('done');
    };
    const rec = recordingPort();
    const served = lifecycle().serve(request('run'), rec.port);
    await vi.advanceTimersByTimeAsync(3000);
    await served;
    expect(rec.calls.map((c) => c.call)).toEqual(['acknowledge', 'showProgress', 'deliver']);
    expect(rec.calls[1]?.working).toEqual({ visibility: 'public', summary: 'depth 8' });
  });
});

describe('request lifecycle: one answer, whatever happens', () => {
  it('answers a bot that throws with the one apology, naming the request', async () => {
    behaviour = () => Promise.reject(new Error('bug'));
    const rec = recordingPort();
    await lifecycle().serve(request('run', 'ref-42'), rec.port);
    expect(rec.named('deliver')).toHaveLength(1);
    const reply = rec.named('deliver')[0]?.reply;
    expect(reply?.visibility).toBe('private');
    expect(reply?.headline).toBe('Sorry, something went wrong on my side.');
    expect(reply?.blocks.join(' ')).toContain('ref-42');
  });

  it('answers a bot that throws before its first await the same way', async () => {
    behaviour = () => {
      throw new Error('synchronous bug');
    };
    const rec = recordingPort();
    await lifecycle().serve(request('note', 'ref-43'), rec.port);
    expect(rec.calls.map((c) => c.reply?.headline)).toEqual(['Sorry, something went wrong on my side.']);
  });

  it('refuses requests once stopping, without asking the bot', async () => {
    behaviour = async () => publicReply('should not run');
    const life = lifecycle();
    life.stopAccepting();
    const rec = recordingPort();
    await life.serve(request('run'), rec.port);
    expect(handled).toBe(0);
    expect(rec.calls.map((c) => [c.call, c.reply?.headline])).toEqual([
      ['deliver', 'The tutor is restarting; try again in a minute.'],
    ]);
  });

  it('never lets two port calls overlap: the answer waits for a slow progress display', async () => {
    behaviour = async (_request, io) => {
      await io.accept({ visibility: 'public', summary: 's' });
      await sleep(1100);
      io.progress({ kind: 'running', percent: 50 });
      await sleep(1);
      return publicReply('done');
    };
    const rec = recordingPort({ busyMs: 400 });
    const served = lifecycle().serve(request('run'), rec.port);
    await vi.advanceTimersByTimeAsync(5000);
    await served;
    expect(rec.overlaps).toBe(0);
    expect(rec.calls.at(-1)?.call).toBe('deliver');
  });
});

describe('request lifecycle: progress', () => {
  it('coalesces progress to one display per interval, shows the latest last, and none after the answer', async () => {
    let finish!: () => void;
    behaviour = async (_request, io) => {
      io.progress({ kind: 'queued', position: 2 });
      await io.accept({ visibility: 'public', summary: 'depth 8' });
      for (let percent = 1; percent <= 40; percent += 1) {
        io.progress({ kind: 'running', percent });
        await sleep(100);
      }
      await new Promise<void>((resolve) => {
        finish = resolve;
      });
      io.progress({ kind: 'running', percent: 99 });
      return publicReply('done');
    };
    const rec = recordingPort();
    const served = lifecycle().serve(request('run'), rec.port);
    await vi.advanceTimersByTimeAsync(6000);
    // Progress that came before the acceptance is part of the first display.
    expect(rec.calls[0]?.working?.progress).toEqual({ kind: 'queued', position: 2 });
    const shows = rec.calls.filter((c) => c.call !== 'deliver');
    const gaps = shows.slice(1).map((c, i) => c.at - (shows[i]?.at ?? 0));
    expect(shows.length).toBeGreaterThanOrEqual(4);
    expect(shows.length).toBeLessThanOrEqual(6);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000);
    expect(shows.at(-1)?.working?.progress).toEqual({ kind: 'running', percent: 40 });
    finish();
    await served;
    await vi.advanceTimersByTimeAsync(3000);
    expect(rec.calls.at(-1)?.call).toBe('deliver');
    expect(
      rec.calls.some((c) => c.working?.progress?.kind === 'running' && c.working.progress.percent === 99),
    ).toBe(false);
  });

  it('stops progress and tells the port when its answer window closes', async () => {
    behaviour = async (_request, io) => {
      await io.accept({ visibility: 'public', summary: 'long' });
      await sleep(10_000);
      io.progress({ kind: 'running', percent: 50 });
      await sleep(3000);
      return privateNote('Cancelled.');
    };
    const rec = recordingPort();
    const life = createRequestLifecycle({
      bot,
      log: silentLogger,
      timing: { ackDeadlineMs: 2000, progressIntervalMs: 1000, answerWindowMs: 9000 },
    });
    const served = life.serve(request('run'), rec.port);
    await vi.advanceTimersByTimeAsync(14_000);
    await served;
    expect(rec.calls.map((c) => c.call)).toEqual(['acknowledge', 'windowClosing', 'deliver']);
    expect(rec.calls[1]?.working?.summary).toBe('long');
  });
});

describe('request lifecycle: stopping', () => {
  it('waits for requests in flight, then answers the rest with the restart note, once each', async () => {
    behaviour = async (req) => {
      await sleep(req.requestId === 'quick' ? 200 : 60_000);
      return publicReply(`answer of ${req.requestId}`);
    };
    const life = lifecycle();
    const quick = recordingPort();
    const stuck = recordingPort();
    void life.serve(request('run', 'quick'), quick.port);
    void life.serve(request('run', 'stuck'), stuck.port);
    expect(life.inFlight()).toBe(2);
    life.stopAccepting();
    const drained = life.drain(1000);
    await vi.advanceTimersByTimeAsync(1000);
    await drained;
    expect(quick.calls.map((c) => c.reply?.headline)).toEqual(['answer of quick']);
    expect(stuck.calls.map((c) => c.reply?.headline)).toEqual(['The tutor restarted before this finished.']);
    expect(life.inFlight()).toBe(0);
    // The stuck command's own answer, when it finally comes, is not sent a second time.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(stuck.named('deliver')).toHaveLength(1);
  });
});
