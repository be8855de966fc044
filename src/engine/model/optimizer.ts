import * as tf from '@tensorflow/tfjs-core';
import { MOMENTUM, type Optimizer } from '../limits.js';

/** A tfjs-core optimizer for the spec's choice; the caller disposes it. */
export function createOptimizer(optimizer: Optimizer, learningRate: number): tf.Optimizer {
  switch (optimizer) {
    case 'sgd':
      return tf.train.sgd(learningRate);
    case 'momentum':
      return tf.train.momentum(learningRate, MOMENTUM);
    case 'adam':
      return tf.train.adam(learningRate);
  }
}

/**
 * Frees an optimizer's tensors. tfjs-core 4.22's MomentumOptimizer.dispose() forgets its parent's
 * learning-rate scalar (`c`), leaking one tensor per run; it is freed here too (a no-op if freed).
 */
export function disposeOptimizer(optimizer: tf.Optimizer): void {
  optimizer.dispose();
  const learningRateScalar = (optimizer as unknown as { c?: tf.Tensor }).c;
  if (learningRateScalar instanceof tf.Tensor) learningRateScalar.dispose();
}
