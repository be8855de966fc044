import type { ChartConfig } from './draft.js';
import { type ChartRenderer, DEFAULT_SIZE, type RenderSize } from './render/renderer.js';

/** Timing of repeated renders of one reply's charts, in milliseconds. */
export interface RenderTiming {
  medianMs: number;
  minMs: number;
  maxMs: number;
  runs: number;
  /** Bytes of the PNGs of the last run, all charts together. */
  pngBytes: number;
}

/**
 * Renders `configs` (the charts of one reply, one after the other, as chartsFor does) `warmup`
 * times untimed (first renders pay for JIT and font loading), then `runs` times, and reports the
 * median time of one whole reply: the benchmark calls this, and so does a test.
 */
export async function measureRender(
  renderer: ChartRenderer,
  configs: readonly ChartConfig[],
  options: { runs?: number; warmup?: number; size?: RenderSize } = {},
): Promise<RenderTiming> {
  const { runs = 20, warmup = 3, size = DEFAULT_SIZE } = options;
  const renderAll = async () => {
    let bytes = 0;
    for (const config of configs) bytes += (await renderer.render(config, size)).length;
    return bytes;
  };
  let pngBytes = 0;
  for (let i = 0; i < warmup; i++) pngBytes = await renderAll();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    pngBytes = await renderAll();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const middle = Math.floor(times.length / 2);
  const medianMs = times.length % 2 === 1 ? times[middle]! : (times[middle - 1]! + times[middle]!) / 2;
  return { medianMs, minMs: times[0] ?? 0, maxMs: times[times.length - 1] ?? 0, runs, pngBytes };
}
