import { describe, expect, it } from 'vitest';
import { drawAnimation } from '../../../../src/bot/charts/animation/animation.js';
import { chartDraftsFor } from '../../../../src/bot/charts/drafts.js';
import { createReplyImages } from '../../../../src/bot/charts/drawing/reply-images.js';
import { createLocalRenderer } from '../../../../src/bot/charts/render/local.js';
import type { ChartRenderer } from '../../../../src/bot/charts/render/renderer.js';
import type { TrainResult } from '../../../../src/engine/result.js';
import { compareFixture, trainFixture } from '../fixtures.js';

/** Chart.js on this thread, counting what it is asked to draw; `failing` makes every chart throw. */
function countingDrawer(failing = { now: false }) {
  const local = createLocalRenderer();
  const counts = { charts: 0, animations: 0 };
  const renderer: ChartRenderer = {
    render: async (config, size) => {
      counts.charts += 1;
      if (failing.now) throw new Error('drawing failed');
      return local.render(config, size);
    },
  };
  const pool = {
    animate: (result: Parameters<typeof drawAnimation>[0], withStill: boolean) => {
      counts.animations += 1;
      return drawAnimation(result, withStill);
    },
  };
  return { renderer, pool, counts };
}

describe('a reply’s images', () => {
  it('are the charts of the result in order, drawn once per result, joined while drawing', async () => {
    const { renderer, pool, counts } = countingDrawer();
    const images = createReplyImages(renderer, pool);
    const result = trainFixture(2);
    const [first, joined] = await Promise.all([images.draw(result), images.draw(result)]);
    const names = chartDraftsFor(result).map((draft) => `${draft.name}.png`);
    expect(names).toContain('decision-boundary.png');
    expect(first.map((i) => i.name)).toEqual(names);
    expect(counts.charts).toBe(names.length);
    const again = await images.draw(structuredClone(result));
    expect(counts.charts).toBe(names.length);
    for (const [i, image] of first.entries()) {
      expect(joined[i]).toBe(image);
      expect(again[i]).toBe(image);
    }
    expect(images.stats()).toEqual({ entries: 1, hits: 2, misses: 1 });
  });

  it('draws again for another view, another seed, another backend; not at all with the cache off', async () => {
    const { renderer, pool, counts } = countingDrawer();
    const images = createReplyImages(renderer, pool);
    const result = trainFixture(2);
    await images.draw(result);
    const drawn = counts.charts;
    await images.draw(result, 'layers');
    expect(counts.charts).toBeGreaterThan(drawn);
    const reseeded: TrainResult = { ...result, spec: { ...result.spec, seed: result.spec.seed + 1 } };
    const onCpu: TrainResult = { ...result, backend: 'cpu' };
    const before = counts.charts;
    await images.draw(reseeded);
    await images.draw(onCpu);
    expect(counts.charts).toBe(before + 2 * drawn);

    const uncached = countingDrawer();
    const off = createReplyImages(uncached.renderer, uncached.pool, { maxEntries: 0 });
    await off.draw(result);
    await off.draw(result);
    expect(uncached.counts.charts).toBe(2 * drawn);
  });

  it('keeps no failed drawing, and keeps at most maxEntries results', async () => {
    const failing = { now: true };
    const { renderer, pool, counts } = countingDrawer(failing);
    const images = createReplyImages(renderer, pool, { maxEntries: 1 });
    const result = trainFixture(1);
    await expect(images.draw(result)).rejects.toThrow('drawing failed');
    failing.now = false;
    expect((await images.draw(result)).length).toBeGreaterThan(0);
    const compare = compareFixture();
    await images.draw(compare);
    const drawn = counts.charts;
    await images.draw(result); // pushed out by the compare
    expect(counts.charts).toBeGreaterThan(drawn);
    expect(images.stats().entries).toBe(1);
  });

  it('asks for the animation with a still only where no decision boundary stands in for it', async () => {
    const { renderer, counts } = countingDrawer();
    const asked: boolean[] = [];
    const pool = {
      animate: async (_result: unknown, withStill: boolean) => {
        asked.push(withStill);
        return undefined;
      },
    };
    const images = createReplyImages(renderer, pool, { maxEntries: 0 });
    const train = trainFixture(1);
    const compare = compareFixture();
    const frames = { every: 1, frames: [] as never[] };
    // The fixtures record no frames: give the first run one so that there is an animation to ask for.
    const animated = <R extends { runs: object[] }>(r: R): R => ({
      ...r,
      runs: [{ ...r.runs[0], frames: { ...frames, frames: [{ step: 0 }] } }, ...r.runs.slice(1)],
    });
    await images.draw(animated(train));
    await images.draw(animated(compare));
    await images.draw(train);
    await images.draw(animated(train), 'layers');
    expect(asked).toEqual([false, true]);
    expect(counts.animations).toBe(0);
  });
});
