import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { chartsFor } from '../../../src/bot/charts/charts-for.js';
import type { ChartConfig } from '../../../src/bot/charts/draft.js';
import { chartDraftsFor } from '../../../src/bot/charts/drafts.js';
import { measureRender } from '../../../src/bot/charts/measure.js';
import { createChartRenderer } from '../../../src/bot/charts/render/create.js';
import { createLocalRenderer } from '../../../src/bot/charts/render/local.js';
import { type ChartRenderer, DEFAULT_SIZE } from '../../../src/bot/charts/render/renderer.js';
import type { ExperimentResult } from '../../../src/engine/result.js';
import { compareFixture, landscapeFixture, lpFixture, restartsFixture, trainFixture } from './fixtures.js';
import { mapFixture } from './map-fixture.js';
import { countPixels, isPng, notWhite, pngSize } from './png.js';

/** Where rendered charts are written for a person to look at (CHARTS_OUT=/tmp/charts). */
const OUT = process.env.CHARTS_OUT;

const FIXTURES: [string, ExperimentResult][] = [
  ['train', trainFixture(1)],
  ['train-deep', trainFixture(8)],
  ['compare', compareFixture()],
  ['restarts', restartsFixture()],
  ['landscape', landscapeFixture()],
  ['lp', lpFixture(true)],
  ['lp-xor', lpFixture(false)],
  ['map', mapFixture()],
];

let renderer: ChartRenderer;
beforeAll(() => {
  renderer = createLocalRenderer();
  if (OUT !== undefined) mkdirSync(OUT, { recursive: true });
});

describe('local renderer', () => {
  it.each(FIXTURES)(
    '%s: every chart is a real 720x900 PNG (480x600 at pixel ratio 1.5) with a drawing on it',
    async (name, result) => {
      const images = await chartsFor(result, renderer);
      expect(images.map((i) => i.name)).toEqual(chartDraftsFor(result).map((d) => `${d.name}.png`));
      for (const image of images) {
        expect(isPng(image.png)).toBe(true);
        expect(pngSize(image.png)).toEqual({ width: 720, height: 900 });
        // Compressed charts of this kind weigh tens of kilobytes; a blank one is about 5 kB.
        expect(image.png.length).toBeGreaterThan(15_000);
        expect(image.png.length).toBeLessThan(400_000);
        const inked = await countPixels(image.png, notWhite);
        expect(inked / (720 * 900)).toBeGreaterThan(0.02);
        // The background is opaque white, not transparent (dark-mode chat clients show that black).
        const transparent = await countPixels(image.png, (_r, _g, _b, a) => a < 255);
        expect(transparent).toBe(0);
        if (OUT !== undefined) writeFileSync(join(OUT, `${name}-${image.name}`), image.png);
      }
    },
  );

  it('renders at the pixel ratio it is given, and at any size asked for', async () => {
    const draft = chartDraftsFor(trainFixture(1))[0]!;
    const sharp = createChartRenderer({ kind: 'local', devicePixelRatio: 2 });
    expect(pngSize(await sharp.render(draft.config, DEFAULT_SIZE))).toEqual({ width: 960, height: 1200 });
    const plain = createChartRenderer({ kind: 'local', devicePixelRatio: 1 });
    expect(pngSize(await plain.render(draft.config, { width: 800, height: 450 }))).toEqual({
      width: 800,
      height: 450,
    });
  });

  it('leaves the configuration it was given untouched', async () => {
    const draft = chartDraftsFor(compareFixture())[0]!;
    const before = JSON.stringify(draft.config);
    await renderer.render(draft.config, { width: 400, height: 300 });
    expect(JSON.stringify(draft.config)).toBe(before);
    const data = draft.config.data.datasets[0]!.data as unknown[];
    expect(Object.getOwnPropertyNames(data)).not.toContain('_chartjs');
  });

  it('an empty chart is mostly white: the non-blank check can fail', async () => {
    const empty: ChartConfig = {
      type: 'line',
      data: { datasets: [] },
      options: {
        scales: { x: { display: false }, y: { display: false } },
        plugins: { legend: { display: false } },
      },
    };
    const png = await renderer.render(empty, { width: 800, height: 450 });
    expect(await countPixels(png, notWhite)).toBe(0);
  });
});

describe('render timing', () => {
  it("measures a reply's charts together and reports the median of the timed runs", async () => {
    const configs = chartDraftsFor(trainFixture(1)).map((d) => d.config);
    const timing = await measureRender(renderer, configs, { runs: 3, warmup: 1 });
    expect(timing.runs).toBe(3);
    expect(timing.minMs).toBeGreaterThan(0);
    expect(timing.minMs).toBeLessThanOrEqual(timing.medianMs);
    expect(timing.medianMs).toBeLessThanOrEqual(timing.maxMs);
    // Every chart's bytes count: more than one chart's worth.
    const one = await measureRender(renderer, configs.slice(0, 1), { runs: 1, warmup: 0 });
    expect(timing.pngBytes).toBeGreaterThan(one.pngBytes * 1.5);
    if (OUT !== undefined) console.info(`train reply charts: median ${timing.medianMs.toFixed(1)} ms`);
  });

  it('calls the renderer warm-up + runs times and takes the middle time', async () => {
    const delays = [100, 1, 9, 3, 7, 5]; // the first is the warm-up
    let calls = 0;
    const slow: ChartRenderer = {
      render: async () => {
        const delay = delays[calls++] ?? 0;
        await new Promise((resolve) => setTimeout(resolve, delay * 4));
        return Buffer.from([calls]);
      },
    };
    const config = chartDraftsFor(trainFixture(1))[0]!.config;
    const timing = await measureRender(slow, [config], { runs: 5, warmup: 1 });
    expect(calls).toBe(6);
    expect(timing.pngBytes).toBe(1);
    // Sorted timed delays: 1, 3, 5, 7, 9 (x4 ms): the median is the 5 one, never the 400 ms warm-up.
    expect(timing.medianMs).toBeGreaterThanOrEqual(19);
    expect(timing.maxMs).toBeLessThan(400);
  });
});
