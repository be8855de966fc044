import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LESSON_PLAN } from '../../../src/bot/classroom/lesson-plan.js';
import { createEngine, type Engine } from '../../../src/engine/index.js';
import { replyText } from '../fake-adapter.js';
import { classroomTutor, SMALL } from './classroom-harness.js';
import { ManualClock } from './manual-clock.js';

const at = (iso: string) => Date.parse(iso);
const teacher = { user: 'grace', name: 'Grace', teacher: true };
const student = { user: 'ada', name: 'Ada' };

let engine: Engine;
let clock: ManualClock;
let tutor: ReturnType<typeof classroomTutor>;
beforeAll(async () => {
  engine = await createEngine({ workers: 2, backend: 'wasm' });
  clock = new ManualClock(at('2026-03-02T08:00:00Z')); // a Monday
  tutor = classroomTutor(engine, clock);
});
afterAll(async () => {
  await tutor?.stop();
  await engine?.close();
});

describe('teacher-only commands', () => {
  it('refuse a student privately and politely', async () => {
    for (const line of ['/schedule list', '/settings maxDepth:2']) {
      const { reply } = await tutor.send(student, line);
      expect(reply.visibility).toBe('private');
      expect(reply.headline).toMatch(/^Only teachers can use \/(schedule|settings)\.$/);
    }
    expect(tutor.store.settings.get('channel', 'test:class-1')).toBeUndefined();
  });
});

