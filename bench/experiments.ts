import os from 'node:os';
import { createEngine, validateSpec } from '../src/engine/index.js';
import { type Measurement, median, printTable } from './report.js';

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
 * compare also with typed arrays off (every run on the tf path, as before issue 27). The two
 * engines take turns, three times each, so that a shared machine's load falls on both alike.
 */
export async function benchExperiments(): Promise<void> {
  const workers = os.availableParallelism();
  const before = await createEngine({ workers, backend: 'wasm', typedArrays: false });
  const engine = await createEngine({ workers, backend: 'wasm' });
  const compare = { experiment: 'compare', depths: [1, 2, 4, 8, 16], seeds: 3 };
  try {
    for (const e of [before, engine]) await timeRun(e, { experiment: 'train', steps: 20 }); // warm-up: kernels compile
    const turns = async (input: { experiment: string } & Record<string, unknown>) => {
      const times = { before: [] as number[], after: [] as number[] };
      for (let i = 0; i < 3; i++) {
        times.before.push(await timeRun(before, input));
        times.after.push(await timeRun(engine, input));
      }
      return { before: median(times.before), after: median(times.after) };
    };
    const train = await turns({ experiment: 'train' });
    const compared = await turns(compare);
    const rows: Measurement[] = [
      {
        name: 'train (defaults: depth 5, 3 seeds, 300 steps)',
        value: train.after,
        unit: 'ms',
        target: 2000,
        note: `tf path only: ${train.before.toFixed(0)} ms (medians of 3, taking turns)`,
      },
      {
        name: 'compare depths 1,2,4,8,16 x 3 seeds',
        value: compared.after,
        unit: 'ms',
        target: 6000,
        note: `tf path only: ${compared.before.toFixed(0)} ms, ${(compared.before / compared.after).toFixed(2)}x as fast (target 2x)`,
      },
      { name: 'restarts (defaults)', value: await timeRun(engine, { experiment: 'restarts' }), unit: 'ms' },
      { name: 'landscape (defaults)', value: await timeRun(engine, { experiment: 'landscape' }), unit: 'ms' },
      { name: 'lp (defaults)', value: await timeRun(engine, { experiment: 'lp' }), unit: 'ms' },
    ];
    printTable(`experiments through the pool (${workers} workers, wasm)`, rows);
  } finally {
    await Promise.all([before.close(), engine.close()]);
  }
}
