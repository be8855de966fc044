import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { chartDraftsFor, measureRender } from '../src/bot/charts/index.js';
import { createLocalRenderer } from '../src/bot/charts/render/local.js';
import { defaultTrainResult } from './animation.js';
import { type Measurement, median, printTable } from './report.js';

/** The chat chart size before the phone layout: 800x450 at one device pixel per CSS pixel. */
const BEFORE = { size: { width: 800, height: 450 }, pixelRatio: 1 };

/** Rounds of the comparison; each times both sizes, so a busy moment slows both alike. */
const ROUNDS = 7;

/**
 * The charts of the default `/train` reply rendered at today's size (480x600 at pixel ratio 1.5,
 * a 720x900 PNG) against the size before the phone layout (800x450 at ratio 1), interleaved in the
 * same run. Budget from the issue: no more than 1.5 times the old render time per reply.
 */
export async function benchCharts(): Promise<void> {
  await tf.setBackend('wasm');
  const configs = chartDraftsFor(defaultTrainResult()).map((d) => d.config);
  const before = createLocalRenderer({ devicePixelRatio: BEFORE.pixelRatio });
  const now = createLocalRenderer();
  const old = { runs: 3, warmup: 1, size: BEFORE.size };
  const phone = { runs: 3, warmup: 1 };
  const times = { before: [] as number[], now: [] as number[] };
  let bytes = { before: 0, now: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    const [a, b] = [await measureRender(before, configs, old), await measureRender(now, configs, phone)];
    times.before.push(a.medianMs);
    times.now.push(b.medianMs);
    bytes = { before: a.pngBytes, now: b.pngBytes };
  }
  const [was, is] = [median(times.before), median(times.now)];
  const rows: Measurement[] = [
    {
      name: `${configs.length} charts at 800x450, ratio 1 (before)`,
      value: was,
      unit: 'ms',
      note: `${Math.round(bytes.before / 1024)} kB of PNG`,
    },
    {
      name: `${configs.length} charts at 480x600, ratio 1.5 (720x900 PNG)`,
      value: is,
      unit: 'ms',
      note: `${Math.round(bytes.now / 1024)} kB of PNG`,
    },
    { name: 'render time per reply, now / before', value: is / was, unit: 'x', target: 1.5 },
  ];
  printTable(`chart rendering of the default /train reply (median of ${ROUNDS} rounds)`, rows);
}
