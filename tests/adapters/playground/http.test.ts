import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireCommand } from '../../../src/adapters/playground/web/wire.js';
import { SPEC_FIELDS } from '../../../src/engine/spec.js';
import { type RunningPlayground, startPlayground, type Visitor } from './harness.js';
import { waitingServices } from './stand-in-services.js';

let playground: RunningPlayground;
let services: ReturnType<typeof waitingServices>;
let alice: Visitor;
beforeAll(async () => {
  services = waitingServices();
  playground = await startPlayground(services.services);
  alice = await playground.visitor('Alice');
});
const say = (text: string, channel = 'class') => ({ name: 'Alice', channel, text });
afterAll(async () => {
  await playground.adapter.stop();
  await services.close();
});

describe('playground HTTP: the page and its files', () => {
  it('serves the page with a self-only content policy', async () => {
    const response = await fetch(playground.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('content-security-policy')).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await response.text();
    expect(html).toContain('id="messages"');
    expect(html).toContain('src="/app.js"');
  });

  it('serves the page script as JavaScript compiled from its TypeScript source', async () => {
    const response = await fetch(`${playground.url}app.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    const script = await response.text();
    expect(script).toContain('EventSource');
    expect(script).not.toMatch(/import type|: WireEvent\b/);
    const etag = response.headers.get('etag') ?? '';
    const again = await fetch(`${playground.url}app.js`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
  });

  it('refuses paths outside the page directory and unknown files', async () => {
    for (const path of [
      '..%2F..%2Fpackage.json',
      'web/tsconfig.json',
      'tsconfig.json',
      'nope.js',
      'index.ts',
    ]) {
      const response = await fetch(`${playground.url}${path}`);
      expect(response.status, path).toBe(404);
    }
  });

  it('lists the commands with their options, derived from the definitions', async () => {
    const commands = (await (await fetch(`${playground.url}api/commands`)).json()) as WireCommand[];
    expect(commands.map((c) => c.name)).toEqual(playground.bot.commands.map((c) => c.name));
    const train = commands.find((c) => c.name === 'train');
    const depth = train?.options.find((o) => o.name === 'depth');
    const field = SPEC_FIELDS.train.depth;
    expect(field.kind).toBe('int');
    if (field.kind !== 'int') return;
    expect(depth).toMatchObject({
      kind: 'int',
      min: field.min,
      max: field.max,
      default: String(field.default),
    });
    expect(depth?.allowed).toContain(String(field.max));
    const activation = train?.options.find((o) => o.name === 'activation');
    expect(activation?.choices).toContain('relu');
    expect(train?.examples).toContain('/train depth:8');
    expect(commands.find((c) => c.name === 'ask')?.freeText).toBe(true);
  });
});

describe('playground HTTP: bad requests get a clear JSON error', () => {
  const expectError = async (response: Response, status: number, words: RegExp) => {
    expect(response.status).toBe(status);
    const body = (await response.json()) as { error: string };
    expect(body.error).toMatch(words);
    expect(body.error).not.toMatch(/\n\s+at |Error:/);
  };

  it('rejects malformed JSON, wrong types, unknown fields, wrong content types and huge bodies', async () => {
    await expectError(await alice.post('/api/command', '{"name": '), 400, /not valid JSON/);
    await expectError(
      await alice.post('/api/command', { ...say('/help'), text: 5 }),
      400,
      /^text: expected string/,
    );
    await expectError(await alice.post('/api/command', { ...say('/help'), extra: 1 }), 400, /extra/);
    // Who posts is the session cookie: a body cannot name someone.
    await expectError(await alice.post('/api/command', { ...say('/help'), client: 'x' }), 400, /client/);
    await expectError(await alice.post('/api/command', say('/help', 'Bad Channel')), 400, /^channel:/);
    await expectError(await alice.post('/api/command', say('   ')), 400, /text must not be empty/);
    await expectError(
      await alice.post('/api/command', say('/help'), { 'Content-Type': 'text/plain' }),
      415,
      /application\/json/,
    );
    await expectError(await alice.post('/api/command', say('x'.repeat(20_000))), 413, /at most 8192 bytes/);
    await expectError(await alice.post('/api/button', { ...say(''), text: undefined }), 400, /buttonId/);
    await expectError(await playground.post('/api/command', say('/help')), 401, /no session/);
  });

  it('answers unknown routes and wrong methods in JSON', async () => {
    await expectError(await fetch(`${playground.url}api/nothing`), 404, /not found/);
    await expectError(await fetch(`${playground.url}api/command`), 405, /use POST/);
    await expectError(await fetch(`${playground.url}images/${'0'.repeat(32)}.png`), 404, /no longer kept/);
    await expectError(await fetch(`${playground.url}api/events`), 401, /no session/);
    await expectError(await fetch(`${playground.url}api/events?channel=Bad!`), 400, /channel/);
  });

  it('refuses other host names (DNS rebinding) and posts from other sites', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${playground.url}api/commands`, { headers: { Host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
    await expectError(
      await alice.post('/api/command', say('/help'), { Origin: 'http://evil.example' }),
      403,
      /other sites/,
    );
  });
});

describe('playground HTTP: connection, media type and origin details', () => {
  const origin = () => new URL(playground.url).origin;
  const port = () => Number(new URL(playground.url).port);

  /** Sends headers declaring a huge body, keeps sending, and resolves with what came back once the server closed. */
  function hugeUpload(headers: Record<string, string>): Promise<{ answer: string; closedAfterMs: number }> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port(), '127.0.0.1');
      let answer = '';
      let answeredAt = 0;
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`the server kept the connection open; got ${answer.slice(0, 200)}`));
      }, 5000);
      socket.on('data', (data: Buffer) => {
        answer += data.toString();
        answeredAt ||= Date.now();
      });
      socket.on('error', () => {});
      socket.on('close', () => {
        clearTimeout(timer);
        resolve({ answer, closedAfterMs: Date.now() - (answeredAt || Date.now()) });
      });
      const head = Object.entries({ Host: `127.0.0.1:${port()}`, ...headers })
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('');
      socket.write(`POST /api/command HTTP/1.1\r\n${head}Content-Length: ${500 * 1024 * 1024}\r\n\r\n`);
      const pump = () => {
        while (!socket.destroyed && socket.write(chunk)) {}
      };
      socket.on('drain', pump);
      pump();
    });
  }

  it('closes a keep-alive connection after refusing a declared 500 MB body', async () => {
    const json = { 'Content-Type': 'application/json', Origin: origin(), Cookie: alice.cookie };
    const tooLarge = await hugeUpload(json);
    expect(tooLarge.answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(tooLarge.answer).toMatch(/connection: close/i);
    const crossSite = await hugeUpload({ ...json, Origin: 'http://evil.example' });
    expect(crossSite.answer).toMatch(/^HTTP\/1\.1 403 /);
  });

  it('accepts exactly application/json (with a charset), not types that merely start with it', async () => {
    const post = (type: string) => alice.post('/api/command', say('/help'), { 'Content-Type': type });
    expect((await post('application/json-patch+json')).status).toBe(415);
    expect((await post('application/jsonx')).status).toBe(415);
    expect((await post('application/json; charset=utf-8')).status).toBe(202);
    expect((await post('Application/JSON')).status).toBe(202);
  });

  it('compares a POST’s Origin by scheme, host and port, and needs Origin or Sec-Fetch-Site', async () => {
    const status = async (headers: Record<string, string>) => {
      const response = await fetch(`${playground.url}api/command`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: alice.cookie, ...headers },
        body: JSON.stringify(say('/help')),
      });
      return response.status;
    };
    expect(await status({ Origin: origin() })).toBe(202);
    expect(await status({ Origin: origin().replace('http:', 'https:') })).toBe(403);
    expect(await status({ Origin: `http://127.0.0.1:${port() + 1}` })).toBe(403);
    expect(await status({ Origin: 'null' })).toBe(403);
    // No Origin at all: what a browser never does on a POST, and a script must not rely on.
    expect(await status({})).toBe(403);
    expect(await status({ 'Sec-Fetch-Site': 'cross-site' })).toBe(403);
    expect(await status({ 'Sec-Fetch-Site': 'same-origin' })).toBe(202);
  });
});
