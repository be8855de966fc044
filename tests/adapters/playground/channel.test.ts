import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { MAX_IN_FLIGHT_PER_CLIENT } from '../../../src/adapters/playground/dispatch.js';
import { encodeGif } from '../../../src/bot/charts/animation/encode-gif.js';
import { privateNote } from '../../../src/bot/replies/plain-replies.js';
import { usePlayground } from './fixture.js';
import { isMessage, messageOf } from './sse-client.js';

const fixture = usePlayground(['Alice', 'Bob']);
const { watch } = fixture;

describe('playground channel: who sees what', () => {
  it('echoes a command to everyone but answers a mistake only to the asker', async () => {
    const alice = await watch(fixture.first);
    const bob = await watch(fixture.second);
    const accepted = await fixture.first.command('/trian depth:8');
    expect(accepted.status).toBe(202);
    await bob.waitFor(isMessage((m) => m.kind === 'echo' && m.text === '/trian depth:8'));
    const note = messageOf(await alice.waitFor(isMessage((m) => m.kind === 'reply')));
    // The typo is forgiven in words: the note names the command that was probably meant.
    expect(note).toMatchObject({
      visibility: 'private',
      headline: 'There is no command "/trian". Did you mean /train?',
    });
    // Bob's own public answer arrives after Alice's note was sent; the note must not precede it.
    await fixture.second.command('/explain');
    await bob.waitFor(isMessage((m) => m.kind === 'reply' && m.visibility === 'public'));
    expect(bob.events.some(isMessage((m) => m.id === note?.id))).toBe(false);
    expect(alice.events.some(isMessage((m) => m.kind === 'reply' && m.visibility === 'public'))).toBe(true);
  });

  it('sends a line without a slash to /ask, and shows it as the /ask it ran', async () => {
    const alice = await watch(fixture.first);
    expect((await fixture.first.command('what is NP-hard?')).status).toBe(202);
    await alice.waitFor(isMessage((m) => m.kind === 'echo' && m.text === '/ask what is NP-hard?'));
    const answer = messageOf(await alice.waitFor(isMessage((m) => m.kind === 'reply')));
    expect(answer).toMatchObject({ visibility: 'public', headline: 'Q: what is NP-hard?' });
    expect(answer?.kind === 'reply' && answer.blocks[0]).toMatch(/^A problem is NP-hard when/);
  });

  it('shows a run working with progress to all, Cancel only to its owner, and ends it privately', async () => {
    const alice = await watch(fixture.first);
    const bob = await watch(fixture.second);
    await fixture.first.command('/train depth:8');
    const mine = messageOf(await alice.waitFor(isMessage((m) => m.kind === 'working')));
    const theirs = messageOf(await bob.waitFor(isMessage((m) => m.kind === 'working')));
    expect(mine?.kind === 'working' && mine.cancelButton?.label).toBe('Cancel');
    expect(theirs?.kind === 'working' && theirs.summary).toMatch(/depth 8/);
    expect(theirs && 'cancelButton' in theirs).toBe(false);
    const progress = await bob.waitFor((e) => e.type === 'progress' && e.progress.state === 'running');
    expect(progress).toMatchObject({
      id: mine?.id,
      progress: { state: 'running', status: 'running', percent: 37, detail: 'loss 0.521' },
    });

    // Bob cannot cancel Alice's run, even holding its button id.
    const cancelId = mine?.kind === 'working' ? (mine.cancelButton?.id ?? '') : '';
    await fixture.second.press(cancelId, 'Cancel');
    const refused = messageOf(
      await bob.waitFor(isMessage((m) => m.kind === 'reply' && /Only the person/.test(m.headline))),
    );
    expect(refused).toMatchObject({ kind: 'reply', visibility: 'private' });

    await fixture.first.press(cancelId, 'Cancel');
    const final = messageOf(await alice.waitFor(isMessage((m) => m.kind === 'reply' && m.id === mine?.id)));
    expect(final).toMatchObject({ visibility: 'private', headline: 'Cancelled.' });
    await bob.waitFor((e) => e.type === 'remove' && e.id === mine?.id);
    // Pressing Cancel is not echoed into the channel.
    expect(bob.events.filter(isMessage((m) => m.kind === 'echo' && m.text.startsWith('/cancel')))).toEqual(
      [],
    );
  });

  it('gives a late page the public history, without anyone’s private notes', async () => {
    const alice = await watch(fixture.first, 'history-test');
    await fixture.first.command('/status', 'history-test');
    await alice.waitFor(isMessage((m) => m.kind === 'reply' && m.headline === 'Tutor status'));
    await fixture.first.command('/explain', 'history-test');
    await alice.waitFor(isMessage((m) => m.kind === 'reply' && m.visibility === 'public'));
    const late = fixture.keep(await fixture.second.events('history-test'));
    const hello = await late.waitFor((e) => e.type === 'hello');
    const history = hello.type === 'hello' ? hello.history : [];
    expect(history.map((m) => (m.kind === 'echo' ? m.text : m.kind))).toEqual([
      '/status',
      '/explain',
      'reply',
    ]);
  });

  it('keeps channels apart', async () => {
    const other = await watch(fixture.second, 'other-room');
    await fixture.first.command('/explain');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(other.events.filter((e) => e.type !== 'hello')).toEqual([]);
  });

  it(`refuses more than ${MAX_IN_FLIGHT_PER_CLIENT} requests in flight from one client`, async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= MAX_IN_FLIGHT_PER_CLIENT; i += 1) {
      statuses.push((await fixture.first.command(`/train seed:${i + 10}`)).status);
    }
    expect(statuses).toEqual([...Array(MAX_IN_FLIGHT_PER_CLIENT).fill(202), 429]);
  });
});

