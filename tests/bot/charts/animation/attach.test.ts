import { beforeAll, describe, expect, it } from 'vitest';
import { withAnimation } from '../../../../src/bot/charts/animation/attach.js';
import type { ReplyImage } from '../../../../src/bot/types.js';
import type { CompareResult, TrainResult } from '../../../../src/engine/result.js';
import { useWasmBackend } from '../../../engine/wasm-backend.js';
import { runOnThisThread } from './run-here.js';

const still = (name: string): ReplyImage => ({ name, png: Buffer.from('still'), alt: `${name} alt` });

describe('withAnimation', () => {
  let train: TrainResult;
  beforeAll(async () => {
    await useWasmBackend();
    train = runOnThisThread({ experiment: 'train', depth: 1, seeds: 1, steps: 60, frames: 8 });
  });

  it('puts the animation on the decision boundary, in its place, and adds no image', async () => {
    const images = await withAnimation([still('loss-curves.png'), still('decision-boundary.png')], train);
    expect(images.map((i) => i.name)).toEqual(['loss-curves.png', 'decision-boundary.png']);
    expect(images[0]!.animation).toBeUndefined();
    const animation = images[1]!.animation!;
    expect(animation.name).toBe('training.gif');
    expect(animation.gif.subarray(0, 6).toString('latin1')).toBe('GIF89a');
    expect(animation.alt).toMatch(/^Animation in 8 frames of training/);
    expect(images[1]!.png.toString()).toBe('still');
  });

  it('keeps the still alone when the GIF is over the limit', async () => {
    const images = await withAnimation([still('decision-boundary.png')], train, 1000);
    expect(images[0]!.animation).toBeUndefined();
  });

  it('keeps the images as they were when the run recorded no frames (animate:false)', async () => {
    const plain = runOnThisThread<TrainResult>({
      experiment: 'train',
      depth: 1,
      seeds: 1,
      steps: 20,
      animate: false,
    });
    expect(plain.runs[0]!.frames).toBeUndefined();
    const images = await withAnimation([still('decision-boundary.png')], plain);
    expect(images[0]!.animation).toBeUndefined();
  });

  it('compare: adds one image whose still is the last frame as a PNG', async () => {
    const compare = runOnThisThread<CompareResult>({
      experiment: 'compare',
      depths: [1, 4],
      seeds: 1,
      steps: 40,
      frames: 6,
    });
    const images = await withAnimation([still('final-loss-by-depth.png')], compare);
    expect(images).toHaveLength(2);
    const added = images[1]!;
    expect(added.name).toBe('training.png');
    expect(added.png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(added.animation!.gif.subarray(0, 6).toString('latin1')).toBe('GIF89a');
  });
});
