import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BUTTON_ID } from '../../../src/bot/buttons.js';
import type { Reply } from '../../../src/bot/types.js';
import { createEngine, type Engine } from '../../../src/engine/index.js';
import { replyText } from '../fake-adapter.js';
import { classroomTutor } from './classroom-harness.js';
import { ManualClock } from './manual-clock.js';
import { tempDb } from './scheduler-rig.js';

const QUICK = 'shallow:1 deep:4 steps:60';
const starter = { user: 'grace', name: 'Grace' };
const people = Array.from({ length: 40 }, (_, i) => ({ user: `s${i}`, name: `Student ${i}` }));

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine({ workers: 2, backend: 'wasm' });
});
afterAll(async () => {
  await engine?.close();
});

const quizIdOf = (reply: Reply) => Number(/^Quiz #(\d+)/.exec(reply.headline)?.[1]);
const button = (reply: Reply, label: string) => reply.buttons.find((b) => b.label === label)!;

describe('/quiz', () => {
  it('counts concurrent votes exactly, one per person, the last one counting; reveals on request', async () => {
    const clock = new ManualClock(Date.parse('2026-05-04T10:00:00Z'));
    const tutor = classroomTutor(engine, clock);
    try {
      const { reply: question } = await tutor.send(starter, `/quiz depth ${QUICK} seconds:600`);
      expect(question.visibility).toBe('public');
      expect(question.headline).toMatch(
        /^Quiz #1: After 60 training steps, which ends with the lower training loss: depth 1 or depth 4\?$/,
      );
      expect(question.buttons.map((b) => b.label)).toEqual([
        'Depth 1',
        'Depth 4',
        'About the same',
        'Reveal now',
      ]);
      expect(question.buttons.every((b) => b.id.length <= MAX_BUTTON_ID)).toBe(true);
      const [shallow, deep, same] = ['Depth 1', 'Depth 4', 'About the same'].map((l) => button(question, l));

      // 40 people vote at once: 20 shallow, 12 deep, 8 same; s0 also presses twice in the same burst.
      const first = people.map((p, i) => tutor.press(p, i < 20 ? shallow! : i < 32 ? deep! : same!));
      const replies = await Promise.all([...first, tutor.press(people[0]!, shallow!)]);
      expect(replies.every((r) => r.reply.visibility === 'private')).toBe(true);
      expect(tutor.store.quizzes.tally(1)).toEqual({ shallow: 20, deep: 12, same: 8 });
      // Ten of the deep voters change their minds at once; two of them twice.
      const changes = people.slice(20, 30).map((p) => tutor.press(p, shallow!));
      const twice = [tutor.press(people[20]!, same!), tutor.press(people[21]!, same!)];
      await Promise.all([...changes, ...twice]);
      const tally = tutor.store.quizzes.tally(1);
      expect(tally.shallow! + tally.deep! + tally.same!).toBe(40);
      expect(tally.deep).toBe(2);
      expect(tutor.store.quizzes.votes(1)).toHaveLength(40);
      // A vote typed by hand works too, and says it changed.
      const typed = await tutor.send(people[39]!, '/quiz vote 1 deep');
      expect(typed.reply.headline).toBe('Your vote is now: Depth 4.');

      const early = await tutor.press(people[5]!, button(question, 'Reveal now'));
      expect(early.reply.headline).toMatch(
        /^Only whoever started quiz #1, or a teacher, can reveal it early/,
      );

      const { reply, accepted } = await tutor.press(starter, button(question, 'Reveal now'));
      expect(accepted?.visibility).toBe('public');
      expect(reply.visibility).toBe('public');
      expect(reply.headline).toMatch(/^Quiz #1 answer: (Depth 1|Depth 4|About the same)$/);
      const text = replyText(reply);
      const final = tutor.store.quizzes.tally(1);
      expect(text).toContain(`Depth 1: ${final.shallow} votes`);
      expect(text).toContain(`Depth 4: ${final.deep} votes`);
      expect(text).toMatch(/depth 1 ended at [\d.e-]+, depth 4 at [\d.e-]+/);
      expect(text).toMatch(/Right: .*\(\d+ of 40\)|Nobody of 40 guessed it/);
      expect(reply.images.length).toBeGreaterThan(0);
      const answer = tutor.store.quizzes.get(1)?.answer;
      const rightCount = final[answer ?? ''] ?? 0;
      if (rightCount > 0) expect(text).toContain(`(${rightCount} of 40)`);

      const late = await tutor.press(people[1]!, deep!);
      expect(late.reply.headline).toBe('Voting on quiz #1 has closed.');
      const again = await tutor.press(starter, button(question, 'Reveal now'));
      expect(again.reply.headline).toMatch(/^Quiz #1 was already revealed: /);
    } finally {
      await tutor.stop();
    }
  });

  it('reveals by itself when the time is up, posting into the quiz channel', async () => {
    const clock = new ManualClock(Date.parse('2026-05-04T10:00:00Z'));
    const tutor = classroomTutor(engine, clock);
    try {
      const { reply: question } = await tutor.send(
        starter,
        '/quiz restarts restarts:4 net:neuron seconds:30',
      );
      expect(question.headline).toMatch(
        /Will 4 random restarts of one sigmoid neuron all end at the same loss\?$/,
      );
      const id = quizIdOf(question);
      await tutor.press(people[0]!, button(question, 'Yes, the same loss'));
      await tutor.press(people[1]!, button(question, 'No, different losses'));
      await clock.advance(29_000);
      expect(tutor.posts).toHaveLength(0);
      await clock.advance(1_000);
      await tutor.classroom.quizzes.idle();
      expect(tutor.posts).toHaveLength(1);
      const [post] = tutor.posts;
      expect(post!.target).toMatchObject({ platform: 'test', conversation: 'class-1' });
      // One neuron's loss is convex: every restart ends at the one minimum.
      expect(post!.reply.headline).toBe(`Quiz #${id} answer: Yes, the same loss`);
      expect(replyText(post!.reply)).toMatch(/The 4 restarts of the .* ended between/);
      expect(replyText(post!.reply)).toContain('Right: Student 0 (1 of 2).');
    } finally {
      await tutor.stop();
    }
  });

  it('keeps votes across a restart and reveals the open quiz afterwards', async () => {
    const file = tempDb();
    const clock = new ManualClock(Date.parse('2026-05-04T10:00:00Z'));
    const before = classroomTutor(engine, clock, file);
    const { reply: question } = await before.send(starter, `/quiz depth ${QUICK} seconds:120`);
    for (const [i, p] of people.slice(0, 6).entries()) {
      await before.press(p, question.buttons[i % 3]!);
    }
    await before.stop();

    await clock.advance(60_000);
    const after = classroomTutor(engine, clock, file);
    try {
      expect(after.store.quizzes.tally(1)).toEqual({ shallow: 2, deep: 2, same: 2 });
      const changed = await after.press(people[0]!, question.buttons[1]!);
      expect(changed.reply.headline).toBe('Your vote is now: Depth 4.');
      await clock.advance(60_000);
      await after.classroom.quizzes.idle();
      expect(after.posts).toHaveLength(1);
      const text = replyText(after.posts[0]!.reply);
      expect(text).toMatch(/Depth 1: 1 vote(?!s)/);
      expect(text).toMatch(/Depth 4: 3 votes/);
    } finally {
      await after.stop();
    }
  });

  it('refuses a quiz over the channel limits, naming the limit', async () => {
    const clock = new ManualClock(Date.parse('2026-05-04T10:00:00Z'));
    const tutor = classroomTutor(engine, clock);
    try {
      await tutor.send({ user: 't', teacher: true }, '/settings maxDepth:6');
      const { reply } = await tutor.send(starter, '/quiz depth deep:12');
      expect(reply.visibility).toBe('private');
      expect(reply.headline).toMatch(/depths may be at most 6 \(you asked for 12\)/);
      const bad = await tutor.send(starter, '/quiz vote 1');
      expect(bad.reply.headline).toMatch(/answer is needed/);
    } finally {
      await tutor.stop();
    }
  });
});