describe('/schedule', () => {
  it('says which field is wrong, with an example', async () => {
    const cases: [string, RegExp][] = [
      [
        'add time:08:30 tz:Europe/Berln days:weekdays',
        /tz "Europe\/Berln" is not an IANA time zone; e\.g\. tz:Europe\/Berlin/,
      ],
      ['add time:8.30 tz:UTC', /time must be HH:MM on a 24-hour clock, e\.g\. time:08:30/],
      ['add tz:UTC days:"61 8 * * *"', /days "61 8 \* \* \*" is not a valid cron expression \(.*minute.*\)/],
      ['add tz:UTC days:"* * * * *"', /at most once an hour/],
      ['add time:08:30 tz:UTC days:"30 8 * * 1"', /time is part of the cron expression/],
      ['add time:08:30 tz:UTC post:"/train depth:99"', /post: depth must be a whole number from 0 to 32/],
      ['add time:08:30 tz:UTC post:"/nosuch"', /post: there is no command \/nosuch/],
      ['add time:08:30 tz:UTC post:/train depth:8', /unknown option "depth".*in quotes/],
      ['pause 99', /no schedule #99/],
    ];
    for (const [line, pattern] of cases) {
      const { reply } = await tutor.send(teacher, `/schedule ${line}`);
      expect(reply.visibility, line).toBe('private');
      expect(replyText(reply), line).toMatch(pattern);
    }
    expect(tutor.store.schedules.list('test', 'school')).toHaveLength(0);
  });

  it('adds schedules from free text and from typed (Discord) options, and lists them', async () => {
    const text = await tutor.send(
      teacher,
      '/schedule add time:08:30 tz:europe/berlin days:weekdays post:lesson-plan',
    );
    expect(text.reply.headline).toBe('Schedule #1 added.');
    expect(replyText(text.reply)).toContain('weekdays at 08:30 (Europe/Berlin)');
    expect(replyText(text.reply)).toContain(`next: 1 of ${LESSON_PLAN.length}`);
    // 08:30 Berlin is 07:30 UTC in winter: the next post is tomorrow's.
    expect(replyText(text.reply)).toContain('3 Mar 2026, 08:30 (Europe/Berlin)');
    const typed = await tutor.sendTyped(teacher, 'schedule', {
      action: 'add',
      channel: '<#C0456|physics>',
      time: '09:00',
      tz: 'America/New_York',
      days: 'mon,wed',
      post: `/train ${SMALL}`,
    });
    expect(typed.reply.headline).toBe('Schedule #2 added.');
    const { reply } = await tutor.send(teacher, '/schedule list');
    expect(replyText(reply)).toMatch(/#1: weekdays at 08:30 \(Europe\/Berlin\) in `class-1`/);
    expect(replyText(reply)).toMatch(
      /#2: mon,wed at 09:00 \(America\/New_York\) in `C0456`, posting `\/train depth:2/,
    );
    // Another server sees none of them.
    const elsewhere = await tutor.send({ ...teacher, server: 'other-school' }, '/schedule list');
    expect(elsewhere.reply.headline).toBe('No schedules here yet.');
  });

  it('pauses, resumes and removes', async () => {
    expect((await tutor.send(teacher, '/schedule pause 2')).reply.headline).toBe('Schedule #2 paused.');
    expect((await tutor.send(teacher, '/schedule pause 2')).reply.headline).toBe(
      'Schedule #2 is already paused.',
    );
    expect(replyText((await tutor.send(teacher, '/schedule list')).reply)).toMatch(/#2: .*; paused/);
    expect((await tutor.send(teacher, '/schedule resume 2')).reply.headline).toBe('Schedule #2 resumed.');
    expect((await tutor.send(teacher, '/schedule remove 2')).reply.headline).toBe('Schedule #2 removed.');
    expect(tutor.store.schedules.get(2)).toBeUndefined();
  });

  it('preview runs the next demo through the bot now, without moving the plan on', async () => {
    const { reply, accepted } = await tutor.send(teacher, '/schedule preview 1');
    expect(accepted?.visibility).toBe('public');
    expect(reply.visibility).toBe('public');
    expect(replyText(reply)).toContain(`Demo 1 of ${LESSON_PLAN.length}: ${LESSON_PLAN[0]!.title}`);
    expect(reply.headline).toMatch(/^Random restarts/);
    expect(reply.images.length).toBeGreaterThan(0);
    expect(tutor.store.schedules.get(1)?.planPosition).toBe(0);
  });

  it('fires through the real bot at the due time and posts the reply into the channel', async () => {
    await tutor.send(teacher, '/schedule remove 1');
    await tutor.send(teacher, `/schedule add time:08:30 tz:UTC days:daily post:"/train ${SMALL}"`);
    await clock.advanceTo(at('2026-03-02T08:30:00Z'));
    await tutor.classroom.scheduler.idle();
    expect(tutor.posts).toHaveLength(1);
    const [post] = tutor.posts;
    expect(post!.target).toEqual({ platform: 'test', conversation: 'class-1', server: 'school' });
    expect(post!.reply.visibility).toBe('public');
    expect(post!.reply.headline).toMatch(/^Training run: depth 2/);
    expect(post!.reply.images.length).toBeGreaterThan(0);
    await tutor.send(teacher, '/schedule remove 3');
  });
});

describe('/settings', () => {
  it('limits experiments per channel and names the limit; the server scope applies everywhere', async () => {
    const saved = await tutor.send(teacher, '/settings maxDepth:4 maxSteps:100');
    expect(saved.reply.headline).toBe('Settings saved.');
    expect(replyText(saved.reply)).toMatch(/depth: at most 4[\s\S]*steps: at most 100/);
    const deep = await tutor.send(student, '/train depth:8 steps:50');
    expect(deep.reply.visibility).toBe('private');
    expect(deep.reply.headline).toBe(
      'In this channel depth may be at most 4 (you asked for 8); your teacher set this limit.',
    );
    const long = await tutor.send(student, '/compare depths:1,2 steps:300');
    expect(long.reply.headline).toMatch(/steps may be at most 100 \(you asked for 300\)/);
    const sweep = await tutor.send(student, '/compare depths:1,8 steps:50');
    expect(sweep.reply.headline).toMatch(/depths may be at most 4 \(you asked for 8\)/);
    // Another channel has no limits of its own...
    const other = await tutor.send({ ...student, conversation: 'class-2' }, `/train ${SMALL}`);
    expect(other.reply.visibility).toBe('public');
    // ...until the server gets one.
    await tutor.send(teacher, '/settings scope:server maxSeeds:2');
    const seeds = await tutor.send({ ...student, conversation: 'class-2' }, '/restarts restarts:5 steps:20');
    expect(seeds.reply.headline).toMatch(/restarts may be at most 2 \(you asked for 5\)/);
    const bad = await tutor.send(teacher, '/settings maxDepth:99');
    expect(bad.reply.headline).toMatch(/max_depth must be a whole number from 0 to 32, or none/);
    await tutor.send(teacher, '/settings reset scope:server');
    await tutor.send(teacher, '/settings maxDepth:none maxSteps:none');
    expect((await tutor.send(student, `/train ${SMALL}`)).reply.visibility).toBe('public');
  });

  it('turns training animations off in a channel with animate:false, and back on with none', async () => {
    const animated = (reply: { images: { animation?: unknown }[] }) => reply.images.some((i) => i.animation);
    expect(animated((await tutor.send(student, `/train ${SMALL}`)).reply)).toBe(true);
    const saved = await tutor.send(teacher, '/settings animate:false');
    expect(replyText(saved.reply)).toContain('Training animations: off (still charts only)');
    const still = (await tutor.send(student, `/train ${SMALL} seed:5`)).reply;
    expect(still.images.length).toBeGreaterThan(0);
    expect(animated(still)).toBe(false);
    const bad = await tutor.send(teacher, '/settings animate:maybe');
    expect(bad.reply.headline).toMatch(/animate must be true or false, or none/);
    await tutor.send(teacher, '/settings animate:none');
    expect(animated((await tutor.send(student, `/train ${SMALL} seed:6`)).reply)).toBe(true);
  });

  it('answers students only in the allowed channels, teachers everywhere', async () => {
    await tutor.send(teacher, '/settings channels:class-1,<#class-3>');
    const refused = await tutor.send({ ...student, conversation: 'class-2' }, '/explain');
    expect(refused.reply.visibility).toBe('private');
    expect(refused.reply.headline).toBe("Sorry, I don't answer in this channel.");
    expect((await tutor.send({ ...student, conversation: 'class-3' }, '/explain')).reply.visibility).toBe(
      'public',
    );
    expect((await tutor.send({ ...teacher, conversation: 'class-2' }, '/explain')).reply.visibility).toBe(
      'public',
    );
    await tutor.send({ ...teacher, conversation: 'class-2' }, '/settings channels:none');
    expect((await tutor.send({ ...student, conversation: 'class-2' }, '/explain')).reply.visibility).toBe(
      'public',
    );
  });

  it('stores who counts as a teacher for the adapters to read', async () => {
    await tutor.sendTyped(teacher, 'settings', { teacherRoles: '<@&998877>', teacherUsers: 'U01,U02' });
    expect(tutor.classroom.teachersOf('test', 'school')).toEqual({
      roleIds: ['998877'],
      userIds: ['U01', 'U02'],
    });
    expect(tutor.classroom.teachersOf('test', 'other-school')).toEqual({ roleIds: [], userIds: [] });
  });
});

describe('/history', () => {
  it("lists the caller's runs newest first, each repeatable, and reruns one from its button", async () => {
    const linus = { user: 'linus' };
    expect((await tutor.send(linus, '/history')).reply.headline).toBe('You have no runs yet.');
    await tutor.send(linus, `/train ${SMALL}`);
    await tutor.send(linus, '/compare depths:1,2 width:8 steps:30 points:64 seeds:1');
    const { reply } = await tutor.send(linus, '/history');
    expect(reply.visibility).toBe('private');
    expect(reply.headline).toBe('Your last 2 runs');
    const text = replyText(reply);
    expect(text.indexOf('/compare depths:1,2')).toBeLessThan(text.indexOf(`/train ${SMALL}`));
    expect(reply.buttons.map((b) => b.label)).toEqual(['Rerun #1', 'Rerun #2']);
    const rerun = await tutor.press(linus, reply.buttons[1]!);
    expect(rerun.reply.headline).toMatch(/^Training run: depth 2/);
    const after = await tutor.send(linus, '/history count:1');
    expect(replyText(after.reply)).toContain(`/train ${SMALL}`);
    expect(tutor.store.runs.recent('test', 'linus', 10)).toHaveLength(3);
    // Nobody else's runs show up.
    expect(replyText((await tutor.send({ user: 'someone' }, '/history')).reply)).not.toContain('/compare');
  });

  it('keeps a long headline’s start, marked as cut, beside the command that holds every option', async () => {
    const mary = { user: 'mary' };
    const options =
      'depth:12 width:4 activation:tanh init:gaussian residual:true normalization:layer loss:mse ' +
      'weightScale:1.2345678901234567 biasScale:0.12345678901234568 optimizer:momentum learningRate:0.012345678901234567 steps:20 ' +
      'dataset:circles points:100 noise:0.12345678901234568 seed:2147483647 seeds:2 gridSize:11 animate:false frames:59';
    const run = await tutor.send(mary, `/train ${options}`);
    expect(run.reply.headline.length).toBeGreaterThan(200);
    const [saved] = tutor.store.runs.recent('test', 'mary', 1);
    expect(saved?.headline).toBe(`${run.reply.headline.slice(0, 199)}…`);
    // Stored and shown in the spelling every client shows (weight_scale, learning_rate).
    const shown = options.replace(/([a-z])([A-Z])/g, (_, a: string, b: string) => `${a}_${b.toLowerCase()}`);
    expect(saved?.command).toBe(`/train ${shown}`);
    expect(replyText((await tutor.send(mary, '/history')).reply)).toContain(`/train ${shown}`);
  });
});
