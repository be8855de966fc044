import { describe, expect, it } from 'vitest';
import { PNG_SIGNATURE, useTutor } from './bot-harness.js';
import { replyText } from './fake-adapter.js';

// Small enough for a loaded test machine: 8 instances, a 1 s time limit, short descent.
const SMALL = 'sizes:8,12 dims:2,3 timeLimit:1 restarts:3 steps:100';

const { shared, finalOf } = useTutor();

describe('/hardness through the bot', () => {
  it('runs the sweep on the engine workers and answers with two charts, an explanation and follow-ups', async () => {
    const { exchange, reply } = await finalOf(`/hardness ${SMALL}`);
    expect(exchange.accepted?.visibility).toBe('public');
    expect(exchange.accepted?.summary).toContain('exact 3-node training for n = 8, 12 in d = 2, 3');
    expect(reply.visibility).toBe('public');
    expect(reply.headline).toMatch(/^Exact training gets hard/);
    expect(reply.images.map((i) => i.name)).toEqual(['hardness-time.png', 'hardness-descent.png']);
    for (const image of reply.images) {
      expect(image.png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      expect(image.png.length).toBeGreaterThan(5_000);
    }
    const text = replyText(reply);
    expect(text).toMatch(/Of 8 instances, the exact solver found and verified a fit on \d/);
    expect(text).toContain('cannot prove');
    expect(text).toContain('/explain np-hard');
    expect(text).toContain('/hardness sizes:8,12 dims:2,3 time_limit:1 restarts:3 steps:100');
    expect(reply.buttons.map((b) => b.label)).toEqual([
      'Random labels only',
      'Boolean cube inputs',
      'One layer by LP (XOR)',
    ]);
    const followUp = shared.tutor.adapter.press('grace', reply.buttons[0]!);
    const second = await followUp.done;
    expect(followUp.finals).toHaveLength(1);
    expect(second.visibility).toBe('public');
    expect(replyText(second)).toContain('labels:random');
  });

  it.each([
    ['/hardness inputs:cube sizes:64 dims:2', 'allow at most 4 points'],
    ['/hardness timeLimit:10', 'lower time_limit'],
    ['/hardness dims:1', 'dims must be a comma-separated list of 1 to 4 whole numbers from 2 to 16'],
  ])('%s → a private note naming the problem', async (line, message) => {
    const { exchange, reply } = await finalOf(line);
    expect(exchange.accepted).toBeUndefined();
    expect(reply.visibility).toBe('private');
    expect(replyText(reply)).toContain(message);
  });
});
