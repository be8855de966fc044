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
