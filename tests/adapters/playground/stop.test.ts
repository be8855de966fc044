import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlaygroundAdapter, type PlaygroundAdapter } from '../../../src/adapters/playground/index.js';
import type { WireEvent, WireMessage } from '../../../src/adapters/playground/web/wire.js';
import { createBot } from '../../../src/bot/create-bot.js';
import { silentLogger } from '../../../src/bot/logger.js';
import { privateNote } from '../../../src/bot/replies/plain-replies.js';
import { say } from './harness.js';
import { type EventStream, openEvents } from './sse-client.js';
import { waitingServices } from './stand-in-services.js';

/*
 * The playground's stop: like the chat adapters, it refuses new requests and answers the ones in
 * flight before its event streams close, so no open page is left with a run that never ends.
 * Also its private note to one page (a schedule owner's), which nobody else sees.
 */

const ALICE = 'alice-0000-client';
const BOB = 'bob-00000-client';
const GRACE_MS = 600;

let services: ReturnType<typeof waitingServices>;
let adapter: PlaygroundAdapter;
let url: string;
const streams: EventStream[] = [];

beforeAll(async () => {
  services = waitingServices();
  const bot = createBot({ services: services.services, logger: silentLogger });
  adapter = createPlaygroundAdapter({
    bot,
    host: '127.0.0.1',
    port: 0,
    logger: silentLogger,
    stopGraceMs: GRACE_MS,
  });
  url = (await adapter.start()).url;
});
afterAll(async () => {
  for (const stream of streams) stream.close();
  await adapter.stop();
  await services.close();
});

async function watch(client: string): Promise<EventStream> {
  const stream = await openEvents(url, client, 'class');
  streams.push(stream);
  await stream.waitFor((e) => e.type === 'hello');
  return stream;
}

const post = (path: string, body: unknown) =>
  fetch(`${url}${path.slice(1)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

const reply = (match: (m: Extract<WireMessage, { kind: 'reply' }>) => boolean) => (e: WireEvent) =>
  e.type === 'message' && e.message.kind === 'reply' && match(e.message);

describe('playground notify and stop', () => {
  it('shows a private note to one client only', async () => {
    const alice = await watch(ALICE);
    const bob = await watch(BOB);
    await adapter.notify(
      { conversation: 'playground:class', user: ALICE },
      privateNote('Schedule #3 could not post.'),
    );
    const shown = await alice.waitFor(reply((m) => m.headline === 'Schedule #3 could not post.'));
    expect(shown).toMatchObject({ message: { visibility: 'private' } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(bob.events.some(reply((m) => m.headline.startsWith('Schedule')))).toBe(false);
  });

  it('answers a run in flight and refuses a new request before closing the streams', async () => {
    const alice = await watch(ALICE);
    const bob = await watch(BOB);
    expect((await post('/api/command', say(ALICE, '/train depth:8'))).status).toBe(202);
    const working = await alice.waitFor((e) => e.type === 'message' && e.message.kind === 'working');
    const runId = working.type === 'message' ? working.message.id : '';
    expect(adapter.isReady()).toBe(true);

    const stopping = adapter.stop();
    expect(adapter.isReady()).toBe(false);
    expect((await post('/api/command', say(BOB, '/explain'))).status).toBe(202);
    const refusal = await bob.waitFor(reply(() => true));
    expect(refusal).toMatchObject({
      message: { visibility: 'private', headline: 'The tutor is restarting; try again in a minute.' },
    });

    const started = Date.now();
    const ended = await alice.waitFor(
      reply((m) => m.id === runId),
      5000,
    );
    // The waiting engine never finishes: the grace period ran out, and the run got its answer.
    expect(Date.now() - started).toBeLessThan(GRACE_MS + 2000);
    expect(ended).toMatchObject({
      message: { visibility: 'private', headline: 'The tutor restarted before this finished.' },
    });
    // Bob saw the run start in public; it is taken away from his page.
    await bob.waitFor((e) => e.type === 'remove' && e.id === runId);
    await stopping;
    expect(alice.events.filter(reply((m) => m.id === runId))).toHaveLength(1);
  });
});
