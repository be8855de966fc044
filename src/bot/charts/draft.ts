/*
 * The hand-off between builders and renderers. A config is plain JSON (no functions, no
 * plugins): the QuickChart path sends it over HTTP as it is, and the local path clones it.
 */

/** A Chart.js v4 configuration that survives JSON.stringify / JSON.parse unchanged. */
export interface ChartConfig {
  type: 'line' | 'scatter' | 'bar';
  /** Category labels; an array of strings is one label on several lines. */
  data: { labels?: (string | number | string[])[]; datasets: Record<string, unknown>[] };
  options: Record<string, unknown>;
}

/** A chart before rendering: its configuration, a file name and a description in words. */
export interface ChartDraft {
  /** File name without extension, e.g. "loss-curves". */
  name: string;
  /** What the chart shows, in words, for screen readers and for chat clients without images. */
  alt: string;
  config: ChartConfig;
}

/** A point of a scatter or line chart; a null y breaks the line (a gap between series). */
export interface XY {
  x: number;
  y: number | null;
}
