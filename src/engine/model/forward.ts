import * as tf from '@tensorflow/tfjs-core';
import type { DenseLayer, MlpConfig } from './layers.js';
import {
  activate,
  activateNode,
  dense,
  type NormStats,
  normalize,
  normalizeWith,
  residualDense,
} from './ops.js';

/** A forward pass without a gradient tape, with the hidden activations for measurements. */
export interface Inspection {
  logits: tf.Tensor2D;
  /**
   * Each hidden layer's activation f(·), [n, width]: of x·W + b in a plain layer, of the block's
   * input h (or norm(h)) in a residual block, where it feeds the block's weights.
   */
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
    if (layer.residual) {
      const branchInput =
        layer.gain && layer.shift ? normalize(h, layer.gain, layer.shift, normAxis) : undefined;
      h = residualDense(h, layer.kernel, layer.bias, {
        activation,
        branchScale: layer.branchScale,
        ...(branchInput ? { branchInput } : {}),
      });
      return;
    }
    const inputGrad = i > 0;
    const isOutput = i === depth;
    if (isOutput || !layer.gain || !layer.shift) {
      h = dense(h, layer.kernel, layer.bias, { activation: isOutput ? 'linear' : activation, inputGrad });
      return;
    }
    const z = dense(h, layer.kernel, layer.bias, { activation: 'linear', inputGrad });
    h = activateNode(normalize(z, layer.gain, layer.shift, normAxis), activation);
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
    // A plain layer normalizes and activates x·W + b; a residual block does so to its input h.
    let z: tf.Tensor2D = layer.residual ? h : tf.add(tf.matMul(h, layer.kernel as tf.Tensor2D), layer.bias);
    if (layer.gain && layer.shift) {
      const { mean, variance } = tf.moments(z, normAxis, true);
      const own = { mean, variance };
      if (normalization === 'batch') stats.push(own);
      z = normalizeWith(z, (normalization === 'batch' && batchStats?.[i]) || own, layer.gain, layer.shift);
    }
    const a = activate(z, activation);
    hidden.push(a);
    h = layer.residual
      ? tf.add(h, tf.mul(tf.add(tf.matMul(a, layer.kernel as tf.Tensor2D), layer.bias), layer.branchScale))
      : a;
  }
  const output = layers[depth]!;
  return { logits: tf.add(tf.matMul(h, output.kernel as tf.Tensor2D), output.bias), hidden, stats };
}
