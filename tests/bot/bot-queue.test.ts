import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTutor } from './bot-harness.js';
import { replyText } from './fake-adapter.js';

// Long enough (a few seconds) to still be running or queued while the test acts on it.
const LONG = 'depth:4 width:32 steps:3000 points:256 seeds:1';

let tutor: Awaited<ReturnType<typeof startTutor>>;
beforeAll(async () => {
  tutor = await startTutor({ maxQueued: 3, progressIntervalMs: 200 });
});
afterAll(async () => {
  await tutor?.stop();
});

describe('jobs through the bot', () => {
  it('shows progress, and lets only the requester cancel; the run then ends with one "Cancelled." answer', async () => {
    const run = tutor.adapter.send('ada', `/train ${LONG} seed:11`);
    await run.acceptedOrAnswered;
    const cancel = run.accepted?.cancelButton;
    expect(cancel).toBeDefined();
    // Progress arrives while the run goes on (in well under a second on an idle machine; the
    // poll allows for a busy one).
    await expect
      .poll(() => run.progress.some((p) => p.kind === 'running' && p.percent >= 0), { timeout: 10_000 })
      .toBe(true);
    expect(run.finals).toHaveLength(0);

    const stranger = tutor.adapter.press('mallory', cancel!);
    expect((await stranger.done).headline).toBe('Only the person who started a run can cancel it.');
    expect((await stranger.done).visibility).toBe('private');

    const own = tutor.adapter.press('ada', cancel!);
    expect((await own.done).headline).toBe('Cancelled.');
    const final = await run.done;
    expect(final.headline).toBe('Cancelled.');
    expect(run.finals).toHaveLength(1);

    const again = tutor.adapter.press('ada', cancel!);
    expect((await again.done).headline).toMatch(/already finished|no longer known/);
  });

  it('holds one user to one running and two waiting jobs, and the whole queue to its limit', async () => {
    const first = tutor.adapter.send('greedy', `/train ${LONG} seed:21`);
    const second = tutor.adapter.send('greedy', `/train ${LONG} seed:22`);
    const third = tutor.adapter.send('greedy', `/train ${LONG} seed:23`);
    const fourth = tutor.adapter.send('greedy', `/train ${LONG} seed:24`);
    await Promise.all([first, second, third, fourth].map((e) => e.acceptedOrAnswered));
    const refused = await fourth.done;
    expect(fourth.accepted).toBeUndefined();
    expect(refused.visibility).toBe('private');
    expect(replyText(refused)).toContain('You already have 1 running and 2 waiting');
    expect(second.progress[0]).toMatchObject({ kind: 'queued', position: expect.any(Number) });

    // Others still get in (bob takes the second engine slot, carol waits third) until the
    // global limit of 3 waiting jobs is reached.
    const other = tutor.adapter.send('bob', `/train ${LONG} seed:31`);
    const waiting = tutor.adapter.send('carol', `/train ${LONG} seed:32`);
    const crowd = tutor.adapter.send('dave', `/train ${LONG} seed:33`);
    await Promise.all([other, waiting, crowd].map((e) => e.acceptedOrAnswered));
    expect(other.accepted).toBeDefined();
    expect(waiting.progress[0]).toEqual({ kind: 'queued', position: 3 });
    expect(replyText(await crowd.done)).toContain('The training queue is full (3 jobs waiting)');

    for (const [user, exchange] of [
      ['greedy', first],
      ['greedy', second],
      ['greedy', third],
      ['bob', other],
      ['carol', waiting],
    ] as const) {
      await tutor.adapter.press(user, exchange.accepted!.cancelButton!).done;
      expect((await exchange.done).headline).toBe('Cancelled.');
      expect(exchange.finals).toHaveLength(1);
    }
  });
});
