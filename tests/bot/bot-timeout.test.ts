import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTutor } from './bot-harness.js';
import { replyText } from './fake-adapter.js';

let tutor: Awaited<ReturnType<typeof startTutor>>;
beforeAll(async () => {
  tutor = await startTutor({ timeLimitMs: 400 });
});
afterAll(async () => {
  await tutor?.stop();
});

it('answers once, saying what to change, when a run outlives the time limit; the engine keeps serving', async () => {
  const run = tutor.adapter.send('ada', '/train depth:4 width:32 steps:3000 points:256 seeds:1');
  const reply = await run.done;
  expect(run.accepted?.visibility).toBe('public');
  expect(run.finals).toHaveLength(1);
  expect(reply.headline).toBe('This train run took longer than 0.4 s and was stopped.');
  expect(replyText(reply)).toContain('Try fewer steps');
  const quick = await tutor.adapter.send(
    'ada',
    '/train depth:1 width:4 steps:20 points:32 seeds:1 gridSize:0',
  ).done;
  expect(quick.visibility).toBe('public');
});
