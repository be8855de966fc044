import * as tf from '@tensorflow/tfjs-core';
import type { DenseLayer, MlpConfig } from './layers.js';
import {
  activate,
  activateNode,
  type DenseOptions,
  dense,
  type NormStats,
  normalize,
  normalizeWith,
} from './ops.js';

/** A forward pass without a gradient tape, with the hidden activations for measurements. */
export interface Inspection {
  logits: tf.Tensor2D;
  /** Each hidden layer's activation f(·) (before a residual sum), [n, width]. */
  hidden: tf.Tensor2D[];
  /** Batch-norm statistics per hidden layer (empty unless normalization is 'batch'). */
  stats: NormStats[];
}

type ForwardConfig = Pick<MlpConfig, 'depth' | 'activation' | 'normalization'>;

/** The axis normalization averages over: units (layer norm) or points (batch norm). */
function normAxisOf(normalization: MlpConfig['normalization']): 0 | 1 {
  return normalization === 'layer' ? 1 : 0;
}

/** Logits for x, built from customGrad nodes (differentiable inside tf.variableGrads). */
export function forwardLogits(layers: DenseLayer[], config: ForwardConfig, x: tf.Tensor2D): tf.Tensor2D {
  const { depth, activation } = config;
  const normAxis = normAxisOf(config.normalization);
  let h = x;
  layers.forEach((layer, i) => {
    const inputGrad = i > 0;
    const isOutput = i === depth;
    if (isOutput || !layer.gain || !layer.shift) {
      const options: DenseOptions = {
        activation: isOutput ? 'linear' : activation,
        residual: layer.residual,
        branchScale: layer.branchScale,
        inputGrad,
      };
      h = dense(h, layer.kernel, layer.bias, options);
      return;
    }
    const z = dense(h, layer.kernel, layer.bias, { activation: 'linear', residual: false, inputGrad });
    const normalized = normalize(z, layer.gain, layer.shift, normAxis);
    h = activateNode(normalized, activation, layer.residual ? h : undefined, layer.branchScale);
  });
  return h;
}

/**
 * Logits and hidden activations from plain ops, no tape. With `batchStats`, batch norm uses
 * those statistics instead of the batch's own (to view new inputs as the training batch saw them).
 */
export function inspectForward(
  layers: DenseLayer[],
  config: ForwardConfig,
  x: tf.Tensor2D,
  batchStats?: NormStats[],
): Inspection {
  const { depth, activation, normalization } = config;
  const normAxis = normAxisOf(normalization);
  const hidden: tf.Tensor2D[] = [];
  const stats: NormStats[] = [];
  let h = x;
  for (let i = 0; i < depth; i++) {
    const layer = layers[i]!;
    let z: tf.Tensor2D = tf.add(tf.matMul(h, layer.kernel as tf.Tensor2D), layer.bias);
    if (layer.gain && layer.shift) {
      const { mean, variance } = tf.moments(z, normAxis, true);
      const own = { mean, variance };
      if (normalization === 'batch') stats.push(own);
      z = normalizeWith(z, (normalization === 'batch' && batchStats?.[i]) || own, layer.gain, layer.shift);
    }
    const a = activate(z, activation);
    hidden.push(a);
    h = layer.residual ? tf.add(h, tf.mul(a, layer.branchScale)) : a;
  }
  const output = layers[depth]!;
  return { logits: tf.add(tf.matMul(h, output.kernel as tf.Tensor2D), output.bias), hidden, stats };
}
