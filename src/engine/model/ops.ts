import * as tf from '@tensorflow/tfjs-core';
import type { Activation } from '../limits.js';

/*
 * The network's building blocks, each one tape node with a hand-written gradient (tf.customGrad).
 * Two reasons: tfjs-core's Node bundle registers no gradient functions at all (tf.grad over a
 * built-in op fails with "gradient function not found"), and on the wasm backend one fused node
 * with explicit transposes and plain matMuls trains 2-3x faster than the generic ops
 * (measured; see docs/architecture.md, "Measured on the development machine").
 * Ops inside a customGrad are not recorded on the tape, so the backward pass runs exactly the
 * ops written here.
 */

/** Saved tensors of a customGrad forward pass, in the order they were saved. */
type Saved = tf.Tensor[];

/** Added to the variance before its square root (the typed-array path uses the same). */
export const NORM_EPSILON = 1e-5;

/** Applies an activation function. */
export function activate(z: tf.Tensor2D, activation: Activation): tf.Tensor2D {
  switch (activation) {
    case 'sigmoid':
      return tf.sigmoid(z);
    case 'tanh':
      return tf.tanh(z);
    case 'relu':
      return tf.relu(z);
    case 'linear':
      return z;
  }
}

/** dLoss/dz from dLoss/da, written in terms of the activation's output a = f(z). */
function activationGrad(dy: tf.Tensor, a: tf.Tensor, activation: Activation): tf.Tensor2D {
  switch (activation) {
    // Written without constants (a - a² rather than a(1 - a)) so no scalar is created per step.
    case 'sigmoid':
      return tf.mul(dy, tf.sub(a, tf.square(a)));
    case 'tanh':
      return tf.sub(dy, tf.mul(dy, tf.square(a)));
    case 'relu':
      return tf.mul(dy, tf.step(a));
    case 'linear':
      return dy as tf.Tensor2D;
  }
}

/** How one dense layer combines its parts. */
export interface DenseOptions {
  /** Applied to x·W + b inside the same node ('linear' when a normalization follows). */
  activation: Activation;
  /** False for the first layer: the data need no gradient, which saves a matMul per step. */
  inputGrad: boolean;
}

/** s·branch, skipping the multiply when s is 1. */
function scaled(branch: tf.Tensor, scale: number): tf.Tensor {
  return scale === 1 ? branch : tf.mul(branch, scale);
}

/** One dense layer as a single tape node: f(x·W + b). */
export function dense(
  x: tf.Tensor2D,
  kernel: tf.Tensor,
  bias: tf.Tensor,
  options: DenseOptions,
): tf.Tensor2D {
  const { activation, inputGrad } = options;
  const forward = (w: tf.Tensor2D, b: tf.Tensor1D, save: tf.GradSaveFunc) => {
    const a = activate(tf.add(tf.matMul(x, w), b), activation);
    // The forward pass's intermediates are freed before backprop: whatever gradFunc reads is saved.
    save([x, w, a]);
    return {
      value: a,
      gradFunc: (dy: tf.Tensor, [savedX, savedW, savedA]: Saved) => {
        const dz = activationGrad(dy, savedA!, activation);
        const dw = tf.matMul(tf.transpose(savedX as tf.Tensor2D), dz);
        const db = tf.sum(dz, 0);
        if (!inputGrad) return [dw, db];
        return [tf.matMul(dz, tf.transpose(savedW as tf.Tensor2D)), dw, db];
      },
    };
  };
  if (!inputGrad) {
    return tf.customGrad((w, b, save) =>
      forward(w as tf.Tensor2D, b as tf.Tensor1D, save as tf.GradSaveFunc),
    )(kernel, bias) as tf.Tensor2D;
  }
  // Passed as an input as well, x becomes a tape input: the layer below receives dx.
  return tf.customGrad((_x, w, b, save) =>
    forward(w as tf.Tensor2D, b as tf.Tensor1D, save as tf.GradSaveFunc),
  )(x, kernel, bias) as tf.Tensor2D;
}

/** How one residual block combines its parts. */
export interface ResidualOptions {
  /** Applied to the block's input before its weights (pre-activation). */
  activation: Activation;
  /** Multiplies the branch f(u)·W + b before the sum (see residualBranchScale in layers.ts). */
  branchScale: number;
  /**
   * What the activation reads when it is not h itself: norm(h), from its own normalize node, so
   * that normalization comes before the activation as in pre-activation ResNets.
   */
  branchInput?: tf.Tensor2D;
}

/**
 * One pre-activation residual block as a single tape node: h + s·(f(u)·W + b), u = h or norm(h).
 * The branch ends in weights, not in an activation, so over random weights it has mean zero; a
 * relu branch after the weights is never negative and would only ever add to h (see
 * residualBranchScale in layers.ts for what that did to a deep net).
 */
