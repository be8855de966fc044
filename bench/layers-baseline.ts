import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { makeDataset } from '../src/engine/datasets.js';

/**
 * The naive baseline: the same MLP built with tf.layers and trained with model.fit, one epoch of
 * one full batch per step. Returns milliseconds per step on whatever backend is active.
 */
export async function layersMsPerStep(
  depth: number,
  width: number,
  points: number,
  steps: number,
): Promise<number> {
  const data = makeDataset('moons', points, 0.1, 1);
  const model = tfl.sequential();
  for (let i = 0; i < depth; i++) {
    model.add(
      tfl.layers.dense({ units: width, activation: 'sigmoid', ...(i === 0 ? { inputShape: [2] } : {}) }),
    );
  }
  model.add(
    tfl.layers.dense({ units: 1, activation: 'sigmoid', ...(depth === 0 ? { inputShape: [2] } : {}) }),
  );
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'binaryCrossentropy' });
  const x = tf.tensor2d(data.x, [points, 2]);
  const y = tf.tensor2d(data.y, [points, 1]);
  const trainEpochs = (epochs: number) =>
    model.fit(x, y, { batchSize: points, epochs, verbose: 0, shuffle: false });
  await trainEpochs(5); // warm-up: kernels compiled, memory allocated
  const start = performance.now();
  await trainEpochs(steps);
  const ms = (performance.now() - start) / steps;
  model.dispose();
  x.dispose();
  y.dispose();
  return ms;
}
