import * as tf from '@tensorflow/tfjs-core';
import { forwardLogits, type Inspection, inspectForward } from './forward.js';
import { createLayers, type DenseLayer, type MlpConfig, type ParamKind } from './layers.js';
import type { NormStats } from './ops.js';

/*
 * The MLP the experiments train: its variables (layers.ts) and its two forward passes
 * (forward.ts), one differentiable and one for measurements.
 */

export type { ParamKind } from './layers.js';

/** A multilayer perceptron held in tf.Variables. */
export interface Mlp {
  config: MlpConfig;
  /** Hidden layers, then the output layer. */
  layers: DenseLayer[];
  /** All variables in layer order: kernel, bias, [gain, shift] per layer. */
  params: tf.Variable[];
  paramKinds: ParamKind[];
  /** The initial value of each entry of params. */
  initialValues: Float32Array[];
  /** Logits for x, built from customGrad nodes (differentiable inside tf.variableGrads). */
  logits(x: tf.Tensor2D): tf.Tensor2D;
  /**
   * Logits and hidden activations from plain ops, no tape. With `batchStats`, batch norm uses
   * those statistics instead of the batch's own (to view new inputs as the training batch saw them).
   */
  inspect(x: tf.Tensor2D, batchStats?: NormStats[]): Inspection;
  dispose(): void;
}

/** Builds an MLP with its initial weights drawn from the config's seed. */
export function createMlp(config: MlpConfig): Mlp {
  const { layers, params, paramKinds, initialValues } = createLayers(config);
  return {
    config,
    layers,
    params,
    paramKinds,
    initialValues,
    logits: (x) => forwardLogits(layers, config, x),
    inspect: (x, batchStats) => inspectForward(layers, config, x, batchStats),
    dispose: () => tf.dispose(params),
  };
}
