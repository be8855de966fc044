import type * as tf from '@tensorflow/tfjs-core';
import { curveStride } from './measure.js';

/** Progress is reported (and pending losses read back) every this many steps. */
export const PROGRESS_EVERY = 10;

/**
 * The loss curve of a run, read back in batches: each step's loss stays on the backend until the
 * next progress point, then all pending losses are read together, one read-back per
 * PROGRESS_EVERY steps instead of one per step (cheap on wasm, costly on a GPU).
 */
export interface LossReadback {
  /** Loss at a bounded number of steps, always including step 0 and the last. */
  readonly curve: { steps: number[]; losses: number[] };
  /** The most recent loss read back; NaN before the first progress point. */
  readonly lastLoss: number;
  /** Takes ownership of one step's loss; true when the step is a progress point (losses read back). */
  add(step: number, loss: tf.Scalar, isLast: boolean): boolean;
  /** Frees the losses not read back yet (a run that stopped early). */
  dispose(): void;
}

/** A LossReadback for a run of `steps` steps. */
export function createLossReadback(steps: number): LossReadback {
  const stride = curveStride(steps);
  const pending: { step: number; loss: tf.Scalar; onCurve: boolean }[] = [];
  const curve = { steps: [] as number[], losses: [] as number[] };
  let lastLoss = Number.NaN;
  return {
    curve,
    get lastLoss() {
      return lastLoss;
    },
    add(step, loss, isLast) {
      const onCurve = step % stride === 0 || isLast;
      const reportNow = step % PROGRESS_EVERY === 0 || isLast;
      if (onCurve || reportNow) pending.push({ step, loss, onCurve });
      else loss.dispose();
      if (!reportNow) return false;
      for (const entry of pending.splice(0)) {
        lastLoss = entry.loss.dataSync()[0]!;
        entry.loss.dispose();
        if (entry.onCurve) {
          curve.steps.push(entry.step);
          curve.losses.push(lastLoss);
        }
      }
      return true;
    },
    dispose() {
      for (const entry of pending) entry.loss.dispose();
    },
  };
}
