import { createCanvas } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAnimation } from '../../../src/bot/charts/animation/animation.js';
import { lossCurvesChart } from '../../../src/bot/charts/builders/loss-curves.js';
import type { ChartDraft } from '../../../src/bot/charts/draft.js';
import { chartDraftsFor } from '../../../src/bot/charts/drafts.js';
import { CHART_FONT_FAMILY } from '../../../src/bot/charts/render/fonts.js';
import { createLocalRenderer } from '../../../src/bot/charts/render/local.js';
import { DEFAULT_SIZE, type RenderSize } from '../../../src/bot/charts/render/renderer.js';
import { PHONE } from '../../../src/bot/charts/style.js';
import type { CompareResult, ExperimentResult, TrainResult } from '../../../src/engine/result.js';
import { builtInTable } from '../../../src/engine/tables/built-in.js';
import { useWasmBackend } from '../../engine/wasm-backend.js';
import { hardnessResult, hardnessRecord as rec } from '../hardness-fixtures.js';
import { runOnThisThread } from './animation/run-here.js';
import { compareFixture, landscapeFixture, lpFixture, restartsFixture, trainFixture } from './fixtures.js';
import { mapFixture } from './map-fixture.js';

/*
 * Every text a chat chart draws, as a phone shows it. The 2-D context's fillText and strokeText
 * are wrapped (on the class every @napi-rs/canvas context shares, so Chart.js's canvases and the
 * animation's frames are both seen) and each call is recorded with the font Chart.js or the frame
 * drawer set and the context's transform at that moment.
 *
 * Displayed height of a text = its em size (the px size of the font it was drawn with) times the
 * transform's vertical scale (the device pixel ratio, and any rotation), times 360 over the
 * image's width in device pixels: the height the text has when the image is shown 360 px wide. The
 * em is the size legibility rules speak of (an "11 px" font); the ink box of a given string is not
 * (a "-" or "x" is a fraction of it), and the font's ascent + descent is larger, so less strict.
 *
 * The same records give each text's ink box (measureText's actual bounding box, placed by the
 * transform), which must lie inside the image, and its width against the maxWidth Chart.js gave
 * fillText: a line wider than that is squeezed sideways, illegible however tall.
 */

interface DrawnText {
  text: string;
  font: string;
  /** Height in px when the image is shown PHONE.displayWidth wide. */
  displayedPx: number;
  /** The ink box in device pixels. */
  box: { left: number; top: number; right: number; bottom: number };
  canvas: { width: number; height: number };
  squeezed: boolean;
}

type Context = ReturnType<ReturnType<typeof createCanvas>['getContext']>;
const prototype = Object.getPrototypeOf(createCanvas(1, 1).getContext('2d')) as Context;
const original = { fillText: prototype.fillText, strokeText: prototype.strokeText };
let drawn: DrawnText[] = [];

function record(ctx: Context, text: string, x: number, y: number, maxWidth: number | undefined): void {
  const em = Number(/(\d+(?:\.\d+)?)px/.exec(ctx.font)?.[1] ?? Number.NaN);
  const m = ctx.getTransform();
  const metrics = ctx.measureText(text);
  const corners = [
    [x - metrics.actualBoundingBoxLeft, y - metrics.actualBoundingBoxAscent],
    [x + metrics.actualBoundingBoxRight, y - metrics.actualBoundingBoxAscent],
    [x - metrics.actualBoundingBoxLeft, y + metrics.actualBoundingBoxDescent],
    [x + metrics.actualBoundingBoxRight, y + metrics.actualBoundingBoxDescent],
  ].map(([u, v]) => [m.a * u! + m.c * v! + m.e, m.b * u! + m.d * v! + m.f] as const);
  const canvas = { width: ctx.canvas.width, height: ctx.canvas.height };
  drawn.push({
    text,
    font: ctx.font,
    displayedPx: (em * Math.hypot(m.c, m.d) * PHONE.displayWidth) / canvas.width,
    box: {
      left: Math.min(...corners.map((c) => c[0])),
      right: Math.max(...corners.map((c) => c[0])),
      top: Math.min(...corners.map((c) => c[1])),
      bottom: Math.max(...corners.map((c) => c[1])),
    },
    canvas,
    squeezed: maxWidth !== undefined && metrics.width > maxWidth + 0.5,
  });
}

beforeAll(() => {
  prototype.fillText = function (this: Context, text: string, x: number, y: number, maxWidth?: number) {
    record(this, text, x, y, maxWidth);
    return original.fillText.call(this, text, x, y, maxWidth);
  };
  prototype.strokeText = function (this: Context, text: string, x: number, y: number, maxWidth?: number) {
    record(this, text, x, y, maxWidth);
    return original.strokeText.call(this, text, x, y, maxWidth);
  };
});
afterAll(() => {
  Object.assign(prototype, original);
});

/** The texts drawn while `draw` runs. */
async function textsOf(draw: () => Promise<unknown>): Promise<DrawnText[]> {
  drawn = [];
  await draw();
  const texts = drawn;
  drawn = [];
  return texts;
}

const renderer = () => createLocalRenderer();
const textsOfChart = (draft: ChartDraft, size: RenderSize = DEFAULT_SIZE) =>
  textsOf(() => renderer().render(draft.config, size));

