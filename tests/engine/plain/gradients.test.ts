import * as tf from '@tensorflow/tfjs-core';
// Registers tfjs-core's gradient functions, which its Node bundle lacks and autodiff needs.
import '@tensorflow/tfjs-layers';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeDataset, type TrainingData } from '../../../src/engine/datasets.js';
import { CHOICES, type Init, type Loss, type Normalization } from '../../../src/engine/limits.js';
import { initialLayerValues, type MlpConfig, mlpConfigOf } from '../../../src/engine/model/layers.js';
import { NORM_EPSILON } from '../../../src/engine/model/ops.js';
import { createSession } from '../../../src/engine/model/session.js';
import {
  backward,
  createGrads,
  createPass,
  createPlainNet,
  forward,
  lossAndLogitGrad,
} from '../../../src/engine/plain/net.js';
import { createRandom } from '../../../src/engine/random.js';
import type { Table } from '../../../src/engine/tables/table.js';
import { plainFitSpec } from '../fit-spec.js';
import { useWasmBackend } from '../wasm-backend.js';

beforeAll(async () => {
  await useWasmBackend();
});

/*
 * The typed-array path's hand-written backward pass against TensorFlow.js's automatic
 * differentiation of the same network written with generic tf ops (matMul, add, the activations,
 * moments-style normalization, softplus, log-softmax), on the same initial weights and data: the
 * moons (2 inputs, 2 classes) and tables of 1-16 inputs and 2-8 classes.
 */

interface Case {
  config: MlpConfig;
  loss: Loss;
  points: number;
  dataSeed: number;
}

/** Classes of a case: K > 2 when the net has K logits, else 2. */
function classesOf(config: MlpConfig): number {
  return (config.outputs ?? 1) > 1 ? config.outputs! : 2;
}

/**
 * The case's data: the moons for the shapes' net (2 inputs, 1 logit), otherwise a random table of
 * `config.inputs` standard-normal features whose class depends on them (so training has signal).
 */
function caseData({ config, points, dataSeed }: Case): TrainingData {
  const inputs = config.inputs ?? 2;
  const classes = classesOf(config);
  if (inputs === 2 && classes === 2) return makeDataset('moons', points, 0.2, dataSeed);
  const rng = createRandom(dataSeed, 9);
  const x = new Float32Array(points * inputs);
  const y = new Float32Array(points);
  for (let p = 0; p < points; p++) {
    let sum = 0;
    for (let j = 0; j < inputs; j++) {
      const v = rng.normal();
      x[p * inputs + j] = v;
      sum += (j + 1) * v;
    }
    y[p] = Math.min(classes - 1, Math.floor(classes * rng.next() * 0.5 + (sum > 0 ? classes / 2 : 0)));
  }
  return { x, y, n: points, inputs, classes };
}

/** The net of `config` in generic tf ops, differentiated by tf.variableGrads. */
function autodiffGradients(testCase: Case): {
  loss: number;
  grads: Float32Array[];
} {
  const { config, loss, points } = testCase;
  const data = caseData(testCase);
  const classes = classesOf(config);
  return tf.tidy(() => {
    const layers = initialLayerValues(config).map((values) => ({
      values,
      kernel: tf.variable(tf.tensor2d(values.kernel, [values.inputs, values.outputs])),
      bias: tf.variable(tf.tensor1d(values.bias)),
      gain: values.gain ? tf.variable(tf.tensor1d(values.gain)) : undefined,
      shift: values.shift ? tf.variable(tf.tensor1d(values.shift)) : undefined,
    }));
    const variables = layers.flatMap((l) => [
      l.kernel,
      l.bias,
      ...(l.gain && l.shift ? [l.gain, l.shift] : []),
    ]);
    const x = tf.tensor2d(data.x, [points, data.inputs]);
    const y = tf.tensor2d(data.y, [points, 1]);
    const oneHot = tf.oneHot(tf.tensor1d(data.y, 'int32'), classes);
    const f = (z: tf.Tensor2D): tf.Tensor2D =>
      config.activation === 'sigmoid'
        ? tf.sigmoid(z)
        : config.activation === 'tanh'
          ? tf.tanh(z)
          : config.activation === 'relu'
            ? tf.relu(z)
            : z;
    const axis = config.normalization === 'layer' ? 1 : 0;
    const norm = (z: tf.Tensor2D, gain: tf.Tensor, shift: tf.Tensor): tf.Tensor2D => {
      const centred = tf.sub(z, tf.mean(z, axis, true));
      const variance = tf.mean(tf.square(centred), axis, true);
      return tf.add(tf.mul(tf.mul(centred, tf.rsqrt(tf.add(variance, NORM_EPSILON))), gain), shift);
    };
    const lossOf = (): tf.Scalar => {
      let h: tf.Tensor2D = x;
      for (const layer of layers.slice(0, -1)) {
        const { residual, branchScale } = layer.values;
        if (residual) {
          const u = layer.gain && layer.shift ? norm(h, layer.gain, layer.shift) : h;
          h = tf.add(h, tf.mul(tf.add(tf.matMul(f(u), layer.kernel), layer.bias), branchScale));
        } else {
          const z: tf.Tensor2D = tf.add(tf.matMul(h, layer.kernel), layer.bias);
          h = f(layer.gain && layer.shift ? norm(z, layer.gain, layer.shift) : z);
        }
      }
      const output = layers[layers.length - 1]!;
      const logits = tf.add(tf.matMul(h, output.kernel), output.bias);
      // K classes: the mean of -log softmax(z)_label, written out as z - logsumexp(z).
      if (classes > 2)
        return tf.neg(
          tf.mean(tf.sum(tf.mul(oneHot, tf.sub(logits, tf.logSumExp(logits, 1, true))), 1)) as tf.Scalar,
        );
      if (loss === 'cross-entropy') return tf.mean(tf.softplus(tf.mul(tf.sub(1, tf.mul(2, y)), logits)));
      return tf.mean(tf.square(tf.sub(tf.sigmoid(logits), y)));
    };
    const { value, grads } = tf.variableGrads(lossOf, variables);
    const result = {
      loss: value.dataSync()[0]!,
      grads: variables.map((v) => grads[v.name]!.dataSync() as Float32Array),
    };
    tf.dispose(variables);
    return result;
  });
}