export function residualDense(
  h: tf.Tensor2D,
  kernel: tf.Tensor,
  bias: tf.Tensor,
  options: ResidualOptions,
): tf.Tensor2D {
  const { activation, branchScale: scale, branchInput } = options;
  const forward = (u: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, save: tf.GradSaveFunc) => {
    const a = activate(u, activation);
    save([a, w]);
    return {
      value: tf.add(h, scaled(tf.add(tf.matMul(a, w), b), scale)),
      gradFunc: (dy: tf.Tensor, [savedA, savedW]: Saved) => {
        const dBranch = scaled(dy, scale);
        const dw = tf.matMul(tf.transpose(savedA as tf.Tensor2D), dBranch);
        const db = tf.sum(dBranch, 0);
        const du = activationGrad(
          tf.matMul(dBranch, tf.transpose(savedW as tf.Tensor2D)),
          savedA!,
          activation,
        );
        // With a separate branch input, h receives only the skip's gradient; the normalize node
        // below passes du on to h as well, and the tape adds the two.
        return branchInput ? [dy, du, dw, db] : [tf.add(dy, du), dw, db];
      },
    };
  };
  if (!branchInput) {
    return tf.customGrad((u, w, b, save) =>
      forward(u as tf.Tensor2D, w as tf.Tensor2D, b as tf.Tensor1D, save as tf.GradSaveFunc),
    )(h, kernel, bias) as tf.Tensor2D;
  }
  return tf.customGrad((_h, u, w, b, save) =>
    forward(u as tf.Tensor2D, w as tf.Tensor2D, b as tf.Tensor1D, save as tf.GradSaveFunc),
  )(h, branchInput, kernel, bias) as tf.Tensor2D;
}

/** Per-unit statistics a batch-normalized layer used, kept to normalize other inputs the same way. */
export interface NormStats {
  mean: tf.Tensor;
  variance: tf.Tensor;
}

/**
 * Normalizes z over `axis` (0: across the batch, per unit = batch norm; 1: across the units, per
 * example = layer norm), then scales and shifts per unit. One tape node.
 */
export function normalize(z: tf.Tensor2D, gain: tf.Tensor, shift: tf.Tensor, axis: 0 | 1): tf.Tensor2D {
  return tf.customGrad((input, g, s, save) => {
    const mean = tf.mean(input as tf.Tensor2D, axis, true);
    const centred = tf.sub(input as tf.Tensor2D, mean);
    const variance = tf.mean(tf.square(centred), axis, true);
    const invStd = tf.rsqrt(tf.add(variance, NORM_EPSILON));
    const normalized = tf.mul(centred, invStd);
    (save as tf.GradSaveFunc)([normalized, invStd, g as tf.Tensor]);
    return {
      value: tf.add(tf.mul(normalized, g as tf.Tensor), s as tf.Tensor),
      gradFunc: (dy: tf.Tensor, [xHat, inv, savedGain]: Saved) => {
        // Standard normalization backward pass: the mean and variance depend on every input along axis.
        const dxHat = tf.mul(dy, savedGain!);
        const dGain = tf.sum(tf.mul(dy, xHat!), 0);
        const dShift = tf.sum(dy, 0);
        const meanDxHat = tf.mean(dxHat, axis, true);
        const meanDxHatXHat = tf.mean(tf.mul(dxHat, xHat!), axis, true);
        const dz = tf.mul(inv!, tf.sub(tf.sub(dxHat, meanDxHat), tf.mul(xHat!, meanDxHatXHat)));
        return [dz, dGain, dShift];
      },
    };
  })(z, gain, shift) as tf.Tensor2D;
}

/** Normalizes with given statistics (no gradient): the decision grid seen through the training batch's eyes. */
export function normalizeWith(
  z: tf.Tensor2D,
  stats: NormStats,
  gain: tf.Tensor,
  shift: tf.Tensor,
): tf.Tensor2D {
  const normalized = tf.mul(tf.sub(z, stats.mean), tf.rsqrt(tf.add(stats.variance, NORM_EPSILON)));
  return tf.add(tf.mul(normalized, gain), shift);
}

/** f(z) as one tape node (used after a normalization). */
export function activateNode(z: tf.Tensor2D, activation: Activation): tf.Tensor2D {
  // An identity node would return its own input tensor, which confuses the tape: skip it.
  if (activation === 'linear') return z;
  return tf.customGrad((input, save) => {
    const a = activate(input as tf.Tensor2D, activation);
    (save as tf.GradSaveFunc)([a]);
    return {
      value: a,
      gradFunc: (dy: tf.Tensor, [savedA]: Saved) => [activationGrad(dy, savedA!, activation)],
    };
  })(z) as tf.Tensor2D;
}
