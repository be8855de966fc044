import net from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_STREAMS_PER_CLIENT } from '../../../src/adapters/playground/routes.js';
import { privateNote } from '../../../src/bot/replies/plain-replies.js';
import { type RunningPlayground, startPlayground } from './harness.js';
import { waitingServices } from './stand-in-services.js';

/*
 * Event streams under a heavy class: pages that stop reading must not make the server keep every
 * event for them, and one browser must not take all the streams.
 */

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
const heapUsed = () => {
  collect();
  return process.memoryUsage().heapUsed;
};

let playground: RunningPlayground;
let services: ReturnType<typeof waitingServices>;
beforeAll(async () => {
  services = waitingServices();
  playground = await startPlayground(services.services);
});
afterAll(async () => {
  await playground.adapter.stop();
  await services.close();
});

/** Opens an event stream over a raw socket; the caller decides whether it ever reads. */
function rawStream(cookie: string): Promise<net.Socket> {
  const { port } = new URL(playground.url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => {
      socket.write(
        `GET /api/events?channel=class HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nCookie: ${cookie}\r\n\r\n`,
      );
      socket.once('data', () => resolve(socket));
    });
    socket.on('error', () => {});
  });
}

/**
 * A stream that stops reading after its first bytes, as a stalled page does. `wake` reads again:
 * it resolves with the bytes that were still on their way, once the server has closed the stream.
 */
async function stalledStream(
  cookie: string,
): Promise<{ wake(): Promise<{ bytes: number; sawLast: boolean }> }> {
  const socket = await rawStream(cookie);
  socket.pause();
  return {
    wake: () =>
      new Promise((done) => {
        let bytes = 0;
        let sawLast = false;
        socket.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          sawLast ||= chunk.includes('Broadcast 999"');
        });
        socket.once('close', () => done({ bytes, sawLast }));
        socket.resume();
      }),
  };
}

/** A stream that reads and discards everything, resolving once `text` has come by. */
async function readingStream(cookie: string, text: string): Promise<{ seen: Promise<void> }> {
  const socket = await rawStream(cookie);
  const seen = new Promise<void>((done) => {
    let tail = '';
    socket.on('data', (chunk: Buffer) => {
      const seenNow = tail + chunk.toString();
      tail = seenNow.slice(-text.length);
      if (seenNow.includes(text)) {
        socket.destroy();
        done();
      }
    });
  });
  return { seen };
}

describe('playground event streams', () => {
  it('keeps the heap bounded while 10 stalled pages miss 1,000 large broadcasts, and closes them', async () => {
    const stalled = await Promise.all(
      Array.from({ length: 10 }, async () => stalledStream((await playground.visitor()).cookie)),
    );
    const live = await readingStream((await playground.visitor('Reader')).cookie, 'Broadcast 999"');
    const before = heapUsed();
    const block = 'x'.repeat(32 * 1024);
    for (let i = 0; i < 1000; i += 1) {
      await playground.adapter.post('class', privateNote(`Broadcast ${i}`, [block]));
      // Broadcasts come from separate events: let the sockets move what the kernel will take.
      if (i % 4 === 3) await new Promise((resolve) => setImmediate(resolve));
      // Kept for every stalled page, the broadcasts would reach 10 x 32 MB; each may hold 256 KB here.
      if (i % 100 === 99)
        expect(heapUsed() - before, `after ${i + 1} broadcasts`).toBeLessThan(32 * 1024 * 1024);
    }
    await live.seen;
    // Woken up, each stalled page finds its stream closed long before the last broadcast.
    for (const { bytes, sawLast } of await Promise.all(stalled.map((s) => s.wake()))) {
      expect(sawLast).toBe(false);
      expect(bytes).toBeLessThan(16 * 1024 * 1024);
    }
  });

  it(`lets one browser open ${MAX_STREAMS_PER_CLIENT} streams, not more, while others still get theirs`, async () => {
    const greedy = await playground.visitor('Greedy');
    // Another channel than the crowded one above: the cap counts a browser's streams in all of them.
    const open = await Promise.all(
      Array.from({ length: MAX_STREAMS_PER_CLIENT }, (_, i) => greedy.events(i % 2 ? 'caps' : 'caps-2')),
    );
    const refused = await fetch(`${playground.url}api/events?channel=caps`, {
      headers: { Cookie: greedy.cookie },
    });
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: string }).error).toMatch(/per browser/);
    const other = await (await playground.visitor('Other')).events('caps');
    await other.waitFor((e) => e.type === 'hello');
    for (const stream of [...open, other]) stream.close();
  });
});