/** Problems of one image's texts, as readable lines (empty when every text passes). */
function problems(texts: readonly DrawnText[]): string[] {
  return texts.flatMap((t) => {
    const found: string[] = [];
    if (!(t.displayedPx >= PHONE.minTextPx)) found.push(`${t.displayedPx.toFixed(1)} px at 360 (${t.font})`);
    const { box, canvas } = t;
    if (box.left < -1 || box.top < -1 || box.right > canvas.width + 1 || box.bottom > canvas.height + 1)
      found.push(`outside the ${canvas.width}x${canvas.height} image: ${JSON.stringify(box)}`);
    if (t.squeezed) found.push('squeezed to fit its room');
    return found.map((problem) => `"${t.text}": ${problem}`);
  });
}

const sweep = hardnessResult([
  rec(8, 2, { mipMs: 4, lpMs: 1 }),
  rec(8, 2, { mipMs: 9, labels: 'random', lpMs: 2 }),
  rec(64, 2, { mipMs: 80, lpMs: 3 }),
  rec(8, 8, { mipMs: 12, successes: 2 }),
  rec(64, 8, { mipMs: 320, status: 'time-limit', lpMs: 5 }),
]);

/** Every chart kind the bot sends; the layer charts and animations come from real short runs. */
const EVERY_CHART = [
  'loss-curves',
  'gradient-norms',
  'decision-boundary',
  'table-projection',
  'final-loss-by-depth',
  'gradient-norms-by-depth',
  'saturation-over-training',
  'gradients-over-training',
  'activations-over-training',
  'trainability-map',
  'restarts',
  'landscape-line',
  'landscape-direction',
  'lp',
  'hardness-time',
  'hardness-descent',
];

describe('chat charts on a phone', () => {
  let watched: TrainResult;
  let compared: CompareResult;
  let iris: TrainResult;
  let petals: TrainResult;
  beforeAll(async () => {
    await useWasmBackend();
    // Real training, short: layers watched, boundary grid and animation frames recorded.
    watched = runOnThisThread({ experiment: 'train', depth: 4, seeds: 1, steps: 60, frames: 6 });
    compared = runOnThisThread({ experiment: 'compare', depths: [1, 6], seeds: 1, steps: 60, frames: 6 });
    // Tables: iris's four features (a projection) and two of them (a 3-class boundary, long axis names).
    iris = runOnThisThread({ experiment: 'train', dataset: 'iris', depth: 1, seeds: 1, steps: 60 });
    const table = builtInTable('iris');
    petals = runOnThisThread({
      experiment: 'train',
      table: { ...table, features: table.features.slice(2), rows: table.rows.map((r) => r.slice(2)) },
      depth: 1,
      seeds: 1,
      steps: 60,
      frames: 6,
    });
  });

  it('draw every text at least 11 px tall when the image is shown 360 px wide, inside the image, unsqueezed', async () => {
    const results: [string, ExperimentResult][] = [
      ['train', trainFixture(1)],
      ['train-deep', trainFixture(8)],
      ['train-real', watched],
      ['compare', compareFixture()],
      ['compare-real', compared],
      ['train-iris', iris],
      ['train-petals', petals],
      ['restarts', restartsFixture()],
      ['landscape', landscapeFixture()],
      ['lp', lpFixture(true)],
      ['lp-xor', lpFixture(false)],
      ['map', mapFixture()],
      ['hardness', sweep],
    ];
    const seen = new Set<string>();
    const found: string[] = [];
    let smallest = Number.POSITIVE_INFINITY;
    for (const [name, result] of results) {
      for (const view of ['main', 'layers'] as const) {
        for (const draft of chartDraftsFor(result, view)) {
          const texts = await textsOfChart(draft);
          seen.add(draft.name);
          // A chart without text would pass every check below.
          expect(texts.length, `${name} ${draft.name}`).toBeGreaterThan(8);
          smallest = Math.min(smallest, ...texts.map((t) => t.displayedPx));
          found.push(...problems(texts).map((p) => `${name} ${draft.name}: ${p}`));
        }
      }
    }
    expect([...seen].sort()).toEqual([...EVERY_CHART].sort());
    expect(found).toEqual([]);
    expect(smallest).toBeGreaterThanOrEqual(PHONE.minTextPx);
  });

  it('draw every text of the training animation, one net or two side by side, at the same sizes', async () => {
    for (const result of [watched, compared, petals]) {
      let frames = 0;
      const texts = await textsOf(async () => {
        frames = (await renderAnimation(result))?.frames ?? 0;
      });
      expect(frames).toBe(6);
      // Title, map label(s), loss panel labels and the key, on every frame.
      expect(texts.length).toBeGreaterThanOrEqual(6 * 5);
      expect(problems(texts)).toEqual([]);
    }
  });

  it('would catch the old 800x450 layout, whose ticks and legends were near 7 px on a phone', async () => {
    const texts = await textsOfChart(lossCurvesChart(trainFixture(8)), { width: 800, height: 450 });
    expect(Math.min(...texts.map((t) => t.displayedPx))).toBeLessThan(8);
    expect(texts.every((t) => t.font.includes(CHART_FONT_FAMILY))).toBe(true);
  });
});
