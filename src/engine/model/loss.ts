import * as tf from '@tensorflow/tfjs-core';
import type { Loss } from '../limits.js';

/** Labels of the training set, in the two forms the losses need. */
export interface LabelTensors {
  /** Labels 0/1, shape [n, 1]. */
  y: tf.Tensor2D;
  /** 1 - 2y (+1 for class 0, -1 for class 1), shape [n, 1]: cross-entropy is softplus(sign · logit). */
  negSign: tf.Tensor2D;
  /** 1/n, so gradients are of the mean loss. */
  invCount: tf.Scalar;
}

/** Creates the label tensors for labels given as 0/1. */
export function createLabelTensors(labels: Float32Array): LabelTensors {
  return tf.tidy(() => {
    const n = labels.length;
    const y = tf.tensor2d(labels, [n, 1]);
    const negSign: tf.Tensor2D = tf.sub(tf.scalar(1), tf.mul(tf.scalar(2), y));
    return { y, negSign, invCount: tf.scalar(1 / n) };
  });
}

/**
 * Mean loss of the logits as one tape node.
 * cross-entropy: sigmoid + binary cross-entropy from the logits, -log σ(z) for class 1 and
 *   -log(1 - σ(z)) for class 0, i.e. softplus(±z): stable for any |z|, gradient σ(z) - y.
 * mse: (σ(z) - y)², the squared error of the sigmoid output; its gradient carries a σ'(z) factor
 *   that vanishes when the unit saturates, which is what gives a single neuron local minima
 *   (Auer, Herbster & Warmuth 1995).
 */
export function meanLoss(logits: tf.Tensor2D, labels: LabelTensors, loss: Loss): tf.Scalar {
  return tf.customGrad((z, save) => {
    const logit = z as tf.Tensor2D;
    if (loss === 'cross-entropy') {
      (save as tf.GradSaveFunc)([logit]);
      return {
        value: tf.mean(tf.softplus(tf.mul(labels.negSign, logit))),
        gradFunc: (dy: tf.Tensor, [saved]: tf.Tensor[]) => [
          tf.mul(tf.sub(tf.sigmoid(saved!), labels.y), tf.mul(dy, labels.invCount)),
        ],
      };
    }
    const p = tf.sigmoid(logit);
    (save as tf.GradSaveFunc)([p]);
    return {
      value: tf.mean(tf.square(tf.sub(p, labels.y))),
      gradFunc: (dy: tf.Tensor, [savedP]: tf.Tensor[]) => {
        const prob = savedP!;
        const slope = tf.sub(prob, tf.square(prob));
        const half = tf.mul(tf.mul(tf.sub(prob, labels.y), slope), tf.mul(dy, labels.invCount));
        return [tf.add(half, half)];
      },
    };
  })(logits) as tf.Scalar;
}
