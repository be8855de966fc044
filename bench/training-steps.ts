import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { timeTrainingSteps, trainRun } from '../src/engine/fit.js';
import { plainFitSpec } from '../src/engine/fit-defaults.js';
import { layersMsPerStep } from './layers-baseline.js';
import { type Measurement, median, printTable } from './report.js';

// As in the engine's worker threads: PROD silences tfjs's console hints, among them the cpu
// backend's "install our node backend" banner, which would otherwise interrupt the report.
tf.env().set('PROD', true);

const DEPTHS = [1, 4, 8, 16];
const STEPS = 100;

const plainSpec = (depth: number) => plainFitSpec({ depth, steps: STEPS });

/** ms per full-batch step, our engine on wasm vs tf.layers + model.fit on cpu and on wasm. */
export async function benchTrainingSteps(): Promise<void> {
  const rows: Measurement[] = [];
  for (const depth of DEPTHS) {
    await tf.setBackend('wasm');
    const ours = median([0, 1, 2].map(() => timeTrainingSteps(plainSpec(depth), STEPS)));
    const layersWasm = await layersMsPerStep(depth, 32, 256, STEPS / 2);
    await tf.setBackend('cpu');
    const layersCpu = await layersMsPerStep(depth, 32, 256, STEPS / 4);
    rows.push(
      {
        name: `depth ${depth}: engine on wasm`,
        value: ours,
        unit: 'ms',
        ...(depth === 8 ? { target: 2 } : {}),
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
  printTable('ms per training step (width 32, batch 256, one thread)', rows);
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