function handWrittenGradients(testCase: Case): {
  loss: number;
  grads: Float64Array[];
} {
  const { config, loss, points } = testCase;
  const data = caseData(testCase);
  const outputs = config.outputs ?? 1;
  const net = createPlainNet(config);
  const pass = createPass(net, points);
  const grads = createGrads(net, points);
  const dLogits = new Float64Array(points * outputs);
  const logits = forward(net, pass, Float64Array.from(data.x));
  const value = lossAndLogitGrad(logits, Float64Array.from(data.y), loss, dLogits, outputs);
  backward(net, pass, dLogits, grads);
  return { loss: value, grads: grads.params };
}

/**
 * Relative errors of the hand-written gradients: over the whole net (the largest entry-wise
 * difference over the largest entry of TensorFlow.js's gradient), and per layer (the same over the
 * layer's kernel, bias, gain and shift). TensorFlow.js computes in float32, and a float32 sum's
 * error is relative to its terms, not to its result: a layer whose gradient is a near-cancelling
 * sum (vanishing gradients below tiny initial weights, layer norm over two units) comes out of the
 * reference with errors near 1e-4 of itself. So the net-wide error is held to 1e-5, and each layer
 * to 1e-3, which still catches any mistake confined to one layer (a flipped sign gives 2).
 */
function relativeErrors(
  config: MlpConfig,
  reference: Float32Array[],
  ours: Float64Array[],
): { net: number; layer: number } {
  expect(ours.length).toBe(reference.length);
  let netDiff = 0;
  let netScale = 0;
  let layerWorst = 0;
  let index = 0;
  for (let layer = 0; layer <= config.depth; layer++) {
    const count = layer < config.depth && config.normalization !== 'none' ? 4 : 2;
    let diff = 0;
    let scale = 0;
    for (let p = index; p < index + count; p++) {
      const ref = reference[p]!;
      const mine = ours[p]!;
      expect(mine.length).toBe(ref.length);
      for (let i = 0; i < ref.length; i++) {
        diff = Math.max(diff, Math.abs(mine[i]! - ref[i]!));
        scale = Math.max(scale, Math.abs(ref[i]!));
      }
    }
    index += count;
    netDiff = Math.max(netDiff, diff);
    netScale = Math.max(netScale, scale);
    layerWorst = Math.max(layerWorst, scale === 0 ? diff : diff / scale);
  }
  expect(index).toBe(reference.length);
  return { net: netScale === 0 ? netDiff : netDiff / netScale, layer: layerWorst };
}

/** Both errors within bounds (see relativeErrors for why two). */
/** The typed-array loss and gradients match TF.js autodiff on the same weights and data. */
function expectMatch(testCase: Case): void {
  const reference = autodiffGradients(testCase);
  const ours = handWrittenGradients(testCase);
  expect(Math.abs(ours.loss - reference.loss)).toBeLessThanOrEqual(1e-5 * Math.max(1, reference.loss));
  const errors = relativeErrors(testCase.config, reference.grads, ours.grads);
  expect(errors.net, JSON.stringify(testCase)).toBeLessThanOrEqual(1e-5);
  expect(errors.layer, JSON.stringify(testCase)).toBeLessThanOrEqual(1e-3);
}

