import { writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { animationScene, renderAnimation } from '../../../../src/bot/charts/animation/animation.js';
import type { AnimationScene } from '../../../../src/bot/charts/animation/draw-frame.js';
import { drawFrame, lossBox, mapBox, sceneSize } from '../../../../src/bot/charts/animation/draw-frame.js';
import type { CompareResult, TrainResult } from '../../../../src/engine/result.js';
import { useWasmBackend } from '../../../engine/wasm-backend.js';
import { readGifBlocks } from './gif-blocks.js';
import { runOnThisThread } from './run-here.js';

/** Budget per animation, from the issue. */
const MAX_BYTES = 2 * 1024 * 1024;

beforeAll(async () => {
  await useWasmBackend();
});

/** Share of pixels in run `index`'s map panel that differ between two frames. */
function mapChange(scene: AnimationScene, index: number, a: number, b: number): number {
  const { width } = sceneSize(scene);
  const box = mapBox(scene, index);
  const [first, second] = [drawFrame(scene, a), drawFrame(scene, b)];
  let changed = 0;
  for (let y = box.y; y < box.y + box.side; y++) {
    for (let x = box.x; x < box.x + box.side; x++) {
      const i = 4 * (y * width + x);
      if (first[i] !== second[i] || first[i + 1] !== second[i + 1] || first[i + 2] !== second[i + 2])
        changed++;
    }
  }
  return changed / box.side ** 2;
}

/**
 * Share of the loss chart's width drawn in the dashed reference grey on the rows where `loss`
 * sits: about 0.6 where the dashed line runs (6 px dash, 4 px gap), near 0 elsewhere.
 */
function referenceShare(scene: AnimationScene, frame: number, loss: number): number {
  const { width } = sceneSize(scene);
  const box = lossBox(scene);
  const pixels = drawFrame(scene, frame);
  const y = box.y + box.side - (loss / scene.maxLoss) * box.side;
  const isReferenceGrey = (i: number) =>
    pixels[i] === pixels[i + 1] && pixels[i] === pixels[i + 2] && pixels[i]! < 200;
  let best = 0;
  for (let row = Math.floor(y) - 1; row <= Math.ceil(y) + 1; row++) {
    let grey = 0;
    for (let x = box.x + 1; x < box.x + box.side - 1; x++) if (isReferenceGrey(4 * (row * width + x))) grey++;
    best = Math.max(best, grey / box.side);
  }
  return best;
}

/** A one-layer ReLU net with Adam: learns the moons within the default steps. */
const LEARNS = {
  experiment: 'train',
  depth: 1,
  activation: 'relu',
  init: 'he',
  optimizer: 'adam',
  learningRate: 0.01,
  seeds: 1,
} as const;

describe('the training animation', () => {
  let learns: TrainResult;
  let stalls: TrainResult;
  beforeAll(() => {
    learns = runOnThisThread({ ...LEARNS, frames: 24 });
    stalls = runOnThisThread({ experiment: 'train', depth: 8, seeds: 1, frames: 24 });
  });

  it('is a looping GIF89a with the frames asked for, within the size budget', async () => {
    const animation = (await renderAnimation(learns))!;
    const blocks = readGifBlocks(animation.gif);
    expect(blocks.signature).toBe('GIF89a');
    expect(blocks.frames).toBe(24);
    expect(animation.frames).toBe(24);
    expect([blocks.width, blocks.height]).toEqual([animation.width, animation.height]);
    expect(blocks.delays.slice(0, -1).every((d) => d === 12)).toBe(true);
    expect(blocks.delays.at(-1)).toBe(200);
    expect(animation.gif.length).toBeLessThan(MAX_BYTES);
    expect(animation.name).toBe('training.gif');
    if (process.env.ANIMATION_OUT) writeFileSync(`${process.env.ANIMATION_OUT}/learns.gif`, animation.gif);
  });

  it('shows the boundary changing for a run that learns', async () => {
    const scene = animationScene(learns)!;
    expect(mapChange(scene, 0, 0, 23)).toBeGreaterThan(0.3);
    expect(mapChange(scene, 0, 12, 23)).toBeGreaterThan(0.05);
    expect((await renderAnimation(learns))!.alt).toMatch(/depth-1 net's boundary takes shape by step \d+/);
  });

  it('shows a map that does not change for a run that stalls (plain sigmoid, depth 8)', async () => {
    const scene = animationScene(stalls)!;
    // The untrained net guesses one value everywhere; the output bias drifts it to 0.5 within
    // about 40 steps, and from then on not one pixel of the map changes.
    expect(mapChange(scene, 0, 8, 23)).toBe(0);
    const animation = (await renderAnimation(stalls))!;
    expect(animation.alt).toContain(
      "depth-8 net's map stays flat, with no boundary, for all 300 steps, ending as a 50/50 wash",
    );
    if (process.env.ANIMATION_OUT) writeFileSync(`${process.env.ANIMATION_OUT}/stalls.gif`, animation.gif);
  });

  it("draws the no-learning line at the run's own level: ln 2 for cross-entropy, 0.25 for squared error", () => {
    const crossEntropy = animationScene(learns)!;
    expect(crossEntropy.reference.label).toBe('no learning (ln 2)');
    expect(referenceShare(crossEntropy, 23, Math.LN2)).toBeGreaterThan(0.4);
    const mse = animationScene(runOnThisThread<TrainResult>({ ...LEARNS, loss: 'mse', frames: 4 }))!;
    expect(mse.reference).toMatchObject({ level: 0.25, label: 'no learning (0.25)' });
    expect(referenceShare(mse, 3, 0.25)).toBeGreaterThan(0.4);
  });

  it('gives nothing to animate when no frames were recorded', async () => {
    expect(
      await renderAnimation({ ...stalls, runs: stalls.runs.map(({ frames: _f, ...r }) => r) }),
    ).toBeUndefined();
  });

  it('compare: puts the shallowest and the deepest net side by side in one animation', async () => {
    const result = runOnThisThread<CompareResult>({
      experiment: 'compare',
      depths: [1, 8],
      seeds: 1,
      frames: 12,
      steps: 200,
    });
    const scene = animationScene(result)!;
    expect(scene.runs.map((r) => r.label)).toEqual(['depth-1', 'depth-8']);
    expect(scene.data.x).toHaveLength(256);
    const animation = (await renderAnimation(result))!;
    expect(readGifBlocks(animation.gif).frames).toBe(12);
    expect(animation.gif.length).toBeLessThan(MAX_BYTES);
    expect(mapChange(scene, 0, 0, 11)).toBeGreaterThan(0.1);
    expect(mapChange(scene, 1, 6, 11)).toBe(0);
    expect(animation.alt).toMatch(
      /depth-1 net's boundary takes shape.*depth-8 net's map stays flat, with no boundary, for all 200 steps/,
    );
    if (process.env.ANIMATION_OUT) writeFileSync(`${process.env.ANIMATION_OUT}/compare.gif`, animation.gif);
  });
});
