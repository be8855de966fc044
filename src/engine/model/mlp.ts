import * as tf from '@tensorflow/tfjs-core';
import { createRandom, STREAM } from '../random.js';
import type { FitSpec } from '../result.js';
import { initialBias, initialKernel, uniformValues } from './init.js';
import {
  activate,
  activateNode,
  type DenseOptions,
  dense,
  type NormStats,
  normalize,
  normalizeWith,
} from './ops.js';

/** What kind of value a trainable parameter holds (see TrainedModel in fit.ts). */
export type ParamKind = 'kernel' | 'bias' | 'norm';

/** The architecture and initialization of an MLP with 2 inputs and one output logit (from its FitSpec). */
export type MlpConfig = Pick<
  FitSpec,
  | 'depth'
  | 'width'
  | 'activation'
  | 'init'
  | 'residual'
  | 'normalization'
  | 'seed'
  | 'initScale'
  | 'weightScale'
  | 'biasScale'
>;

/** One dense layer's variables. The last layer of an Mlp is the output layer. */
export interface DenseLayer {
  kernel: tf.Variable;
  bias: tf.Variable;
  /** Normalization gain and shift (hidden layers, when normalization is on). */
  gain?: tf.Variable;
  shift?: tf.Variable;
  /** Adds its input to its output: hidden layers with equal input and output width. */
  residual: boolean;
  /** The factor on this layer's residual branch (1 when not residual). */
  branchScale: number;
}

/** A forward pass without a gradient tape, with the hidden activations for measurements. */
export interface Inspection {
  logits: tf.Tensor2D;
  /** Each hidden layer's activation f(·) (before a residual sum), [n, width]. */
  hidden: tf.Tensor2D[];
  /** Batch-norm statistics per hidden layer (empty unless normalization is 'batch'). */
  stats: NormStats[];
}

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

/**
 * The factor on each residual branch: x + f(x·W + b)/sqrt(L) for L residual blocks. Unscaled,
 * every block adds a branch as large as its input, so the signal's variance grows geometrically
 * with depth (relu + He doubles it per block: a depth-32 net started with a loss near 1e6 and
 * overflowed to NaN). Scaling the branches by 1/sqrt(L) keeps the sum's growth bounded at any
 * depth, as in "Stable ResNet" (Hayou et al. 2021); Fixup (Zhang, Dauphin & Ma 2019) and
 * SkipInit/ReZero (De & Smith 2020; Bachlechner et al. 2020) shrink the branches at
 * initialization for the same reason.
 */
export function residualBranchScale(residualBlocks: number): number {
  return residualBlocks > 0 ? 1 / Math.sqrt(residualBlocks) : 1;
}

/** Builds an MLP with its initial weights drawn from the config's seed. */
export function createMlp(config: MlpConfig): Mlp {
  const { depth, width, activation, init, normalization, initScale } = config;
  const rng = createRandom(config.seed, STREAM.weights);
  const params: tf.Variable[] = [];
  const paramKinds: ParamKind[] = [];
  const initialValues: Float32Array[] = [];
  const addParam = (values: Float32Array, shape: number[], kind: ParamKind): tf.Variable => {
    const variable = tf.tidy(() => tf.variable(tf.tensor(values, shape)));
    params.push(variable);
    paramKinds.push(kind);
    initialValues.push(values);
    return variable;
  };

  const layers: DenseLayer[] = [];
  // Hidden layers 1..depth-1 have equal input and output width: those carry a residual branch.
  const branchScale = config.residual ? residualBranchScale(Math.max(0, depth - 1)) : 1;
  for (let i = 0; i <= depth; i++) {
    const inputs = i === 0 ? 2 : width;
    const outputs = i === depth ? 1 : width;
    const kernelValues =
      initScale === undefined
        ? initialKernel(rng, inputs, outputs, init, activation, config.weightScale)
        : uniformValues(rng, inputs * outputs, initScale);
    const biasValues =
      initScale === undefined
        ? initialBias(rng, outputs, init, config.biasScale)
        : uniformValues(rng, outputs, initScale);
    const residual = config.residual && i > 0 && i < depth;
    const layer: DenseLayer = {
      kernel: addParam(kernelValues, [inputs, outputs], 'kernel'),
      bias: addParam(biasValues, [outputs], 'bias'),
      residual,
      branchScale: residual ? branchScale : 1,
    };
    if (i < depth && normalization !== 'none') {
      layer.gain = addParam(new Float32Array(outputs).fill(1), [outputs], 'norm');
      layer.shift = addParam(new Float32Array(outputs), [outputs], 'norm');
    }
    layers.push(layer);
  }

  const normAxis = normalization === 'layer' ? 1 : 0;

  const logits = (x: tf.Tensor2D): tf.Tensor2D => {
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
  };

  const inspect = (x: tf.Tensor2D, batchStats?: NormStats[]): Inspection => {
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
  };

  return {
    config,
    layers,
    params,
    paramKinds,
    initialValues,
    logits,
    inspect,
    dispose: () => tf.dispose(params),
  };
}
