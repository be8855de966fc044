import { createLocalRenderer } from './local.js';
import { createQuickChartRenderer } from './quickchart.js';
import type { ChartRenderer } from './renderer.js';

/** How the bot renders charts (from CHART_RENDERER, QUICKCHART_URL; config.ts reads the environment). */
export interface ChartRendererOptions {
  kind: 'local' | 'quickchart';
  /** QuickChart server; the public one when unset. */
  quickchartUrl?: string;
  /** Time allowed for one QuickChart request before falling back to local rendering. */
  timeoutMs?: number;
  /** Told about each QuickChart failure that made a chart fall back to local rendering. */
  onFallback?: (error: unknown) => void;
  /** Device pixels per CSS pixel. Default 1.5 (a 480x600 chart is a 720x900 PNG). */
  devicePixelRatio?: number;
  /**
   * What draws locally (the 'local' kind, and QuickChart's fallback): the bot passes its drawing
   * threads (charts/drawing); default, Chart.js on the calling thread (the CLI).
   */
  local?: ChartRenderer;
}

/** True for the public QuickChart service, whose short chart URLs any chat platform can fetch. */
export function isPublicQuickChart(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'quickchart.io' || host.endsWith('.quickchart.io');
}

/** The public QuickChart server. */
export const PUBLIC_QUICKCHART_URL = 'https://quickchart.io';

/** A chart renderer: local, or QuickChart with local rendering as the fallback. */
export function createChartRenderer(options: ChartRendererOptions): ChartRenderer {
  const ratio = options.devicePixelRatio === undefined ? {} : { devicePixelRatio: options.devicePixelRatio };
  const local = options.local ?? createLocalRenderer(ratio);
  if (options.kind === 'local') return local;
  return createQuickChartRenderer({
    baseUrl: options.quickchartUrl ?? PUBLIC_QUICKCHART_URL,
    fallback: local,
    ...ratio,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.onFallback === undefined ? {} : { onFallback: options.onFallback }),
    publicLinks: isPublicQuickChart(options.quickchartUrl ?? PUBLIC_QUICKCHART_URL),
  });
}
