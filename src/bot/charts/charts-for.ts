import type { ExperimentResult } from '../../engine/result.js';
import { chartDraftsFor } from './drafts.js';
import type { ChartView } from './layer-charts.js';
import { type ChartImage, type ChartRenderer, DEFAULT_SIZE, type RenderSize } from './render/renderer.js';

/** Renders every chart of a result, in order, as PNG images with alt text. */
export async function chartsFor(
  result: ExperimentResult,
  renderer: ChartRenderer,
  size: RenderSize = DEFAULT_SIZE,
  view: ChartView = 'main',
): Promise<ChartImage[]> {
  const images: ChartImage[] = [];
  // One at a time: local rendering holds the event loop for each chart anyway, and a QuickChart
  // server should not get a burst of requests from one reply.
  for (const draft of chartDraftsFor(result, view)) {
    const png = await renderer.render(draft.config, size);
    const url = await renderer.link?.(draft.config, size);
    images.push({
      png,
      alt: draft.alt,
      name: `${draft.name}.png`,
      chart: draft.config,
      ...(url ? { url } : {}),
    });
  }
  return images;
}