describe('playground post(): scheduled replies and chart images', () => {
  it('serves an image’s animation as a GIF beside its still, each under its own extension', async () => {
    const bob = await watch(fixture.second);
    const png = createCanvas(64, 32).toBuffer('image/png');
    const gif = await encodeGif([{ rgba: new Uint8Array(4 * 8 * 4).fill(200), delayMs: 100 }], 8, 4);
    const animation = { name: 'training.gif', gif, alt: 'the map takes shape' };
    const reply = {
      ...privateNote('Animated demo'),
      images: [{ name: 'b.png', png, alt: 'still', animation }],
    };
    await fixture.playground.adapter.post('playground:class', reply);
    const shown = messageOf(
      await bob.waitFor(isMessage((m) => m.kind === 'reply' && m.headline === 'Animated demo')),
    );
    const image = shown?.kind === 'reply' ? shown.images[0] : undefined;
    expect(image?.animation?.alt).toBe('the map takes shape');
    expect(image?.animation?.url).toMatch(/^\/images\/[0-9a-f]{32}\.gif$/);
    const response = await fetch(new URL(image?.animation?.url ?? '', fixture.playground.url));
    expect(response.headers.get('content-type')).toBe('image/gif');
    expect(Buffer.from(await response.arrayBuffer()).equals(gif)).toBe(true);
    const wrongExtension = (image?.animation?.url ?? '').replace(/\.gif$/, '.png');
    expect((await fetch(new URL(wrongExtension, fixture.playground.url))).status).toBe(404);
  });

  it('posts a reply with a chart to the channel, served as a PNG URL', async () => {
    const bob = await watch(fixture.second);
    const canvas = createCanvas(64, 32);
    const png = canvas.toBuffer('image/png');
    const reply = { ...privateNote('Daily demo'), images: [{ name: 'demo.png', png, alt: 'a demo chart' }] };
    await fixture.playground.adapter.post('playground:class', reply);
    const shown = messageOf(
      await bob.waitFor(isMessage((m) => m.kind === 'reply' && m.headline === 'Daily demo')),
    );
    // A posted reply has no asker, so the whole channel sees it.
    expect(shown).toMatchObject({ kind: 'reply', visibility: 'public' });
    const image = shown?.kind === 'reply' ? shown.images[0] : undefined;
    expect(image).toMatchObject({ alt: 'a demo chart', width: 64, height: 32 });
    const response = await fetch(new URL(image?.url ?? '', fixture.playground.url));
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await response.arrayBuffer()).equals(png)).toBe(true);
    await expect(fixture.playground.adapter.post('Not A Channel!', reply)).rejects.toThrow(
      /not a playground channel/,
    );
  });
});
