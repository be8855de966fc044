import * as tf from '@tensorflow/tfjs-core';
import { fitData, type TrainingData } from '../datasets.js';
import type { FitSpec } from '../result.js';
import { mlpConfigOf } from './layers.js';
import { createLabelTensors, type LabelTensors, meanLoss } from './loss.js';
import { createMlp, type Mlp } from './mlp.js';
import { createOptimizer, disposeOptimizer as freeOptimizer } from './optimizer.js';

/** Everything one training run holds in tensors: the data, the network and the optimizer state. */
export interface TrainingSession {
  data: TrainingData;
  /** Training inputs, [n, inputs]. */
  x: tf.Tensor2D;
  labels: LabelTensors;
  mlp: Mlp;
  optimizer: tf.Optimizer;
  /** Mean loss and its gradient for every parameter (keyed by variable name); caller disposes both. */
  lossAndGrads(): { value: tf.Scalar; grads: tf.NamedTensorMap };
  /** Mean loss at the current parameters, no tape; caller disposes. */
  loss(): tf.Scalar;
  /** Applies one optimizer update with the given gradients (does not dispose them). */
  update(grads: tf.NamedTensorMap): void;
  /** Frees the optimizer's state only (moments of Adam, velocities of momentum). */
  disposeOptimizer(): void;
  /** Frees everything: data tensors, variables, optimizer state. */
  dispose(): void;
}

/** Creates the data, the network and the optimizer of one run. */
export function createSession(spec: FitSpec): TrainingSession {
  const data = fitData(spec);
  const x = tf.tensor2d(data.x, [data.n, data.inputs]);
  const labels = createLabelTensors(data.y, data.classes);
  const mlp = createMlp(mlpConfigOf(spec));
  const optimizer = createOptimizer(spec.optimizer, spec.learningRate);
  const lossFunction = () => meanLoss(mlp.logits(x), labels, spec.loss);
  let optimizerDisposed = false;
  const disposeOptimizer = () => {
    if (optimizerDisposed) return;
    optimizerDisposed = true;
    freeOptimizer(optimizer);
  };
  return {
    data,
    x,
    labels,
    mlp,
    optimizer,
    lossAndGrads: () => tf.variableGrads(lossFunction, mlp.params),
    loss: () => tf.tidy(lossFunction),
    update: (grads) => optimizer.applyGradients(grads),
    disposeOptimizer,
    dispose: () => {
      disposeOptimizer();
      mlp.dispose();
      tf.dispose([x, labels.y, labels.negSign, labels.invCount]);
    },
  };
}