const caseArbitrary = fc.record({
  config: fc.record({
    depth: fc.integer({ min: 0, max: 4 }),
    // From 4: layer norm over two units outputs ±1 whatever its input, a gradient of float32 noise.
    width: fc.integer({ min: 4, max: 9 }),
    activation: fc.constantFrom(...CHOICES.activation),
    // Not 'naive': its ±0.05 weights start the net near-symmetric, where every gradient is a
    // cancelling sum of per-point terms thousands of times larger, below float32's resolution;
    // that init is checked against float64 finite differences below instead.
    init: fc.constantFrom('glorot', 'he', 'orthogonal', 'gaussian'),
    residual: fc.boolean(),
    normalization: fc.constantFrom(...CHOICES.normalization),
    seed: fc.integer({ min: 0, max: 10_000 }),
    weightScale: fc.constantFrom(0.5, 1, 2),
    biasScale: fc.constantFrom(0, 0.05),
  }),
  loss: fc.constantFrom(...CHOICES.loss),
  points: fc.integer({ min: 8, max: 40 }),
  dataSeed: fc.integer({ min: 0, max: 10_000 }),
});

/**
 * Tables: 1-16 inputs, 2 classes (one logit, either loss) or 3-8 (K logits, softmax cross-entropy).
 * Not one input under batch norm: every first-layer unit x·w + b then normalizes to ±(standardized
 * x) whatever w and b, so that layer's gradient is only the ε term's, a near-cancelling sum below
 * float32's resolution (as layer norm over two units, above).
 */
const tableCaseArbitrary = fc
  .record({
    base: caseArbitrary,
    inputs: fc.integer({ min: 1, max: 16 }),
    classes: fc.integer({ min: 2, max: 8 }),
  })
  .filter(({ base, inputs }) => !(inputs === 1 && base.config.normalization === 'batch'))
  .map(
    ({ base, inputs, classes }): Case => ({
      ...base,
      config: { ...base.config, inputs, ...(classes > 2 ? { outputs: classes } : {}) },
      loss: classes > 2 ? 'cross-entropy' : base.loss,
    }),
  );

