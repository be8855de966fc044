import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { computePathOf, forwardMultiplyAdds, PLAIN_MAX_MULTIPLY_ADDS } from '../src/engine/compute-path.js';
import { timeTrainingSteps, trainRun } from '../src/engine/fit.js';
import { plainFitSpec } from '../src/engine/fit-defaults.js';
import { timePlainSteps } from '../src/engine/plain/train.js';
import type { FitSpec } from '../src/engine/result.js';
import { layersMsPerStep } from './layers-baseline.js';
import { type Measurement, median, printTable } from './report.js';

// As in the engine's worker threads: PROD silences tfjs's console hints, among them the cpu
// backend's "install our node backend" banner, which would otherwise interrupt the report.
tf.env().set('PROD', true);

const DEPTHS = [1, 2, 4, 8, 16];
const STEPS = 100;

const plainSpec = (depth: number, overrides: Partial<FitSpec> = {}) =>
  plainFitSpec({ depth, steps: STEPS, ...overrides });

/** ms per step on the path the engine chooses (compute-path.ts), median of three. */
function engineMsPerStep(spec: FitSpec): number {
  const time = computePathOf(spec) === 'typed-arrays' ? timePlainSteps : timeTrainingSteps;
  return median([0, 1, 2].map(() => time(spec, STEPS)));
}

/**
 * ms per full-batch step of one network: the engine on the path it chooses, the engine's tf path
 * alone (every net's path before issue 27), and tf.layers + model.fit on wasm and on cpu.
 */
export async function benchTrainingSteps(): Promise<void> {
  const rows: Measurement[] = [];
  const targets: Record<number, number> = { 1: 0.2, 8: 2 };
  for (const depth of DEPTHS) {
    await tf.setBackend('wasm');
    const spec = plainSpec(depth);
    const ours = engineMsPerStep(spec);
    const tfPath = median([0, 1, 2].map(() => timeTrainingSteps(spec, STEPS)));
    const layersWasm = await layersMsPerStep(depth, 32, 256, STEPS / 2);
    await tf.setBackend('cpu');
    const layersCpu = await layersMsPerStep(depth, 32, 256, STEPS / 4);
    rows.push(
      {
        name: `depth ${depth}: engine (${computePathOf(spec)})`,
        value: ours,
        unit: 'ms',
        ...(targets[depth] === undefined ? {} : { target: targets[depth] }),
      },
      {
        name: `depth ${depth}: engine, tf path on wasm`,
        value: tfPath,
        unit: 'ms',
        note: `ratio ${(tfPath / ours).toFixed(1)}x`,
      },
      {
        name: `depth ${depth}: tf.layers fit on wasm`,
        value: layersWasm,
        unit: 'ms',
        note: `ratio ${(layersWasm / ours).toFixed(1)}x`,
      },
      {
        name: `depth ${depth}: tf.layers fit on cpu`,
        value: layersCpu,
        unit: 'ms',
        note: `ratio ${(layersCpu / ours).toFixed(1)}x`,
      },
    );
  }
  printTable('ms per training step of one network (width 32, batch 256, one thread)', rows);
}

/**
 * Where typed arrays stop paying: ms per step of both paths around the size threshold
 * (PLAIN_MAX_MULTIPLY_ADDS), at three widths. The path the engine picks is marked.
 */
export async function benchPathCrossover(): Promise<void> {
  await tf.setBackend('wasm');
  const rows: Measurement[] = [];
  const cases: [number, number][] = [
    [16, 2],
    [16, 4],
    [16, 6],
    [32, 1],
    [32, 2],
    [32, 3],
    [32, 4],
    [64, 1],
    [64, 2],
  ];
  for (const [width, depth] of cases) {
    const spec = plainSpec(depth, { width });
    const typed = median([0, 1, 2].map(() => timePlainSteps(spec, STEPS)));
    const tfPath = median([0, 1, 2].map(() => timeTrainingSteps(spec, STEPS)));
    const picked = computePathOf(spec);
    rows.push({
      name: `width ${width}, depth ${depth} (${forwardMultiplyAdds(spec).toLocaleString('en-US')} multiply-adds)`,
      value: typed,
      unit: 'ms',
      note: `tf path ${tfPath.toFixed(2)} ms, typed arrays ${(tfPath / typed).toFixed(2)}x as fast; engine picks ${picked}`,
    });
  }
  printTable(
    `typed arrays vs the tf path per step (256 points; threshold ${PLAIN_MAX_MULTIPLY_ADDS.toLocaleString('en-US')} multiply-adds)`,
    rows,
  );
}

/** What recording per-layer activation statistics adds to the default /train run (one seed, one thread). */
export async function benchLayerWatching(): Promise<void> {
  await tf.setBackend('wasm');
  const spec = plainFitSpec();
  const time = (watchLayers: boolean) => {
    const started = performance.now();
    trainRun(spec, { watchLayers });
    return performance.now() - started;
  };
  time(true); // warm-up
  const samples = { off: [] as number[], on: [] as number[] };
  for (let i = 0; i < 5; i++) {
    samples.off.push(time(false));
    samples.on.push(time(true));
  }
  const [off, on] = [median(samples.off), median(samples.on)];
  printTable('watching the layers during the default /train run (depth 5, 300 steps, wasm)', [
    { name: 'one run, layers not watched', value: off, unit: 'ms' },
    { name: 'one run, layers watched', value: on, unit: 'ms', note: `ratio ${(on / off).toFixed(3)}x` },
  ]);
}
