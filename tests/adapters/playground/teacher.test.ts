import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireSession } from '../../../src/adapters/playground/web/wire.js';
import { silentLogger } from '../../../src/bot/logger.js';
import { createTutorServices } from '../../../src/bot/tutor-services.js';
import { openStore } from '../../../src/store/index.js';
import { cookieFrom, type RunningPlayground, startPlayground, type Visitor } from './harness.js';
import { type EventStream, isMessage, messageOf } from './sse-client.js';
import { createWaitingEngine, waitingServices } from './stand-in-services.js';

/*
 * Teachers in the playground: whoever enters PLAYGROUND_TEACHER_TOKEN in the page may use the
 * teacher-only commands (/schedule, /settings) there, on a real SQLite classroom.
 */

const TOKEN = 'correct horse battery staple';

const replyOf = async (stream: EventStream, headline: RegExp) =>
  messageOf(await stream.waitFor(isMessage((m) => m.kind === 'reply' && headline.test(m.headline))));

describe('playground teachers, with PLAYGROUND_TEACHER_TOKEN', () => {
  let playground: RunningPlayground;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const store = openStore(':memory:');
    const { services, jobs } = createTutorServices({
      engine: createWaitingEngine(),
      logger: silentLogger,
      charts: { kind: 'local' },
      concurrency: 1,
      store,
    });
    playground = await startPlayground(services, { teacherToken: TOKEN });
    close = async () => {
      await jobs.close();
      store.close();
    };
  });
  afterAll(async () => {
    await playground.adapter.stop();
    await close();
  });

  const signIn = (visitor: Visitor, token: string) => visitor.post('/api/teacher', { token });

  it('refuses /schedule and /settings to students, and a wrong token', async () => {
    const student = await playground.visitor('Student');
    const stream = await student.events();
    await student.command('/settings');
    expect(await replyOf(stream, /^Only teachers/)).toMatchObject({
      headline: 'Only teachers can use /settings.',
    });
    const wrong = await signIn(student, 'not the token at all');
    expect(wrong.status).toBe(403);
    expect(wrong.headers.getSetCookie()).toEqual([]);
    expect((await playground.post('/api/teacher', { token: TOKEN })).status).toBe(401);
    stream.close();
  });

  it('makes whoever enters the token a teacher: /settings and /schedule then work', async () => {
    const teacher = await playground.visitor('Teacher');
    const before = (await (
      await fetch(`${playground.url}api/session`, { headers: { Cookie: teacher.cookie } })
    ).json()) as WireSession;
    expect(before).toEqual({ id: teacher.id, teacher: false, teacherSignIn: true });
    const signedIn = await signIn(teacher, TOKEN);
    expect(signedIn.status).toBe(200);
    expect(await signedIn.json()).toEqual({ id: teacher.id, teacher: true, teacherSignIn: true });
    const [cookie = ''] = signedIn.headers.getSetCookie();
    expect(cookie).toMatch(/^depth_tutor_teacher=[A-Za-z0-9_-]+; Path=\/; HttpOnly; SameSite=Strict/);
    expect(cookie).not.toContain(TOKEN.replaceAll(' ', ''));
    teacher.cookie = cookieFrom(signedIn, teacher.cookie);

    const stream = await teacher.events();
    await teacher.command('/settings maxDepth:8');
    const saved = await replyOf(stream, /^(Settings saved\.|Only teachers)/);
    expect(saved).toMatchObject({ headline: 'Settings saved.' });
    expect(saved?.kind === 'reply' && saved.blocks.join('\n')).toMatch(/at most 8/);
    await teacher.command('/schedule add time:08:30 tz:Europe/Berlin days:weekdays post:lesson-plan');
    expect(await replyOf(stream, /^Schedule #\d+ added\.$/)).toMatchObject({ visibility: 'private' });
    stream.close();
  });

  it('binds the teacher cookie to its session: copied to another browser it proves nothing', async () => {
    const teacher = await playground.visitor('Teacher 2');
    const signedIn = await signIn(teacher, TOKEN);
    const proof = /depth_tutor_teacher=([^;]+)/.exec(signedIn.headers.getSetCookie()[0] ?? '')?.[1] ?? '';
    expect(proof).not.toBe('');
    const student = await playground.visitor('Student 2');
    student.cookie = `${student.cookie}; depth_tutor_teacher=${proof}`;
    const session = (await (
      await fetch(`${playground.url}api/session`, { headers: { Cookie: student.cookie } })
    ).json()) as WireSession;
    expect(session.teacher).toBe(false);
    const stream = await student.events();
    await student.command('/schedule list');
    expect(await replyOf(stream, /^Only teachers/)).toBeDefined();
    stream.close();
  });
});

describe('playground teachers, without a token', () => {
  it('says that teacher sign-in is off', async () => {
    const services = waitingServices();
    const playground = await startPlayground(services.services);
    try {
      const visitor = await playground.visitor();
      const session = (await (
        await fetch(`${playground.url}api/session`, { headers: { Cookie: visitor.cookie } })
      ).json()) as WireSession;
      expect(session.teacherSignIn).toBe(false);
      const response = await visitor.post('/api/teacher', { token: TOKEN });
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: string }).error).toMatch(/PLAYGROUND_TEACHER_TOKEN/);
    } finally {
      await playground.adapter.stop();
      await services.close();
    }
  });
});
