import { describe, expect, it } from 'vitest';
import type { WireEvent, WireMessage } from '../../../src/adapters/playground/web/wire.js';
import { privateNote } from '../../../src/bot/replies/plain-replies.js';
import { usePlayground } from './fixture.js';

/*
 * The playground's stop: like the chat adapters, it refuses new requests and answers the ones in
 * flight before its event streams close, so no open page is left with a run that never ends.
 * Also its private note to one page (a schedule owner's), which nobody else sees.
 */

const GRACE_MS = 600;

const fixture = usePlayground(['Alice', 'Bob'], { stopGraceMs: GRACE_MS });

const reply = (match: (m: Extract<WireMessage, { kind: 'reply' }>) => boolean) => (e: WireEvent) =>
  e.type === 'message' && e.message.kind === 'reply' && match(e.message);

describe('playground notify and stop', () => {
  it('shows a private note to one client only', async () => {
    const { playground, first: alice, second: bob, watch } = fixture;
    const aliceSees = await watch(alice);
    const bobSees = await watch(bob);
    await playground.adapter.notify(
      { conversation: 'playground:class', user: alice.id },
      privateNote('Schedule #3 could not post.'),
    );
    const shown = await aliceSees.waitFor(reply((m) => m.headline === 'Schedule #3 could not post.'));
    expect(shown).toMatchObject({ message: { visibility: 'private' } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(bobSees.events.some(reply((m) => m.headline.startsWith('Schedule')))).toBe(false);
  });

  it('answers a run in flight and refuses a new request before closing the streams', async () => {
    const { playground, first: alice, second: bob, watch } = fixture;
    const aliceSees = await watch(alice);
    const bobSees = await watch(bob);
    expect((await alice.command('/train depth:8')).status).toBe(202);
    const working = await aliceSees.waitFor((e) => e.type === 'message' && e.message.kind === 'working');
    const runId = working.type === 'message' ? working.message.id : '';
    expect(playground.adapter.isReady()).toBe(true);

    const stopAt = Date.now();
    const stopping = playground.adapter.stop();
    expect(playground.adapter.isReady()).toBe(false);
    expect((await bob.command('/explain')).status).toBe(202);
    const refusal = await bobSees.waitFor(reply(() => true));
    expect(refusal).toMatchObject({
      message: { visibility: 'private', headline: 'The tutor is restarting; try again in a minute.' },
    });

    const ended = await aliceSees.waitFor(
      reply((m) => m.id === runId),
      5000,
    );
    // The waiting engine never finishes: stop waited out the grace period, then the run got its answer.
    const waited = Date.now() - stopAt;
    expect(waited).toBeGreaterThanOrEqual(GRACE_MS - 50);
    expect(waited).toBeLessThan(GRACE_MS + 2000);
    expect(ended).toMatchObject({
      message: { visibility: 'private', headline: 'The tutor restarted before this finished.' },
    });
    // Bob saw the run start in public; it is taken away from his page.
    await bobSees.waitFor((e) => e.type === 'remove' && e.id === runId);
    await stopping;
    expect(aliceSees.events.filter(reply((m) => m.id === runId))).toHaveLength(1);
  });
});
