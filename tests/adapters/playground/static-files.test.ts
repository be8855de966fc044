import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPlaygroundAdapter, type PlaygroundAdapter } from '../../../src/adapters/playground/index.js';
import { createStaticFiles } from '../../../src/adapters/playground/static-files.js';
import { createBot } from '../../../src/bot/create-bot.js';
import type { Logger } from '../../../src/bot/logger.js';
import { waitingServices } from './stand-in-services.js';

// A production install (`npm ci --omit=dev`) has no TypeScript: the page must be served without it.
vi.mock('typescript', () => {
  throw new Error('typescript is a devDependency and is not installed in production');
});

/** A logger that keeps every line, to check that a flood of bad requests writes nothing. */
function recordingLogger(lines: string[]): Logger {
  const record = (msg?: string) => lines.push(msg ?? '');
  const logger: Logger = {
    debug: (_o, msg) => record(msg),
    info: (_o, msg) => record(msg),
    warn: (_o, msg) => record(msg),
    error: (_o, msg) => record(msg),
    child: () => logger,
  };
  return logger;
}

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
const heapUsed = () => {
  collect();
  return process.memoryUsage().heapUsed;
};

describe('playground static files', () => {
  let adapter: PlaygroundAdapter;
  let url: string;
  let services: ReturnType<typeof waitingServices>;
  const lines: string[] = [];
  beforeAll(async () => {
    services = waitingServices();
    const logger = recordingLogger(lines);
    adapter = createPlaygroundAdapter({
      bot: createBot({ services: services.services, logger }),
      host: '127.0.0.1',
      port: 0,
      logger,
    });
    url = (await adapter.start()).url;
  });
  afterAll(async () => {
    await adapter.stop();
    await services.close();
  });

  it('serves the compiled page scripts and answers a missing script 404, without TypeScript', async () => {
    expect((await fetch(`${url}app.js`)).status).toBe(200);
    expect((await fetch(`${url}messages.js`)).status).toBe(200);
    const missing = await fetch(`${url}not-a-module.js`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'not found' });
  });

  it('serves Chart.js from the installed package, the same version the server draws PNGs with', async () => {
    const response = await fetch(`${url}chartjs.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const entry = createRequire(import.meta.url).resolve('chart.js');
    const { version } = JSON.parse(
      await readFile(path.join(path.dirname(entry), '../package.json'), 'utf8'),
    ) as {
      version: string;
    };
    expect((await response.text()).slice(0, 80)).toContain(`Chart.js v${version}`);
    // The page loads it before its own module, from this server only.
    const page = await (await fetch(url)).text();
    expect(page.indexOf('src="/chartjs.js"')).toBeGreaterThan(0);
    expect(page.indexOf('src="/chartjs.js"')).toBeLessThan(page.indexOf('src="/app.js"'));
  });

  it('answers names longer than any file system allows 404, and writes no log line for them', async () => {
    lines.splice(0);
    for (const length of [255, 300, 5000]) {
      const response = await fetch(`${url}${'a'.repeat(length)}.js`);
      expect(response.status, `name of ${length}`).toBe(404);
    }
    expect(lines).toEqual([]);
  });

  it('remembers nothing about missing names: 50,000 of them leave the heap where it was', async () => {
    const files = createStaticFiles();
    expect(await files.get('index.html')).toBeDefined();
    const before = heapUsed();
    for (let i = 0; i < 50_000; i += 1) expect(await files.get(`missing-${i}.js`)).toBeUndefined();
    const grown = heapUsed() - before;
    // Remembering each miss costs about 200 bytes: 50,000 of them would add some 10 MB.
    expect(grown).toBeLessThan(2 * 1024 * 1024);
  });
});
