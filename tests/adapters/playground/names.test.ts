import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireEcho } from '../../../src/adapters/playground/web/wire.js';
import { cookieFrom, type RunningPlayground, startPlayground, type Visitor } from './harness.js';
import { type EventStream, isMessage, messageOf } from './sse-client.js';
import { waitingServices } from './stand-in-services.js';

/*
 * Anyone may pick any display name, so a name proves nothing: what tells people apart is the tag
 * the server shows beside it, and the teacher badge only a signed-in teacher gets. Invisible
 * characters must not make one name pass for another.
 */

const TOKEN = 'names test teacher token';

let playground: RunningPlayground;
let services: ReturnType<typeof waitingServices>;
beforeAll(async () => {
  services = waitingServices();
  playground = await startPlayground(services.services, { teacherToken: TOKEN });
});
afterAll(async () => {
  await playground.adapter.stop();
  await services.close();
});

/** Posts `text` as `visitor` named `name`, and returns the echo the channel saw. */
async function echoOf(stream: EventStream, visitor: Visitor, name: string, text: string): Promise<WireEcho> {
  const response = await visitor.post('/api/command', { name, channel: 'names', text });
  expect(response.status).toBe(202);
  const message = messageOf(await stream.waitFor(isMessage((m) => m.kind === 'echo' && m.text === text)));
  if (message?.kind !== 'echo') throw new Error('no echo');
  return message;
}

describe('names in the playground', () => {
  it('strips zero-width and bidi-override characters and collapses spaces', async () => {
    const watcher = await playground.visitor('Watcher');
    const stream = await watcher.events('names');
    const someone = await playground.visitor();
    const hidden = await echoOf(stream, someone, 'A\u200Bl\u200Dice\u202E\u2066', '/help one');
    expect(hidden.author.name).toBe('Alice');
    const spaced = await echoOf(stream, someone, 'Bob      \u00A0 (teacher)', '/help two');
    expect(spaced.author.name).toBe('Bob (teacher)');
    const onlyInvisible = await echoOf(stream, someone, '\u200B\u200E\uFEFF', '/help three');
    expect(onlyInvisible.author.name).toBe('Guest');
    stream.close();
  });

  it('tags every name from its public id: the same name from two browsers looks different', async () => {
    const watcher = await playground.visitor('Watcher');
    const stream = await watcher.events('names');
    const alice = await playground.visitor();
    const impostor = await playground.visitor();
    const real = await echoOf(stream, alice, 'Alice', '/help four');
    const fake = await echoOf(stream, impostor, 'Alice', '/help five');
    const realAgain = await echoOf(stream, alice, 'Alice', '/help six');
    expect(real.author.tag).toMatch(/^[a-z2-9]{5}$/);
    expect(fake.author.tag).not.toBe(real.author.tag);
    expect(realAgain.author.tag).toBe(real.author.tag);
    // The tag is not a piece of the public id, which anyone can grind by making session secrets.
    expect(alice.id).not.toContain(real.author.tag);
    stream.close();
  });

  it('badges a signed-in teacher, and no student name gets the badge', async () => {
    const watcher = await playground.visitor('Watcher');
    const stream = await watcher.events('names');
    const teacher = await playground.visitor();
    const signIn = await teacher.post('/api/teacher', { token: TOKEN });
    expect(signIn.status).toBe(200);
    // The browser keeps the teacher cookie the answer set.
    teacher.cookie = cookieFrom(signIn, teacher.cookie);
    const fromTeacher = await echoOf(stream, teacher, 'Ms Rivera', '/help seven');
    expect(fromTeacher.author.teacher).toBe(true);
    const student = await playground.visitor();
    const posing = await echoOf(stream, student, 'Ms Rivera (teacher)', '/help eight');
    expect(posing.author.teacher).toBeUndefined();
    expect(posing.author.tag).not.toBe(fromTeacher.author.tag);
    stream.close();
  });
});
