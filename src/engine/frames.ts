import * as tf from '@tensorflow/tfjs-core';
import { boundaryGrid } from './measure.js';
import type { TrainingSession } from './model/session.js';
import type { BoundaryGrid, TrainingFrames } from './result.js';

/*
 * Snapshots for an animation of training: at a fixed number of steps, the class-1 probability on a
 * coarse grid over the plane and the loss at that step. A 24 × 24 grid costs one forward pass over
 * 576 points, so 30 frames add a few percent to a 300-step run (measured in bench/frames.ts).
 */

/** Side of each frame's probability grid: coarse on purpose, the animation is a sketch. */
export const FRAME_GRID_SIZE = 24;

/** The steps at which frames are taken: step 0 and the last step included, evenly spaced between. */
export function frameSteps(steps: number, frames: number): number[] {
  if (frames <= 0) return [];
  const count = Math.min(frames, steps + 1);
  if (count === 1) return [steps];
  const result: number[] = [];
  for (let k = 0; k < count; k++) result.push(Math.round((k * steps) / (count - 1)));
  return result;
}

const round3 = (v: number) => Math.round(v * 1e3) / 1e3;

/**
 * `frames` with the frame of `grid` at `step` appended (made on the first frame, whose grid fixes
 * the size and extent): one way to record a frame for both compute paths.
 */
export function withFrame(
  frames: TrainingFrames | undefined,
  grid: BoundaryGrid,
  step: number,
  loss: number,
): TrainingFrames {
  const all = frames ?? {
    size: grid.size,
    xMin: grid.xMin,
    xMax: grid.xMax,
    yMin: grid.yMin,
    yMax: grid.yMax,
    frames: [],
  };
  all.frames.push({
    step,
    loss,
    probabilities: grid.probabilities.map(round3),
    ...(grid.classes ? { classes: grid.classes } : {}),
  });
  return all;
}

/** Collects frames while a run trains; `take` reads the grid now and keeps the loss tensor's value. */
export function createFrameRecorder(session: TrainingSession, steps: number, frames: number) {
  const wanted = new Set(frameSteps(steps, frames));
  let result: TrainingFrames | undefined;
  return {
    wants: (step: number) => wanted.has(step),
    take(step: number, loss: tf.Scalar): void {
      // Batch norm evaluates the grid with the training batch's statistics; other nets need none.
      const stats =
        session.mlp.config.normalization === 'batch'
          ? tf.tidy(() =>
              session.mlp
                .inspect(session.x)
                .stats.map((s) => ({ mean: tf.keep(s.mean), variance: tf.keep(s.variance) })),
            )
          : [];
      const grid = boundaryGrid(session.mlp, session.data, FRAME_GRID_SIZE, stats);
      for (const s of stats) tf.dispose([s.mean, s.variance]);
      result = withFrame(result, grid, step, loss.dataSync()[0]!);
    },
    result: (): TrainingFrames | undefined => result,
  };
}

/** What createFrameRecorder returns. */
export type FrameRecorder = ReturnType<typeof createFrameRecorder>;
