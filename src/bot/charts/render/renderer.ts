import type { ChartConfig } from '../draft.js';
import { CHART_LAYOUT } from '../style.js';

/** Pixel size of a rendered chart (CSS pixels; the PNG is this size times the pixel ratio). */
export interface RenderSize {
  width: number;
  height: number;
}

/** Turns a chart configuration into PNG bytes. */
export interface ChartRenderer {
  render(config: ChartConfig, size: RenderSize): Promise<Buffer>;
  /**
   * A public address of the same chart, when the renderer is a chart server that chat platforms
   * can reach (the public QuickChart); undefined when there is none or making one failed.
   */
  link?(config: ChartConfig, size: RenderSize): Promise<string | undefined>;
}

/** A rendered chart, ready to attach to a reply. */
export interface ChartImage {
  png: Buffer;
  /** What the chart shows, in words. */
  alt: string;
  /** File name, e.g. "loss-curves.png". */
  name: string;
  /** A public address of the same image, when a public chart server made one. */
  url?: string;
  /** The configuration it was drawn from (the playground draws it again, live, in the browser). */
  chart?: ChartConfig;
}

/** The size charts are rendered at unless a caller asks otherwise: 4:5, laid out for a phone (style.ts). */
export const DEFAULT_SIZE: RenderSize = { width: CHART_LAYOUT.width, height: CHART_LAYOUT.height };

/** Device pixels per CSS pixel unless a renderer is told otherwise: a 480x600 chart is a 720x900 PNG. */
export const DEFAULT_PIXEL_RATIO = CHART_LAYOUT.pixelRatio;
