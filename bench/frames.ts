import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { trainRun } from '../src/engine/fit.js';
import { plainFitSpec } from '../src/engine/fit-defaults.js';
import { SPEC_FIELDS } from '../src/engine/spec.js';
import { type Measurement, median, printTable } from './report.js';

const DEFAULT_FRAMES = SPEC_FIELDS.train.frames.default as number;
const DEFAULT_DEPTH = SPEC_FIELDS.train.depth.default as number;

/** Wall time of one default `/train` run (300 steps, 100-point boundary grid), with or without frames. */
function runMs(frames: number): number {
  const { result } = trainRun(plainFitSpec({ depth: DEFAULT_DEPTH, gridSize: 100, frames }), {});
  return result.durationMs;
}

/** The cost of recording animation frames: the default run with and without them, interleaved. */
export async function benchFrames(): Promise<void> {
  await tf.setBackend('wasm');
  runMs(DEFAULT_FRAMES); // warm-up: compile the kernels of both paths
  const without: number[] = [];
  const withFrames: number[] = [];
  for (let i = 0; i < 5; i++) {
    without.push(runMs(0));
    withFrames.push(runMs(DEFAULT_FRAMES));
  }
  const base = median(without);
  const recorded = median(withFrames);
  const slowdown = (100 * (recorded - base)) / base;
  const rows: Measurement[] = [
    { name: 'default train run, no frames', value: base, unit: 'ms' },
    { name: `default train run, ${DEFAULT_FRAMES} frames`, value: recorded, unit: 'ms' },
    { name: 'slowdown from recording frames', value: slowdown, unit: '%', target: 10 },
  ];
  printTable('animation frames: cost in the engine (one run, one thread, wasm)', rows);
}
