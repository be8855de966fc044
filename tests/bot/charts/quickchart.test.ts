import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChartConfig } from '../../../src/bot/charts/draft.js';
import { chartDraftsFor } from '../../../src/bot/charts/drafts.js';
import { createChartRenderer, isPublicQuickChart } from '../../../src/bot/charts/render/create.js';
import { createLocalRenderer } from '../../../src/bot/charts/render/local.js';
import { chartEndpoint, createQuickChartRenderer } from '../../../src/bot/charts/render/quickchart.js';
import { DEFAULT_SIZE } from '../../../src/bot/charts/render/renderer.js';
import { trainFixture } from './fixtures.js';
import { isPng, pngSize } from './png.js';

/*
 * A stand-in QuickChart server on 127.0.0.1: POST /chart with the JSON body quickchart-js builds.
 * It renders the posted config with the local renderer at a size of its own (640x360), so a test
 * can tell the server's PNG from a local fallback (720x900).
 */

type Mode = 'ok' | 'error' | 'hang' | 'not-png';

interface Posted {
  path: string;
  body: {
    chart: string;
    version: string;
    width: number;
    height: number;
    backgroundColor: string;
    format: string;
  };
}

const SERVER_SIZE = { width: 640, height: 360 };
const SIZE = DEFAULT_SIZE;
/** A local fallback's PNG: the chart size at the default pixel ratio, 1.5. */
const FALLBACK_PNG = { width: 720, height: 900 };
/** The stand-in server draws at one device pixel per CSS pixel. */
const local = createLocalRenderer({ devicePixelRatio: 1 });
let server: Server;
let baseUrl: string;
let mode: Mode = 'ok';
let posted: Posted[] = [];
let lastServerPng: Buffer | undefined;

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Posted['body'];
  posted.push({ path: request.url ?? '', body });
  if (request.url === '/chart/create') {
    // The public QuickChart's short-URL endpoint: the chart's address, or a failure.
    const answer =
      mode === 'error'
        ? { success: false }
        : { success: true, url: `https://quickchart.io/chart/render/sf-${posted.length}` };
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    return;
  }
  if (mode === 'hang') return; // never answers
  if (mode === 'error') {
    response.writeHead(500, { 'x-quickchart-error': 'chart config is broken' }).end('error');
    return;
  }
  if (mode === 'not-png') {
    response.writeHead(200, { 'content-type': 'text/html' }).end('<html>maintenance</html>');
    return;
  }
  lastServerPng = await local.render(JSON.parse(body.chart) as ChartConfig, SERVER_SIZE);
  response.writeHead(200, { 'content-type': 'image/png' }).end(lastServerPng);
}

beforeAll(async () => {
  server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => response.writeHead(599).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  mode = 'ok';
  posted = [];
  lastServerPng = undefined;
});

const config = () => chartDraftsFor(trainFixture(1))[0]!.config;

describe('QuickChart renderer', () => {
  it('posts Chart.js version 4 and the config as JSON, and returns the server PNG', async () => {
    const failures: unknown[] = [];
    const renderer = createChartRenderer({
      kind: 'quickchart',
      quickchartUrl: baseUrl,
      onFallback: (e) => failures.push(e),
    });
    const png = await renderer.render(config(), SIZE);
    expect(failures).toEqual([]);
    expect(posted).toHaveLength(1);
    const [{ path, body }] = posted as [Posted];
    expect(path).toBe('/chart');
    expect(body.version).toBe('4');
    expect(body).toMatchObject({
      width: 480,
      height: 600,
      devicePixelRatio: 1.5,
      backgroundColor: '#ffffff',
      format: 'png',
    });
    expect(JSON.parse(body.chart)).toStrictEqual(config());
    expect(png.equals(lastServerPng!)).toBe(true);
    expect(pngSize(png)).toEqual(SERVER_SIZE);
  });

  it('keeps a path prefix of the base URL', () => {
    expect(chartEndpoint('https://charts.example.org/qc/')).toBe('https://charts.example.org/qc/chart');
    expect(chartEndpoint('http://127.0.0.1:3400')).toBe('http://127.0.0.1:3400/chart');
  });

  it('gives up after its timeout and renders locally, telling onFallback', async () => {
    mode = 'hang';
    const failures: unknown[] = [];
    const renderer = createQuickChartRenderer({
      baseUrl,
      timeoutMs: 300,
      fallback: createLocalRenderer(),
      onFallback: (e) => failures.push(e),
    });
    const start = performance.now();
    const png = await renderer.render(config(), SIZE);
    const elapsed = performance.now() - start;
    expect(posted).toHaveLength(1);
    expect(failures).toHaveLength(1);
    expect(String(failures[0])).toMatch(/within 300 ms/);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(5000);
    expect(isPng(png)).toBe(true);
    expect(pngSize(png)).toEqual(FALLBACK_PNG);
  });

  it.each([
    ['an HTTP error', 'error' as const, /500: chart config is broken/],
    ['something that is not a PNG', 'not-png' as const, /not a PNG/],
  ])('falls back to local rendering on %s', async (_what, failing, message) => {
    mode = failing;
    const failures: unknown[] = [];
    const renderer = createQuickChartRenderer({
      baseUrl,
      fallback: createLocalRenderer(),
      onFallback: (e) => failures.push(e),
    });
    const png = await renderer.render(config(), SIZE);
    expect(failures).toHaveLength(1);
    expect(String(failures[0])).toMatch(message);
    expect(pngSize(png)).toEqual(FALLBACK_PNG);
  });

  it('falls back when nothing listens at the URL', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const failures: unknown[] = [];
    const renderer = createChartRenderer({
      kind: 'quickchart',
      quickchartUrl: `http://127.0.0.1:${port}`,
      timeoutMs: 2000,
      onFallback: (e) => failures.push(e),
    });
    const png = await renderer.render(config(), SIZE);
    expect(failures).toHaveLength(1);
    expect(pngSize(png)).toEqual(FALLBACK_PNG);
  });

  it('asks for a public short URL of each chart when links are on, and gives none when that fails', async () => {
    const fallbacks: unknown[] = [];
    const renderer = createQuickChartRenderer({
      baseUrl,
      fallback: createLocalRenderer(),
      publicLinks: true,
      onFallback: (error) => fallbacks.push(error),
    });
    expect(await renderer.link?.(config(), SIZE)).toMatch(/^https:\/\/quickchart\.io\/chart\/render\/sf-/);
    const create = posted.find((p) => p.path === '/chart/create');
    expect(create?.body.version).toBe('4');
    mode = 'error';
    expect(await renderer.link?.(config(), SIZE)).toBeUndefined();
    expect(fallbacks).toHaveLength(1);
    expect(createQuickChartRenderer({ baseUrl, fallback: local }).link).toBeUndefined();
  });

  it('turns links on only for the public QuickChart', () => {
    expect(isPublicQuickChart('https://quickchart.io')).toBe(true);
    expect(isPublicQuickChart('http://127.0.0.1:3400')).toBe(false);
    expect(isPublicQuickChart('https://charts.example.org/qc/')).toBe(false);
  });
});
