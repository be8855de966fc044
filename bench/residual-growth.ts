import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { makeDataset } from '../src/engine/datasets.js';
import { createLayers, type DenseLayer } from '../src/engine/model/layers.js';
import { createMlp } from '../src/engine/model/mlp.js';

/*
 * `npx tsx bench/residual-growth.ts`: how much the residual stream grows between the first and
 * the last hidden layer at initialization, for two forms of the block with the same 1/sqrt(L)
 * branch scale. Not a section of `npm run bench`: these are properties of the model, not speeds.
 *   post: h + s·relu(h·W + b)   (the branch is never negative, so it only adds)
 *   pre:  h + s·(relu(h)·W + b) (the branch has mean zero over the weights)
 * Both are computed here from the engine's own initial weights (createLayers, relu + He, width
 * 32, the moons data); the engine's inspect() must agree with one of them, and the script says
 * which, so the table in docs/model.md describes what the engine actually runs.
 */

const DEPTHS = [8, 16, 32];
const SEEDS = [1, 2, 3, 4, 5];
const WIDTH = 32;

type Form = 'post' | 'pre';

interface Measured {
  /** Mean h² of the last hidden layer's output over that of the first. */
  growth: number;
  /** Standard deviation and largest magnitude of the initial logits. */
  logitSd: number;
  logitMax: number;
  logits: Float32Array;
}

function runForm(layers: DenseLayer[], depth: number, x: tf.Tensor2D, form: Form): Measured {
  return tf.tidy(() => {
    const first = layers[0]!;
    let h = tf.relu(tf.add(tf.matMul(x, first.kernel as tf.Tensor2D), first.bias)) as tf.Tensor2D;
    const firstPower = tf.mean(tf.square(h)).dataSync()[0]!;
    for (let i = 1; i < depth; i++) {
      const layer = layers[i]!;
      const w = layer.kernel as tf.Tensor2D;
      const branch =
        form === 'post'
          ? tf.relu(tf.add(tf.matMul(h, w), layer.bias))
          : tf.add(tf.matMul(tf.relu(h) as tf.Tensor2D, w), layer.bias);
      h = tf.add(h, tf.mul(branch, layer.branchScale)) as tf.Tensor2D;
    }
    const lastPower = tf.mean(tf.square(h)).dataSync()[0]!;
    const output = layers[depth]!;
    const logits = tf.add(tf.matMul(h, output.kernel as tf.Tensor2D), output.bias);
    const { variance } = tf.moments(logits);
    const values = Float32Array.from(logits.dataSync() as Float32Array);
    return {
      growth: lastPower / firstPower,
      logitSd: Math.sqrt(variance.dataSync()[0]!),
      logitMax: Math.max(...Array.from(values, Math.abs)),
      logits: values,
    };
  });
}

function closeTo(a: Float32Array, b: Float32Array): boolean {
  return a.every((v, i) => Math.abs(v - b[i]!) <= 1e-4 * (1 + Math.abs(v)));
}

const range = (values: number[], digits: number) =>
  `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;

async function main() {
  await tf.setBackend('cpu');
  const data = makeDataset('moons', 256, 0.1, 1);
  const x = tf.tensor2d(data.x, [data.n, 2]);
  const engineForms = new Set<string>();
  console.log('depth | form | mean h² last/first | initial logit sd | max |logit|');
  for (const depth of DEPTHS) {
    const rows: Record<Form, Measured[]> = { post: [], pre: [] };
    for (const seed of SEEDS) {
      const config = {
        depth,
        width: WIDTH,
        activation: 'relu',
        init: 'he',
        residual: true,
        normalization: 'none',
        seed,
      } as const;
      const { layers, params } = createLayers(config);
      for (const form of ['post', 'pre'] as const) rows[form].push(runForm(layers, depth, x, form));
      tf.dispose(params);
      const mlp = createMlp(config);
      const inspection = mlp.inspect(x);
      const engine = Float32Array.from(inspection.logits.dataSync() as Float32Array);
      tf.dispose([inspection.logits, ...inspection.hidden]);
      mlp.dispose();
      const seen = (['post', 'pre'] as const).filter((form) => closeTo(rows[form].at(-1)!.logits, engine));
      engineForms.add(seen.join('+') || 'neither');
    }
    for (const form of ['post', 'pre'] as const) {
      const measured = rows[form];
      console.log(
        `${depth} | ${form} | ×${range(
          measured.map((m) => m.growth),
          1,
        )} | ${range(
          measured.map((m) => m.logitSd),
          1,
        )} | ${range(
          measured.map((m) => m.logitMax),
          1,
        )}`,
      );
    }
  }
  console.log(`seeds ${SEEDS.join(', ')}; the engine's inspect() computes: ${[...engineForms].join(', ')}`);
  x.dispose();
}

await main();
