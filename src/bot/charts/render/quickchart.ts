import quickChartModule from 'quickchart-js';
import type { ChartConfig } from '../draft.js';
import { type ChartRenderer, DEFAULT_PIXEL_RATIO, type RenderSize } from './renderer.js';

/*
 * Rendering on a QuickChart server (public or self-hosted). quickchart-js builds the request
 * body (Chart.js version, size, background); we post it ourselves with fetch and an
 * AbortController, because quickchart-js's own toBinary() has no timeout and no way to cancel, so a
 * race against a timer would leave the request hanging. Any failure falls back to the local
 * renderer and is reported through onFallback, so a reply never loses its charts.
 */

/** Options of the QuickChart renderer. */
export interface QuickChartRendererOptions {
  /** Base URL of the server, e.g. "https://quickchart.io" or "http://127.0.0.1:3400". */
  baseUrl: string;
  /** Give up on the server after this long. Default 5000 ms. */
  timeoutMs?: number;
  /** Renders when the server fails. */
  fallback: ChartRenderer;
  /** Told about every failure before falling back (the bot logs it). */
  onFallback?: (error: unknown) => void;
  /** Device pixels per CSS pixel. Default DEFAULT_PIXEL_RATIO (1.5). */
  devicePixelRatio?: number;
  /**
   * Also ask the server for a short public URL of each chart (POST /chart/create). Only the public
   * QuickChart offers it, and only a server the chat platform can reach makes it useful.
   */
  publicLinks?: boolean;
}

/** Default time allowed for one QuickChart request. */
export const DEFAULT_QUICKCHART_TIMEOUT_MS = 5000;

// quickchart-js's types describe a CommonJS module (the class under `.default`) while Node loads
// its ES build, whose default export is the class itself: accept both.
const QuickChart = ((quickChartModule as unknown as { default?: unknown }).default ??
  quickChartModule) as typeof quickChartModule.default;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The URL of the server's render endpoint, keeping any path prefix of the base URL. */
export function chartEndpoint(baseUrl: string): string {
  const url = new URL(baseUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/chart`;
  return url.toString();
}

/** The POST body quickchart-js would send for this chart: Chart.js 4, white background. */
export function quickChartBody(config: ChartConfig, size: RenderSize, devicePixelRatio: number): string {
  const chart = new QuickChart()
    // A JSON string is sent as is; an object would be rewritten as JavaScript source.
    .setConfig(JSON.stringify(config))
    .setVersion('4')
    .setWidth(size.width)
    .setHeight(size.height)
    .setDevicePixelRatio(devicePixelRatio)
    .setBackgroundColor('#ffffff')
    .setFormat('png');
  return JSON.stringify(chart.getPostData());
}

async function fetchPng(endpoint: string, body: string, timeoutMs: number): Promise<Buffer> {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new Error(`QuickChart did not answer within ${timeoutMs} ms`)),
    timeoutMs,
  );
  try {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: controller.signal,
    });
    if (!response.ok) {
      const detail = response.headers.get('x-quickchart-error');
      throw new Error(`QuickChart answered ${response.status}${detail === null ? '' : `: ${detail}`}`);
    }
    const png = Buffer.from(await response.arrayBuffer());
    if (!png.subarray(0, 8).equals(PNG_SIGNATURE))
      throw new Error('QuickChart answered something that is not a PNG');
    return png;
  } finally {
    clearTimeout(timer);
  }
}

/** Asks the server for a short URL of a chart; QuickChart answers `{ success, url }`. */
async function fetchLink(baseUrl: string, body: string, timeoutMs: number): Promise<string> {
  const endpoint = new URL(baseUrl);
  endpoint.pathname = `${endpoint.pathname.replace(/\/+$/, '')}/chart/create`;
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const answer = (await response.json()) as { success?: unknown; url?: unknown };
  if (
    !response.ok ||
    answer.success !== true ||
    typeof answer.url !== 'string' ||
    !/^https?:\/\//.test(answer.url)
  ) {
    throw new Error(`QuickChart gave no short URL (status ${response.status})`);
  }
  return answer.url;
}

/** A renderer that asks a QuickChart server and falls back to `fallback` on any failure. */
export function createQuickChartRenderer(options: QuickChartRendererOptions): ChartRenderer {
  const endpoint = chartEndpoint(options.baseUrl);
  const timeoutMs = options.timeoutMs ?? DEFAULT_QUICKCHART_TIMEOUT_MS;
  const devicePixelRatio = options.devicePixelRatio ?? DEFAULT_PIXEL_RATIO;
  return {
    async render(config: ChartConfig, size: RenderSize): Promise<Buffer> {
      try {
        return await fetchPng(endpoint, quickChartBody(config, size, devicePixelRatio), timeoutMs);
      } catch (error) {
        options.onFallback?.(error);
        return options.fallback.render(config, size);
      }
    },
    ...(options.publicLinks
      ? {
          async link(config: ChartConfig, size: RenderSize): Promise<string | undefined> {
            try {
              return await fetchLink(
                options.baseUrl,
                quickChartBody(config, size, devicePixelRatio),
                timeoutMs,
              );
            } catch (error) {
              // The PNG bytes are still in the reply: the platform uploads them instead.
              options.onFallback?.(error);
              return undefined;
            }
          },
        }
      : {}),
  };
}
