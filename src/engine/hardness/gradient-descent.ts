import * as tf from '@tensorflow/tfjs-core';
import { createOptimizer, disposeOptimizer } from '../model/optimizer.js';
import { createRandom } from '../random.js';
import type { AbortFlag, UnitProgress } from '../units.js';
import { abortError } from '../worker/errors.js';
import type { GradientDescentOutcome, HardnessInstance } from './types.js';

/** Settings of the gradient-descent comparison. */
export interface DescentOptions {
  restarts: number;
  steps: number;
  learningRate: number;
  seed: number;
  signal?: AbortFlag | undefined;
  onProgress?: ((progress: UnitProgress) => void) | undefined;
}

// Accuracy is read back from the backend this often: a sync per step would dominate the run.
const CHECK_EVERY = 25;

/*
 * The three-node network with sigmoid units (two hidden, one output), trained with Adam on the
 * mean cross-entropy. All restarts train side by side as columns of one set of tensors: hidden
 * unit pair r is columns 2r and 2r+1, output r is column r. Their losses are independent sums, so
 * each restart follows exactly its own gradient, while the per-op overhead (which dominates such
 * tiny networks) is paid once per step instead of once per restart. tfjs-core registers no
 * gradients in Node, so the backward pass is written out by hand.
 */

// Variable names are global in tfjs; a fresh suffix per run keeps them unique.
let runCounter = 0;

function initialWeights(options: DescentOptions, d: number) {
  const id = `hardness-${++runCounter}`;
  const rng = createRandom(options.seed, 11);
  const r = options.restarts;
  // A variable keeps its own reference to its initial value; the tensor made here is freed at once.
  const variable = (name: string, rows: number, cols: number, scale: number) => {
    const initial = tf.tensor2d(
      Float32Array.from({ length: rows * cols }, () => scale * rng.normal()),
      [rows, cols],
    );
    const v = tf.variable(initial, true, `${id}-${name}`);
    initial.dispose();
    return v;
  };
  return {
    w: variable('w', d, 2 * r, 1 / Math.sqrt(d)),
    b: variable('b', 1, 2 * r, 0.5),
    v: variable('v', 1, 2 * r, 1),
    c: variable('c', 1, r, 0.5),
  };
}

type Params = ReturnType<typeof initialWeights>;

/** Output probabilities [n, restarts] and the hidden activations [n, 2 restarts]. */
function forward(x: tf.Tensor2D, p: Params, restarts: number) {
  const n = x.shape[0];
  const hidden = tf.sigmoid(tf.add(tf.matMul(x, p.w), p.b)) as tf.Tensor2D;
  const logits = tf.add(tf.sum(tf.reshape(tf.mul(hidden, p.v), [n, restarts, 2]), 2), p.c);
  return { hidden, output: tf.sigmoid(logits) as tf.Tensor2D };
}

/** Gradients of the summed per-restart mean cross-entropies. */
function gradients(x: tf.Tensor2D, xt: tf.Tensor2D, y: tf.Tensor2D, p: Params, restarts: number) {
  const n = x.shape[0];
  const { hidden, output } = forward(x, p, restarts);
  const dLogits = tf.div(tf.sub(output, y), n);
  const dPair = tf.reshape(tf.tile(tf.reshape(dLogits, [n, restarts, 1]), [1, 1, 2]), [n, 2 * restarts]);
  const dHidden = tf.mul(tf.mul(dPair, p.v), tf.sub(hidden, tf.square(hidden)));
  return {
    w: tf.matMul(xt, dHidden),
    b: tf.sum(dHidden, 0, true),
    v: tf.sum(tf.mul(hidden, dPair), 0, true),
    c: tf.sum(dLogits, 0, true),
  };
}

/** Training accuracy of each restart. */
function accuracies(x: tf.Tensor2D, y: tf.Tensor2D, p: Params, restarts: number): Float32Array {
  const perRestart = tf.tidy(() => {
    const { output } = forward(x, p, restarts);
    return tf.mean(tf.cast(tf.equal(tf.greater(output, 0.5), tf.greater(y, 0.5)), 'float32'), 0);
  });
  const values = perRestart.dataSync() as Float32Array;
  perRestart.dispose();
  return values;
}

/**
 * Trains the sigmoid three-node network from `restarts` random starts and counts the restarts
 * that classify every training point correctly at some checkpoint. Stops early once all have.
 */
export function descendThreeNode(
  instance: HardnessInstance,
  options: DescentOptions,
): GradientDescentOutcome {
  const started = performance.now();
  const { restarts, steps } = options;
  const x = tf.tensor2d(instance.x.flat(), [instance.n, instance.d]);
  const xt = tf.transpose(x) as tf.Tensor2D;
  const y = tf.tidy(() => tf.tile(tf.tensor2d(instance.y, [instance.n, 1]), [1, restarts])) as tf.Tensor2D;
  const params = initialWeights(options, instance.d);
  const optimizer = createOptimizer('adam', options.learningRate);
  const reached = new Array<boolean>(restarts).fill(false);
  let best = 0;
  let step = 0;
  try {
    while (step < steps && !reached.every(Boolean)) {
      if (options.signal?.aborted) throw abortError();
      for (let k = 0; k < CHECK_EVERY && step < steps; k++, step++) {
        tf.tidy(() => {
          const g = gradients(x, xt, y, params, restarts);
          optimizer.applyGradients({
            [params.w.name]: g.w,
            [params.b.name]: g.b,
            [params.v.name]: g.v,
            [params.c.name]: g.c,
          });
        });
      }
      accuracies(x, y, params, restarts).forEach((accuracy, r) => {
        best = Math.max(best, accuracy);
        if (accuracy === 1) reached[r] = true;
      });
      options.onProgress?.({ step, steps });
    }
  } finally {
    disposeOptimizer(optimizer);
    tf.dispose([x, xt, y, params.w, params.b, params.v, params.c]);
  }
  const successes = reached.filter(Boolean).length;
  return { restarts, successes, steps: step, bestAccuracy: best, durationMs: performance.now() - started };
}
