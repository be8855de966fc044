import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { renderAnimation } from '../src/bot/charts/animation/animation.js';
import { trainPlanner } from '../src/engine/experiments/train.js';
import { trainRun } from '../src/engine/fit.js';
import type { TrainResult } from '../src/engine/result.js';
import type { TrainSpec } from '../src/engine/spec.js';
import { validateSpec } from '../src/engine/validate.js';
import { type Measurement, median, printTable } from './report.js';

/** The default `/train` result, trained on this thread. */
export function defaultTrainResult(): TrainResult {
  const checked = validateSpec({ experiment: 'train' });
  if (!checked.ok) throw new Error('the train defaults do not validate');
  const spec = checked.spec as { experiment: 'train' } & TrainSpec;
  const runs = trainPlanner.plan(spec).map((unit) => {
    if (unit.kind !== 'fit') throw new Error('train plans fit units only');
    return trainRun(unit.spec, {}).result;
  });
  return { experiment: 'train', backend: 'wasm', spec, durationMs: 0, ...trainPlanner.assemble(spec, runs) };
}

/** Drawing + GIF encoding of the default `/train` animation, against the budgets. */
export async function benchAnimation(): Promise<void> {
  await tf.setBackend('wasm');
  const result = defaultTrainResult();
  await renderAnimation(result); // warm-up: JIT and font registration
  const renders = [];
  for (let i = 0; i < 5; i++) renders.push((await renderAnimation(result))!);
  const last = renders.at(-1)!;
  const rows: Measurement[] = [
    {
      name: `draw + encode (${last.frames} frames, ${last.width}x${last.height})`,
      value: median(renders.map((r) => r.renderMs)),
      unit: 'ms',
      target: 600,
    },
    { name: 'GIF size', value: last.gif.length / 1024, unit: 'KiB', target: 2048 },
  ];
  printTable('training animation of the default /train (one thread)', rows);
}
