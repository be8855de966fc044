import { afterEach, describe, expect, it } from 'vitest';
import { PNG_SIGNATURE, SMALL, startTutor } from './bot-harness.js';
import { replyText } from './fake-adapter.js';

/*
 * Charts are drawn on drawing threads (src/bot/charts/drawing): a thread that dies must not cost
 * a command its one final answer.
 */

let tutor: Awaited<ReturnType<typeof startTutor>> | undefined;
afterEach(async () => {
  await tutor?.stop();
  tutor = undefined;
});

async function train(crashJobs: number) {
  tutor = await startTutor({}, { charts: { threads: 2, faultInjection: { crashJobs } } });
  const exchange = tutor.adapter.send('ada', `/train ${SMALL}`);
  const reply = await exchange.done;
  expect(exchange.finals).toHaveLength(1);
  return reply;
}

describe('drawing threads that die', () => {
  it('one death: the job is drawn again on a new thread and the reply has all its charts', async () => {
    const reply = await train(1);
    expect(reply.headline).toMatch(/^Training run/);
    expect(reply.images.map((i) => i.name)).toEqual([
      'loss-curves.png',
      'gradient-norms.png',
      'decision-boundary.png',
    ]);
    for (const image of reply.images) expect(image.png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(reply.images[2]!.animation?.gif.subarray(0, 6).toString('latin1')).toBe('GIF89a');
    expect(tutor!.drawing.replacements).toBe(1);
    expect(replyText(reply)).not.toContain('could not be drawn');
  });

  it('every thread dies: one final answer with the run and its explanation, saying the charts are missing', async () => {
    const reply = await train(1000);
    expect(reply.headline).toMatch(/^Training run/);
    expect(reply.images).toEqual([]);
    const text = replyText(reply);
    expect(text).toContain('The depth-2 network did not learn in 40 steps');
    expect(text).toContain('The charts of this run could not be drawn this time');
    expect(text).toContain('Backend: typed arrays (plain TypeScript)');
    expect(tutor!.drawing.replacements).toBeGreaterThanOrEqual(2);
  });
});
