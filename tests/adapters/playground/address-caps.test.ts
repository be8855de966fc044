import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { PlaygroundOptions } from '../../../src/adapters/playground/index.js';
import { type RunningPlayground, startPlayground } from './harness.js';
import { waitingServices } from './stand-in-services.js';

/*
 * Caps per client address: cookies are free, so one machine minting them must still hit a wall,
 * while a class of about 30 behind one NAT address keeps working. X-Forwarded-For counts only from a
 * configured proxy.
 */

let playground: RunningPlayground | undefined;
let services: ReturnType<typeof waitingServices> | undefined;
afterEach(async () => {
  await playground?.adapter.stop();
  await services?.close();
  playground = undefined;
  services = undefined;
});

async function start(
  options: Partial<Pick<PlaygroundOptions, 'trustedProxies' | 'addressLimits'>> = {},
): Promise<RunningPlayground> {
  services = waitingServices();
  playground = await startPlayground(services.services, { stopGraceMs: 50, ...options });
  return playground;
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => 'opened',
    (error: Error) => error.message,
  );

/** A GET from another loopback address (127.0.0.2: a second machine, as the server sees it). */
function getFrom(
  url: string,
  localAddress: string,
  cookie?: string,
): Promise<{ status: number; cookie: string; close(): void }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { localAddress, headers: cookie ? { Cookie: cookie } : {} }, (response) => {
      const set = response.headers['set-cookie'] ?? [];
      resolve({
        status: response.statusCode ?? 0,
        cookie: set.map((line) => line.split(';')[0]).join('; '),
        close: () => request.destroy(),
      });
    });
    request.on('error', reject);
  });
}

describe('caps per client address', () => {
  it('counts event streams per address, however many cookies it mints, and believes no forged X-Forwarded-For', async () => {
    const { visitor, url } = await start({ addressLimits: { streams: 4 } });
    const streams = [];
    for (let i = 0; i < 4; i += 1) streams.push(await (await visitor(`v${i}`, `10.0.0.${i}`)).events());
    // A fifth cookie, claiming yet another address: the server sees 127.0.0.1 again.
    const fifth = await visitor('v5', '10.0.0.99');
    expect(await refusal(fifth.events())).toBe('event stream refused: 429');
    // Another machine is not affected.
    const session = await getFrom(`${url}api/session`, '127.0.0.2');
    const other = await getFrom(`${url}api/events?channel=class`, '127.0.0.2', session.cookie);
    expect(other.status).toBe(200);
    other.close();
    // A closed stream gives its place back.
    streams[0]?.close();
    await expect.poll(() => refusal(fifth.events().then((s) => s.close()))).toBe('opened');
    for (const stream of streams) stream.close();
  });

  it('behind a trusted proxy, counts by the X-Forwarded-For the proxy appended', async () => {
    const { visitor } = await start({ trustedProxies: ['127.0.0.1'], addressLimits: { streams: 2 } });
    const school = [await visitor('a', '203.0.113.5'), await visitor('b', '203.0.113.5')];
    const streams = [await school[0]!.events(), await school[1]!.events()];
    // Whatever the client wrote to the left of the proxy's entry proves nothing.
    const forger = await visitor('c', '198.51.100.1, 203.0.113.5');
    expect(await refusal(forger.events())).toBe('event stream refused: 429');
    const elsewhere = await visitor('d', '198.51.100.7');
    const theirs = await elsewhere.events();
    theirs.close();
    for (const stream of streams) stream.close();
  });

  it('caps requests in flight per address: one address cannot fill the job queue for everyone', async () => {
    const { visitor } = await start({ trustedProxies: ['127.0.0.1'], addressLimits: { inFlight: 3 } });
    const statuses = [];
    for (let i = 0; i < 4; i += 1) {
      const student = await visitor(`s${i}`, '203.0.113.5');
      statuses.push((await student.command('/train depth:2')).status);
    }
    expect(statuses).toEqual([202, 202, 202, 429]);
    const last = await visitor('s-last', '203.0.113.5');
    const refused = await last.command('/train depth:3');
    expect(((await refused.json()) as { error: string }).error).toMatch(/from your network/);
    const neighbour = await visitor('n', '198.51.100.7');
    expect((await neighbour.command('/train depth:2')).status).toBe(202);
  });

  it('caps new sessions per address and minute; a browser that has its cookie is always answered', async () => {
    const { url, visitor } = await start({
      trustedProxies: ['127.0.0.1'],
      addressLimits: { newSessionsPerMinute: 3 },
    });
    const first = await visitor('a', '203.0.113.5');
    await visitor('b', '203.0.113.5');
    await visitor('c', '203.0.113.5');
    const fourth = await fetch(`${url}api/session`, { headers: { 'X-Forwarded-For': '203.0.113.5' } });
    expect(fourth.status).toBe(429);
    expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(fourth.headers.getSetCookie()).toEqual([]);
    const again = await fetch(`${url}api/session`, {
      headers: { 'X-Forwarded-For': '203.0.113.5', Cookie: first.cookie },
    });
    expect(again.status).toBe(200);
    expect((await visitor('d', '198.51.100.7')).id).toMatch(/^u-/);
  });

  it('with the default caps, 30 students behind one address each get a session, two pages and an answer', async () => {
    const { visitor } = await start();
    const students = [];
    for (let i = 0; i < 30; i += 1) students.push(await visitor(`student ${i}`));
    const streams = [];
    for (const student of students) streams.push(await student.events(), await student.events());
    const statuses = await Promise.all(students.map(async (s) => (await s.command('/help')).status));
    expect(statuses).toEqual(Array(30).fill(202));
    for (const stream of streams) stream.close();
  });
});