describe('typed-array gradients', () => {
  it('match TensorFlow.js autodiff on tables: any inputs, 2 classes (sigmoid) or K (softmax)', () => {
    fc.assert(
      fc.property(tableCaseArbitrary, (testCase) => expectMatch(testCase)),
      { numRuns: 120, seed: 28 },
    );
  });

  it('match on K classes for every activation, normalization and residual block', () => {
    for (const activation of CHOICES.activation)
      for (const normalization of ['none', 'batch', 'layer'] as const)
        for (const residual of [false, true])
          for (const [inputs, outputs] of [
            [4, 3],
            [normalization === 'batch' ? 2 : 1, 8],
            [16, 5],
          ] as const) {
            expectMatch({
              config: {
                depth: 3,
                width: 5,
                activation,
                init: 'glorot',
                residual,
                normalization,
                seed: 5,
                initScale: 1,
                inputs,
                outputs,
              },
              loss: 'cross-entropy',
              points: 24,
              dataSeed: 6,
            });
          }
  });

  it('of the TensorFlow.js path (its tf.customGrad nodes) match autodiff on tables too', () => {
    for (const activation of CHOICES.activation)
      for (const normalization of ['none', 'batch', 'layer'] as const)
        for (const residual of [false, true])
          for (const [inputs, classes] of [
            [4, 3],
            [5, 2],
            [3, 8],
          ] as const) {
            const probe: Case = {
              config: {
                depth: 3,
                width: 5,
                activation,
                init: 'glorot',
                residual,
                normalization,
                seed: 7,
                inputs,
              },
              loss: 'cross-entropy',
              points: 20,
              dataSeed: 8,
            };
            if (classes > 2) probe.config = { ...probe.config, outputs: classes };
            const data = caseData(probe);
            const table: Table = {
              name: 'probe',
              features: Array.from({ length: inputs }, (_, j) => `f${j}`),
              classes: Array.from({ length: classes }, (_, k) => `c${k}`),
              rows: Array.from({ length: data.n }, (_, p) =>
                Array.from(data.x.subarray(p * inputs, (p + 1) * inputs)),
              ),
              labels: Array.from(data.y),
            };
            const spec = plainFitSpec({
              depth: 3,
              width: 5,
              activation,
              residual,
              normalization,
              seed: 7,
              table,
              standardize: false,
            });
            // The reference differentiates the very net the session builds from this spec.
            probe.config = mlpConfigOf(spec);
            expect([probe.config.inputs ?? 2, probe.config.outputs ?? 1]).toEqual([
              inputs,
              classes > 2 ? classes : 1,
            ]);
            const session = createSession(spec);
            try {
              const { value, grads } = session.lossAndGrads();
              const ours = session.mlp.params.map((p) => Float64Array.from(grads[p.name]!.dataSync()));
              const reference = autodiffGradients(probe);
              expect(Math.abs(value.dataSync()[0]! - reference.loss)).toBeLessThanOrEqual(
                1e-5 * Math.max(1, reference.loss),
              );
              const errors = relativeErrors(probe.config, reference.grads, ours);
              expect(errors.net, JSON.stringify(probe)).toBeLessThanOrEqual(1e-5);
              expect(errors.layer, JSON.stringify(probe)).toBeLessThanOrEqual(1e-3);
              value.dispose();
              tf.dispose(grads);
            } finally {
              session.dispose();
            }
          }
  });

  it('of K logits are not trivially equal: a wrong softmax gradient (one class dropped) is caught', () => {
    const testCase: Case = {
      config: {
        depth: 1,
        width: 4,
        activation: 'tanh',
        init: 'glorot',
        residual: false,
        normalization: 'none',
        seed: 2,
        inputs: 4,
        outputs: 3,
      },
      loss: 'cross-entropy',
      points: 12,
      dataSeed: 3,
    };
    const ours = handWrittenGradients(testCase);
    // The output bias's gradient for class 0, zeroed: the output layer's error is then far off.
    ours.grads[3]![0] = 0;
    const errors = relativeErrors(testCase.config, autodiffGradients(testCase).grads, ours.grads);
    expect(errors.layer).toBeGreaterThan(1e-2);
  });

  it('match TensorFlow.js autodiff within 1e-5 relative error across activations, inits, losses, residual and normalization', () => {
    fc.assert(
      fc.property(caseArbitrary, (testCase) => expectMatch(testCase)),
      { numRuns: 150, seed: 27 },
    );
  });

  it('cover every combination of activation, normalization, residual and loss at least once', () => {
    const normalizations: Normalization[] = ['none', 'batch', 'layer'];
    for (const activation of CHOICES.activation)
      for (const normalization of normalizations)
        for (const residual of [false, true])
          for (const loss of CHOICES.loss) {
            const testCase: Case = {
              config: {
                depth: 3,
                width: 5,
                activation,
                init: 'glorot',
                residual,
                normalization,
                seed: 3,
                initScale: 1,
              },
              loss,
              points: 16,
              dataSeed: 4,
            };
            expectMatch(testCase);
          }
  });

  it('match float64 central finite differences with the naive init, where float32 cannot resolve them', () => {
    // Not relu: with zero biases some units sit exactly on its kink, where a central difference
    // averages two slopes and matches neither derivative.
    for (const activation of ['sigmoid', 'tanh', 'linear'] as const) {
      const init: Init = 'naive';
      const testCase: Case = {
        config: { depth: 3, width: 4, activation, init, residual: false, normalization: 'none', seed: 0 },
        loss: 'cross-entropy',
        points: 8,
        dataSeed: 0,
      };
      const { config, loss, points, dataSeed } = testCase;
      const data = makeDataset('moons', points, 0.2, dataSeed);
      const [x, y] = [Float64Array.from(data.x), Float64Array.from(data.y)];
      const net = createPlainNet(config);
      const pass = createPass(net, points);
      const dLogits = new Float64Array(points);
      const lossNow = () => lossAndLogitGrad(forward(net, pass, x), y, loss, dLogits);
      const analytic = handWrittenGradients(testCase).grads;
      let largest = 0;
      let worst = 0;
      net.params.forEach((param, p) => {
        for (let i = 0; i < param.length; i++) {
          const value = param[i]!;
          const h = 1e-6;
          param[i] = value + h;
          const up = lossNow();
          param[i] = value - h;
          const down = lossNow();
          param[i] = value;
          worst = Math.max(worst, Math.abs((up - down) / (2 * h) - analytic[p]![i]!));
          largest = Math.max(largest, Math.abs(analytic[p]![i]!));
        }
      });
      // Gradients near 5e-5 here; the differences' own rounding is near 1e-10.
      expect(largest).toBeGreaterThan(0);
      expect(worst / largest, activation).toBeLessThanOrEqual(1e-5);
    }
  });

  it('are not trivially equal: a wrong backward pass (a flipped sign in one layer) is caught', () => {
    const testCase: Case = {
      config: {
        depth: 2,
        width: 4,
        activation: 'tanh',
        init: 'glorot',
        residual: false,
        normalization: 'none',
        seed: 1,
      },
      loss: 'cross-entropy',
      points: 12,
      dataSeed: 2,
    };
    const ours = handWrittenGradients(testCase);
    ours.grads[0] = ours.grads[0]!.map((g) => -g);
    const errors = relativeErrors(testCase.config, autodiffGradients(testCase).grads, ours.grads);
    expect(errors.layer).toBeGreaterThan(1);
    expect(errors.net).toBeGreaterThan(1e-3);
  });
});
