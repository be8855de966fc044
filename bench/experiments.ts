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

/** Wall time of the default experiments through the worker pool, using every core. */
export async function benchExperiments(): Promise<void> {
  const engine = await createEngine({ workers: os.availableParallelism(), backend: 'wasm' });
  try {
    await timeRun(engine, { experiment: 'train', steps: 20 }); // warm-up: each worker compiles its kernels
    const rows: Measurement[] = [
      {
        name: 'train (defaults: depth 5, 3 seeds, 300 steps)',
        value: await timeRun(engine, { experiment: 'train' }),
        unit: 'ms',
        target: 2000,
      },
      {
        name: 'compare depths 1,2,4,8,16 x 3 seeds',
        value: await timeRun(engine, { experiment: 'compare', depths: [1, 2, 4, 8, 16], seeds: 3 }),
        unit: 'ms',
        target: 6000,
      },
      { name: 'restarts (defaults)', value: await timeRun(engine, { experiment: 'restarts' }), unit: 'ms' },
      { name: 'landscape (defaults)', value: await timeRun(engine, { experiment: 'landscape' }), unit: 'ms' },
      { name: 'lp (defaults)', value: await timeRun(engine, { experiment: 'lp' }), unit: 'ms' },
    ];
    printTable(`experiments through the pool (${os.availableParallelism()} workers, wasm)`, rows);
  } finally {
    await engine.close();
  }
}
