import * as tf from '@tensorflow/tfjs-core';
import type { Loss } from '../limits.js';

/** Labels of the training set, in the forms the losses need. */
export interface LabelTensors {
  /** Two classes: labels 0/1, shape [n, 1]. More: one-hot rows, shape [n, K]. */
  y: tf.Tensor2D;
  /** 1 - 2y (+1 for class 0, -1 for class 1), shape [n, 1]: cross-entropy is softplus(sign · logit). Two classes only. */
  negSign: tf.Tensor2D;
  /** 1/n, so gradients are of the mean loss. */
  invCount: tf.Scalar;
  /** Number of classes: 2 for one sigmoid logit, K > 2 for K softmax logits. */
  classes: number;
}

/** Creates the label tensors for labels given as class indices (0/1 for two classes). */
export function createLabelTensors(labels: Float32Array, classes = 2): LabelTensors {
  return tf.tidy(() => {
    const n = labels.length;
    if (classes > 2) {
      const oneHot = new Float32Array(n * classes);
      labels.forEach((label, i) => {
        oneHot[i * classes + label] = 1;
      });
      const y = tf.tensor2d(oneHot, [n, classes]);
      // Unused with K classes; a [n, 1] zero keeps the type one shape for both.
      return { y, negSign: tf.zeros([n, 1]) as tf.Tensor2D, invCount: tf.scalar(1 / n), classes };
    }
    const y = tf.tensor2d(labels, [n, 1]);
    const negSign: tf.Tensor2D = tf.sub(tf.scalar(1), tf.mul(tf.scalar(2), y));
    return { y, negSign, invCount: tf.scalar(1 / n), classes };
  });
}

/**
 * Softmax cross-entropy over K logits per point as one tape node: the mean over points of
 * logsumexp(z) - z_label (stable for any z, since logSumExp subtracts the row's maximum), with
 * gradient (softmax(z) - onehot) / n.
 */
function softmaxCrossEntropy(logits: tf.Tensor2D, labels: LabelTensors): tf.Scalar {
  return tf.customGrad((z, save) => {
    const logit = z as tf.Tensor2D;
    (save as tf.GradSaveFunc)([logit]);
    const picked = tf.sum(tf.mul(logit, labels.y), 1);
    return {
      value: tf.mean(tf.sub(tf.logSumExp(logit, 1), picked)),
      gradFunc: (dy: tf.Tensor, [saved]: tf.Tensor[]) => [
        tf.mul(tf.sub(tf.softmax(saved!), labels.y), tf.mul(dy, labels.invCount)),
      ],
    };
  })(logits) as tf.Scalar;
}

/**
 * Mean loss of the logits as one tape node. With more than two classes, softmax cross-entropy
 * (softmaxCrossEntropy); with two, on the single logit z:
 * cross-entropy: sigmoid + binary cross-entropy from the logits, -log σ(z) for class 1 and
 *   -log(1 - σ(z)) for class 0, i.e. softplus(±z): stable for any |z|, gradient σ(z) - y.
 * mse: (σ(z) - y)², the squared error of the sigmoid output; its gradient carries a σ'(z) factor
 *   that vanishes when the unit saturates, which is what gives a single neuron local minima
 *   (Auer, Herbster & Warmuth 1995).
 */
export function meanLoss(logits: tf.Tensor2D, labels: LabelTensors, loss: Loss): tf.Scalar {
  // validateSpec refuses mse for more than two classes: K logits always take softmax cross-entropy.
  if (labels.classes > 2) return softmaxCrossEntropy(logits, labels);
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
