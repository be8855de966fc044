import { describe, expect, it } from 'vitest';
import { createChannelPacer } from '../../../src/adapters/slack/pacer.js';

/** A manual clock: sleeping advances time at once, so the test is exact and instant. */
function manualClock() {
  let time = 0;
  return {
    now: () => time,
    sleep: async (ms: number) => {
      time += ms;
    },
  };
}

describe('channel pacer', () => {
  it('spaces writes to one channel by the interval, in order, and leaves other channels alone', async () => {
    const clock = manualClock();
    const pacer = createChannelPacer(1000, clock);
    const log: [string, number][] = [];
    const write = (channel: string, name: string) =>
      pacer.run(channel, async () => void log.push([name, clock.now()]));
    await Promise.all([write('C1', 'a'), write('C1', 'b'), write('C2', 'x'), write('C1', 'c')]);
    const c1 = log.filter(([n]) => n !== 'x');
    expect(c1.map(([n]) => n)).toEqual(['a', 'b', 'c']);
    for (let i = 1; i < c1.length; i++) expect(c1[i]![1] - c1[i - 1]![1]).toBeGreaterThanOrEqual(1000);
  });

  it('skips a task that became pointless without using a slot', async () => {
    const clock = manualClock();
    const pacer = createChannelPacer(1000, clock);
    await pacer.run('C1', async () => {});
    const before = clock.now();
    const skipped = await pacer.run('C1', async () => 'ran', { skipIf: () => true });
    expect(skipped).toBeUndefined();
    expect(clock.now()).toBe(before);
  });

  it('keeps the queue going after a failed write, and reports the failure to its caller', async () => {
    const pacer = createChannelPacer(0, manualClock());
    const failed = pacer.run('C1', async () => {
      throw new Error('ratelimited');
    });
    const next = pacer.run('C1', async () => 'ok');
    await expect(failed).rejects.toThrow('ratelimited');
    await expect(next).resolves.toBe('ok');
  });
});
