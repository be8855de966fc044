import os from 'node:os';
import { createEngine, validateSpec } from '../src/engine/index.js';
import { type Measurement, printTable } from './report.js';

async function timeRun(
  engine: Awaited<ReturnType<typeof createEngine>>,
  input: { experiment: string } & Record<string, unknown>,
) {
  const checked = validateSpec(input);
  if (!checked.ok) throw new Error(checked.errors.map((e) => e.message).join('; '));
  const started = performance.now();
  await engine.run(checked.spec);
  return performance.now() - started;
}

/**
 * Wall time of the default experiments through the worker pool, using every core; train and
 * compare also with typed arrays off (every run on the tf path, as before issue 27), in the same run.
 */
export async function benchExperiments(): Promise<void> {
  const workers = os.availableParallelism();
  const before = await createEngine({ workers, backend: 'wasm', typedArrays: false });
  const compare = { experiment: 'compare', depths: [1, 2, 4, 8, 16], seeds: 3 };
  let beforeTrain: number;
  let beforeCompare: number;
  try {
    await timeRun(before, { experiment: 'train', steps: 20 }); // warm-up: each worker compiles its kernels
    beforeTrain = await timeRun(before, { experiment: 'train' });
    beforeCompare = await timeRun(before, compare);
  } finally {
    await before.close();
  }
  const engine = await createEngine({ workers, backend: 'wasm' });
  try {
    await timeRun(engine, { experiment: 'train', steps: 20 });
    const train = await timeRun(engine, { experiment: 'train' });
    const compared = await timeRun(engine, compare);
    const rows: Measurement[] = [
      {
        name: 'train (defaults: depth 5, 3 seeds, 300 steps)',
        value: train,
        unit: 'ms',
        target: 2000,
        note: `tf path only: ${beforeTrain.toFixed(0)} ms`,
      },
      {
        name: 'compare depths 1,2,4,8,16 x 3 seeds',
        value: compared,
        unit: 'ms',
        target: 6000,
        note: `tf path only: ${beforeCompare.toFixed(0)} ms, ${(beforeCompare / compared).toFixed(2)}x as fast (target 2x)`,
      },
      { name: 'restarts (defaults)', value: await timeRun(engine, { experiment: 'restarts' }), unit: 'ms' },
      { name: 'landscape (defaults)', value: await timeRun(engine, { experiment: 'landscape' }), unit: 'ms' },
      { name: 'lp (defaults)', value: await timeRun(engine, { experiment: 'lp' }), unit: 'ms' },
    ];
    printTable(`experiments through the pool (${workers} workers, wasm)`, rows);
  } finally {
    await engine.close();
  }
}
