import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
// Registers tfjs-core's gradient functions, which its Node bundle lacks and autodiff needs.
import '@tensorflow/tfjs-layers';
import { timeTrainingSteps } from '../src/engine/fit.js';
import { plainFitSpec } from '../src/engine/fit-defaults.js';
import { type Measurement, median, printTable } from './report.js';

/*
 * Would the map's cells train faster as one batched model? One row of the default map is five
 * tanh nets of the same shape (depth 8, width 32, 128 points) that differ only in their weights.
 * Batched, every layer is one 3-D matMul over the five ([5, n, in] × [5, in, out]); separately, each
 * net does its own 2-D matMuls. Both take full-batch SGD steps on the same data; the figure is
 * milliseconds per step of all five nets, on one thread, on each backend. Both use tfjs's automatic
 * gradients and give each net the gradient of its own mean loss, so both arms do the same training;
 * the engine's own training step (hand-written backward pass) for the same five cells is the
 * baseline batching has to beat to be worth building.
 */

const NETS = 5;
const DEPTH = 8;
const WIDTH = 32;
const POINTS = 128;
const STEPS = 40;
const LEARNING_RATE = 0.1;

/** Layer shapes [in, out] of one net: 2 inputs, DEPTH hidden layers, 1 output. */
const SHAPES: [number, number][] = Array.from({ length: DEPTH + 1 }, (_, l) => [
  l === 0 ? 2 : WIDTH,
  l === DEPTH ? 1 : WIDTH,
]);

/** Variables of `count` stacked nets (leading dimension `count`), or of one net when count is 0. */
function makeLayers(count: number): { w: tf.Variable; b: tf.Variable }[] {
  const lead = count > 0 ? [count] : [];
  // The initial values are freed by tidy; the variables made from them are kept.
  return tf.tidy(() =>
    SHAPES.map(([inputs, outputs]) => ({
      w: tf.variable(tf.randomNormal([...lead, inputs, outputs], 0, Math.sqrt(1 / inputs))),
      b: tf.variable(tf.zeros([...lead, 1, outputs])),
    })),
  );
}

/** How many nets a tensor of inputs feeds: its leading dimension when batched, else one. */
const netsIn = (x: tf.Tensor) => (x.rank === 3 ? x.shape[0] : 1);

function lossOf(layers: { w: tf.Variable; b: tf.Variable }[], x: tf.Tensor, y: tf.Tensor): tf.Scalar {
  let h = x;
  layers.forEach(({ w, b }, l) => {
    const z = tf.add(tf.matMul(h, w), b);
    h = l === layers.length - 1 ? z : tf.tanh(z);
  });
  // The mean runs over every net's points; times the number of nets, it is the sum of each net's
  // own mean loss, so each net's weights get exactly the gradient they would get alone.
  return tf.mul(tf.losses.sigmoidCrossEntropy(y, h), netsIn(x)) as tf.Scalar;
}

function sgdStep(layers: { w: tf.Variable; b: tf.Variable }[], x: tf.Tensor, y: tf.Tensor): void {
  tf.tidy(() => {
    const { grads } = tf.variableGrads(() => lossOf(layers, x, y));
    for (const variable of layers.flatMap(({ w, b }) => [w, b]))
      variable.assign(tf.sub(variable, tf.mul(grads[variable.name]!, LEARNING_RATE)));
  });
}

/** ms per step of all nets, trained one by one or as one batch. */
function msPerStep(batched: boolean): number {
  // Only x and y outlive tidy; the intermediates that make them are freed.
  const { x, y } = tf.tidy(() => {
    const x2 = tf.randomUniform([POINTS, 2], -1, 1);
    const y2 = tf.cast(tf.greater(tf.prod(x2, 1, true), 0), 'float32');
    if (!batched) return { x: x2, y: y2 };
    return { x: tf.tile(tf.expandDims(x2), [NETS, 1, 1]), y: tf.tile(tf.expandDims(y2), [NETS, 1, 1]) };
  });
  const nets = batched ? [makeLayers(NETS)] : Array.from({ length: NETS }, () => makeLayers(0));
  const step = () => {
    for (const net of nets) sgdStep(net, x, y);
  };
  for (let i = 0; i < 5; i++) step(); // warm-up: kernels compile, memory settles
  const started = performance.now();
  for (let i = 0; i < STEPS; i++) step();
  const ms = (performance.now() - started) / STEPS;
  tf.dispose([x, y, ...nets.flat().flatMap(({ w, b }) => [w, b])]);
  return ms;
}

/** Separate vs batched training of one map row, on wasm and on cpu. */
export async function benchBatchedCells(): Promise<void> {
  const rows: Measurement[] = [];
  for (const backend of ['wasm', 'cpu']) {
    await tf.setBackend(backend);
    const cell = plainFitSpec({ depth: DEPTH, width: WIDTH, points: POINTS, activation: 'tanh' });
    const engine = NETS * median([0, 1, 2].map(() => timeTrainingSteps(cell, STEPS)));
    const separate = median([0, 1, 2].map(() => msPerStep(false)));
    const batched = median([0, 1, 2].map(() => msPerStep(true)));
    rows.push(
      { name: `${backend}: engine, ${NETS} cells one by one`, value: engine, unit: 'ms' },
      {
        name: `${backend}: autodiff, ${NETS} separate nets`,
        value: separate,
        unit: 'ms',
        note: `ratio ${(separate / engine).toFixed(2)}x`,
      },
      {
        name: `${backend}: autodiff, one batched model`,
        value: batched,
        unit: 'ms',
        note: `ratio ${(batched / engine).toFixed(2)}x to the engine, ${(batched / separate).toFixed(2)}x to separate nets`,
      },
    );
  }
  printTable(`ms per SGD step of ${NETS} tanh nets (depth ${DEPTH}, width ${WIDTH}, ${POINTS} points)`, rows);
}
