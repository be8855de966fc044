import { describe, expect, it } from 'vitest';
import { createChannelHistories } from '../../../src/adapters/playground/channel-history.js';
import type { WireMessage } from '../../../src/adapters/playground/web/wire.js';

// A public reply whose blocks weigh about `kb` kilobytes of JSON, as a reply's chart data does.
function reply(id: string, kb: number): WireMessage {
  return {
    kind: 'reply',
    id,
    at: 0,
    visibility: 'public',
    headline: id,
    blocks: ['x'.repeat(kb * 1024)],
    fields: [],
    images: [],
    buttons: [],
  };
}

const ids = (messages: WireMessage[]) => messages.map((m) => m.id);

describe('channel histories', () => {
  it('keeps the byte total under the budget by forgetting the least recently used idle channel', () => {
    const histories = createChannelHistories(() => false, 100 * 1024);
    histories.remember('a', reply('a1', 30));
    histories.remember('b', reply('b1', 30));
    histories.remember('a', reply('a2', 30)); // a is now the most recently used
    histories.remember('c', reply('c1', 30)); // 120 KB: b goes, not a
    expect(histories.bytes()).toBeLessThanOrEqual(100 * 1024);
    expect(ids(histories.of('b'))).toEqual([]);
    expect(ids(histories.of('a'))).toEqual(['a1', 'a2']);
    expect(ids(histories.of('c'))).toEqual(['c1']);
  });

  it('never evicts a watched channel; trims the oldest messages of the one being written instead', () => {
    const histories = createChannelHistories((channel) => channel === 'projector', 100 * 1024);
    histories.remember('projector', reply('p1', 40));
    histories.remember('projector', reply('p2', 40));
    histories.remember('room', reply('r1', 15));
    histories.remember('room', reply('r2', 15)); // 110 KB, only room is idle but it is being written
    expect(ids(histories.of('projector'))).toEqual(['p1', 'p2']);
    expect(ids(histories.of('room'))).toEqual(['r2']);
    expect(histories.bytes()).toBeLessThanOrEqual(100 * 1024);
    // The newest message is kept even when it alone is over the budget.
    histories.remember('room', reply('r3', 200));
    expect(ids(histories.of('room'))).toEqual(['r3']);
  });

  it('counts a replaced, updated or forgotten message at its current size', () => {
    const histories = createChannelHistories(() => false);
    histories.remember('a', reply('m', 10));
    const before = histories.bytes();
    histories.remember('a', reply('m', 20));
    expect(histories.bytes() - before).toBeGreaterThan(9 * 1024);
    histories.remember('a', { kind: 'working', id: 'w', at: 0, visibility: 'public', summary: 's' });
    const withWorking = histories.bytes();
    histories.rememberProgress(
      'a',
      'w',
      { state: 'running', status: 'step 1 of 2' },
      {
        kind: 'curves',
        steps: 2,
        curves: [{ index: 0, label: 'x'.repeat(5000), from: 0, points: [] }],
        colors: [],
      },
    );
    expect(histories.bytes()).toBeGreaterThan(withWorking + 4900);
    histories.forget('a', 'w');
    histories.forget('a', 'm');
    expect(histories.bytes()).toBe(0);
  });

  it('keeps at most 60 messages per channel', () => {
    const histories = createChannelHistories(() => false);
    for (let i = 0; i < 70; i++) histories.remember('a', reply(`m${i}`, 0));
    expect(ids(histories.of('a'))).toHaveLength(60);
    expect(ids(histories.of('a'))[0]).toBe('m10');
  });
});
