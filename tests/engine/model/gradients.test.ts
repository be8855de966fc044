import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Activation, Loss, Normalization } from '../../../src/engine/limits.js';
import { createLabelTensors, meanLoss } from '../../../src/engine/model/loss.js';
import { createSession } from '../../../src/engine/model/session.js';
import { plainFitSpec } from '../fit-spec.js';
import { useWasmBackend } from '../wasm-backend.js';

beforeAll(async () => {
  await useWasmBackend();
});

/** Largest disagreement between the hand-written gradients and central finite differences. */
function worstGradientError(
  activation: Activation,
  normalization: Normalization,
  residual: boolean,
  loss: Loss,
) {
  const spec = plainFitSpec({
    points: 8,
    // Depth 3: two residual blocks, so the 1/sqrt(2) branch scale is part of what is checked.
    depth: 3,
    width: 3,
    activation,
    normalization,
    residual,
    loss,
    initScale: 1,
  });
  const session = createSession(spec);
  const lossValue = () => {
    const value = session.loss();
    const number = value.dataSync()[0]!;
    value.dispose();
    return number;
  };
  try {
    const { value, grads } = session.lossAndGrads();
    expect(value.dataSync()[0]).toBeCloseTo(lossValue(), 6);
    value.dispose();
    let worst = 0;
    const base = lossValue();
    const eps = 1e-3;
    for (const param of session.mlp.params) {
      const analytic = grads[param.name]!.dataSync();
      const values = Float32Array.from(param.dataSync());
      for (let i = 0; i < values.length; i++) {
        const shifted = (delta: number) => {
          const copy = values.slice();
          copy[i] = values[i]! + delta;
          tf.tidy(() => param.assign(tf.tensor(copy, param.shape)));
          return lossValue();
        };
        const [up, down] = [shifted(eps), shifted(-eps)];
        // Near a relu kink only a one-sided slope is a derivative: accept whichever matches best.
        const slopes = [
          (up - down) / (2 * eps),
          ...(activation === 'relu' ? [(up - base) / eps, (base - down) / eps] : []),
        ];
        const scale = 1e-3 + 0.05 * Math.abs(analytic[i]!);
        const error = Math.min(...slopes.map((slope) => Math.abs(slope - analytic[i]!))) / scale;
        worst = Math.max(worst, error);
      }
      tf.tidy(() => param.assign(tf.tensor(values, param.shape)));
    }
    tf.dispose(grads);
    return worst;
  } finally {
    session.dispose();
  }
}

describe('hand-written gradients', () => {
  const activations: Activation[] = ['sigmoid', 'tanh', 'relu', 'linear'];
  const normalizations: Normalization[] = ['none', 'batch', 'layer'];
  for (const activation of activations) {
    for (const normalization of normalizations) {
      it(`match finite differences: ${activation}, normalization ${normalization}, with and without residuals, both losses`, () => {
        for (const residual of [false, true]) {
          for (const loss of ['cross-entropy', 'mse'] as const) {
            // Scaled error: |numeric - analytic| within 1e-3 + 5% of the gradient.
            expect(worstGradientError(activation, normalization, residual, loss)).toBeLessThan(1);
          }
        }
      });
    }
  }
});

describe('losses', () => {
  it('compute cross-entropy stably from logits far into saturation, and squared error of the sigmoid', () => {
    const labels = createLabelTensors(new Float32Array([0, 1, 1, 0]));
    const logits = tf.tensor2d([100, -100, 0, 2], [4, 1]);
    const crossEntropy = meanLoss(logits, labels, 'cross-entropy').dataSync()[0]!;
    const softplus = (z: number) => Math.log1p(Math.exp(z));
    expect(crossEntropy).toBeCloseTo((100 + 100 + Math.LN2 + softplus(2)) / 4, 4);
    const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
    const squared = meanLoss(logits, labels, 'mse').dataSync()[0]!;
    expect(squared).toBeCloseTo((1 + 1 + 0.25 + sigmoid(2) ** 2) / 4, 5);
    tf.dispose([logits, labels.y, labels.negSign, labels.invCount]);
  });
});
