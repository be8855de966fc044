import { beforeAll, describe, expect, it } from 'vitest';
import { usePlayground } from './fixture.js';
import type { RunningPlayground, Visitor } from './harness.js';
import { type EventStream, isMessage, messageOf, openEvents } from './sse-client.js';

/*
 * Identity in the playground, probed as a classmate who wants to read someone's private notes or
 * stop their run: everything such a person can see (echoes, history, public ids) must not let
 * them act as another browser.
 */

const fixture = usePlayground(['Alice', 'Mallory']);
const kept = (stream: EventStream) => fixture.keep(stream);
let playground: RunningPlayground;
let alice: Visitor;
let mallory: Visitor;
beforeAll(() => {
  ({ playground, first: alice, second: mallory } = fixture);
});
const secretOf = (visitor: Visitor) => /depth_tutor_session=([^;]+)/.exec(visitor.cookie)?.[1] ?? '';

describe('playground identity', () => {
  it('keeps the credential in an HttpOnly, SameSite=Strict cookie, apart from the public id', async () => {
    const response = await fetch(`${playground.url}api/session`);
    const [cookie = ''] = response.headers.getSetCookie();
    expect(cookie).toMatch(/^depth_tutor_session=[A-Za-z0-9_-]{43}; /);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\//);
    // The same browser keeps its id; the cookie is not reissued.
    const again = await fetch(`${playground.url}api/session`, { headers: { Cookie: alice.cookie } });
    expect(((await again.json()) as { id: string }).id).toBe(alice.id);
    expect(again.headers.getSetCookie()).toEqual([]);
    expect(alice.id).not.toContain(secretOf(alice));
    expect(alice.id).not.toBe(mallory.id);
  });

  it('shows others the public id only, and a public id opens nobody’s private notes', async () => {
    const watching = kept(await mallory.events());
    await alice.command('/help');
    const echo = messageOf(await watching.waitFor(isMessage((m) => m.kind === 'echo' && m.text === '/help')));
    const victimId = echo?.kind === 'echo' ? echo.author.id : '';
    expect(victimId).toBe(alice.id);
    expect(JSON.stringify(watching.events)).not.toContain(secretOf(alice));

    // Everything Mallory can try with what she saw: the id as the old query parameter (with her own
    // cookie and with none), and as a cookie.
    const spying = kept(
      await openEvents(playground.url, { cookie: mallory.cookie, query: `client=${victimId}` }),
    );
    const noCookie = await fetch(`${playground.url}api/events?channel=class&client=${victimId}`);
    expect(noCookie.status).toBe(401);
    await noCookie.body?.cancel();
    const asCookie = await fetch(`${playground.url}api/events?channel=class`, {
      headers: { Cookie: `depth_tutor_session=${victimId}` },
    });
    expect(asCookie.status).toBe(401);
    await asCookie.body?.cancel();

    const own = kept(await alice.events());
    await alice.command('/status');
    const note = messageOf(
      await own.waitFor(isMessage((m) => m.kind === 'reply' && m.headline === 'Tutor status')),
    );
    expect(note).toMatchObject({ visibility: 'private' });
    // A public reply sent after the note reaches Mallory's streams, so the note had its chance.
    await alice.command('/explain');
    await spying.waitFor(isMessage((m) => m.kind === 'reply' && m.visibility === 'public'));
    await watching.waitFor(isMessage((m) => m.kind === 'reply' && m.visibility === 'public'));
    for (const stream of [spying, watching]) {
      expect(stream.events.some(isMessage((m) => m.id === note?.id))).toBe(false);
    }
  });

  it('lets nobody but the owner press a run’s Cancel, whatever id they send', async () => {
    const own = kept(await alice.events());
    await alice.command('/train depth:8');
    const working = messageOf(await own.waitFor(isMessage((m) => m.kind === 'working')));
    const cancelId = working?.kind === 'working' ? (working.cancelButton?.id ?? '') : '';
    expect(cancelId).not.toBe('');

    const watching = kept(await mallory.events());
    // With her own session, naming Alice in the body, or with Alice's public id as her cookie.
    const pressed = await mallory.press(cancelId, 'Cancel');
    expect(pressed.status).toBe(202);
    await watching.waitFor(isMessage((m) => m.kind === 'reply' && /Only the person/.test(m.headline)));
    const named = await mallory.post('/api/button', {
      name: 'Alice',
      channel: 'class',
      buttonId: cancelId,
      client: alice.id,
    });
    expect(named.status).toBe(400);
    const forged = await playground.post(
      '/api/button',
      { name: 'Alice', channel: 'class', buttonId: cancelId },
      { Cookie: `depth_tutor_session=${alice.id}` },
    );
    expect(forged.status).toBe(401);

    // Alice's run is still going: her own Cancel is what ends it.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(own.events.some(isMessage((m) => m.id === working?.id && m.kind === 'reply'))).toBe(false);
    await alice.press(cancelId, 'Cancel');
    const final = messageOf(await own.waitFor(isMessage((m) => m.kind === 'reply' && m.id === working?.id)));
    expect(final).toMatchObject({ headline: 'Cancelled.' });
  });
});
