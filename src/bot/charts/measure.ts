import type { TrainResult } from '../../engine/result.js';
import { lossCurvesChart } from './builders/loss-curves.js';
import type { ChartConfig } from './draft.js';
import { type ChartRenderer, DEFAULT_SIZE, type RenderSize } from './render/renderer.js';

/** Timing of repeated renders of one chart, in milliseconds. */
export interface RenderTiming {
  medianMs: number;
  minMs: number;
  maxMs: number;
  runs: number;
  /** Size of the PNG of the last render, in bytes. */
  pngBytes: number;
}

/**
 * Renders `config` `warmup` times untimed (first renders pay for JIT and font loading), then
 * `runs` times, and reports the median: the benchmark calls this, and so does a test.
 */
export async function measureRender(
  renderer: ChartRenderer,
  config: ChartConfig,
  options: { runs?: number; warmup?: number; size?: RenderSize } = {},
): Promise<RenderTiming> {
  const { runs = 20, warmup = 3, size = DEFAULT_SIZE } = options;
  let png: Buffer = Buffer.alloc(0);
  for (let i = 0; i < warmup; i++) png = await renderer.render(config, size);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    png = await renderer.render(config, size);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const middle = Math.floor(times.length / 2);
  const medianMs = times.length % 2 === 1 ? times[middle]! : (times[middle - 1]! + times[middle]!) / 2;
  return { medianMs, minMs: times[0] ?? 0, maxMs: times[times.length - 1] ?? 0, runs, pngBytes: png.length };
}

/** Times the loss-curve chart of `result` (the benchmark's reference chart, 800x450). */
export function measureLossChart(
  renderer: ChartRenderer,
  result: TrainResult,
  options: { runs?: number; warmup?: number } = {},
): Promise<RenderTiming> {
  return measureRender(renderer, lossCurvesChart(result).config, options);
}
