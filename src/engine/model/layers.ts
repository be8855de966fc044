import * as tf from '@tensorflow/tfjs-core';
import { createRandom, STREAM } from '../random.js';
import type { FitSpec } from '../result.js';
import { initialBias, initialKernel, uniformValues } from './init.js';

/** What kind of value a trainable parameter holds (see TrainedModel in fit.ts). */
export type ParamKind = 'kernel' | 'bias' | 'norm';

/**
 * The architecture and initialization of an MLP (from its FitSpec): by default 2 inputs and one
 * output logit (two classes, sigmoid); a table sets its feature count as `inputs` and, with K > 2
 * classes, K output logits (softmax).
 */
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
> & {
  /** Inputs per point; default 2. */
  inputs?: number;
  /** Output logits: 1 for two classes (the default), K for K > 2 classes. */
  outputs?: number;
};

/** Output logits for K classes: one sigmoid logit for two, one logit per class (softmax) for more. */
export function outputsFor(classes: number): number {
  return classes > 2 ? classes : 1;
}

/** A run's MlpConfig: its architecture and initialization, and nothing else of its spec. */
export function mlpConfigOf(spec: MlpConfig & Pick<FitSpec, 'table'>): MlpConfig {
  // The shapes' nets leave inputs and outputs out, so their configs (and weights) stay as they were.
  const inputs = spec.table?.features.length ?? spec.inputs;
  const outputs = spec.table ? outputsFor(spec.table.classes.length) : spec.outputs;
  return {
    depth: spec.depth,
    width: spec.width,
    activation: spec.activation,
    init: spec.init,
    residual: spec.residual,
    normalization: spec.normalization,
    seed: spec.seed,
    ...(spec.initScale === undefined ? {} : { initScale: spec.initScale }),
    ...(spec.weightScale === undefined ? {} : { weightScale: spec.weightScale }),
    ...(spec.biasScale === undefined ? {} : { biasScale: spec.biasScale }),
    ...(inputs === undefined || inputs === 2 ? {} : { inputs }),
    ...(outputs === undefined || outputs === 1 ? {} : { outputs }),
  };
}

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

/** An MLP's layers and the same variables as one flat list, with their initial values. */
export interface InitialLayers {
  /** Hidden layers, then the output layer. */
  layers: DenseLayer[];
  /** All variables in layer order: kernel, bias, [gain, shift] per layer. */
  params: tf.Variable[];
  paramKinds: ParamKind[];
  /** The initial value of each entry of params. */
  initialValues: Float32Array[];
}

/**
 * The factor s on each residual branch of the pre-activation block h + s·(f(h)·W + b) (see
 * residualDense in ops.ts), s = 1/sqrt(L) for L blocks. Unscaled, every block adds a branch as
 * large as its input, so the signal's variance grows geometrically with depth: relu + He at least
 * doubles it per block (with the earlier block below, a depth-32 net started with a loss near 1e6
 * and overflowed to NaN). With s = 1/sqrt(L) and a branch of mean zero over the weights, each block
 * multiplies E[h²] by at most 1 + 2/L for relu + He (E[relu(h)²] ≤ E[h²]), so the whole stack by
 * less than e² ≈ 7.4, and by about e when the blocks' inputs are symmetric about zero ("Stable
 * ResNet", Hayou et al. 2021). The mean zero matters: the block used to be h + s·relu(h·W + b),
 * whose branch is never negative, and then the sum grows like exp(c·sqrt(L)). Measured from these
 * initial weights (bench/residual-growth.ts: relu + He, width 32, the moons data, seeds 1-5), mean
 * h² of the last hidden layer over the first:
 *   depth   h + s·relu(h·W + b)   h + s·(relu(h)·W + b)
 *   8       ×10.5-13.3            ×3.1-5.0
 *   16      ×49-80                ×3.4-8.0
 *   32      ×323-526              ×3.2-5.6
 * The bound is on the expectation: one draw of finite width can land a little above it (×8.0).
 * Fixup (Zhang, Dauphin & Ma 2019) and SkipInit/ReZero (De & Smith 2020; Bachlechner et al. 2020)
 * shrink the branches at initialization for the same reason.
 */
export function residualBranchScale(residualBlocks: number): number {
  return residualBlocks > 0 ? 1 / Math.sqrt(residualBlocks) : 1;
}

/** One layer's initial values, before any backend holds them. */
export interface LayerValues {
  inputs: number;
  outputs: number;
  /** [inputs, outputs], row-major. */
  kernel: Float32Array;
  bias: Float32Array;
  /** Normalization gain (ones) and shift (zeros): hidden layers, when normalization is on. */
  gain?: Float32Array;
  shift?: Float32Array;
  residual: boolean;
  branchScale: number;
}

/**
 * Every layer's initial values, drawn from the config's seed in layer order (kernel, then bias,
 * per layer): the order fixes which random numbers each weight gets. Both compute paths start from
 * these (createLayers here, the typed-array path in src/engine/plain), so a seed means one net.
 */
export function initialLayerValues(config: MlpConfig): LayerValues[] {
  const { depth, width, activation, init, normalization, initScale } = config;
  const rng = createRandom(config.seed, STREAM.weights);
  // Hidden layers 1..depth-1 have equal input and output width: those carry a residual branch.
  const branchScale = config.residual ? residualBranchScale(Math.max(0, depth - 1)) : 1;
  const layers: LayerValues[] = [];
  for (let i = 0; i <= depth; i++) {
    const inputs = i === 0 ? (config.inputs ?? 2) : width;
    const outputs = i === depth ? (config.outputs ?? 1) : width;
    const kernel =
      initScale === undefined
        ? initialKernel(rng, inputs, outputs, init, activation, config.weightScale)
        : uniformValues(rng, inputs * outputs, initScale);
    const bias =
      initScale === undefined
        ? initialBias(rng, outputs, init, config.biasScale)
        : uniformValues(rng, outputs, initScale);
    const residual = config.residual && i > 0 && i < depth;
    const normalized = i < depth && normalization !== 'none';
    layers.push({
      inputs,
      outputs,
      kernel,
      bias,
      ...(normalized ? { gain: new Float32Array(outputs).fill(1), shift: new Float32Array(outputs) } : {}),
      residual,
      branchScale: residual ? branchScale : 1,
    });
  }
  return layers;
}

/** Creates every layer's variables from initialLayerValues. */
export function createLayers(config: MlpConfig): InitialLayers {
  const built: InitialLayers = { layers: [], params: [], paramKinds: [], initialValues: [] };
  const addParam = (values: Float32Array, shape: number[], kind: ParamKind): tf.Variable => {
    const variable = tf.tidy(() => tf.variable(tf.tensor(values, shape)));
    built.params.push(variable);
    built.paramKinds.push(kind);
    built.initialValues.push(values);
    return variable;
  };
  for (const values of initialLayerValues(config)) {
    const { inputs, outputs } = values;
    const layer: DenseLayer = {
      kernel: addParam(values.kernel, [inputs, outputs], 'kernel'),
      bias: addParam(values.bias, [outputs], 'bias'),
      residual: values.residual,
      branchScale: values.branchScale,
    };
    if (values.gain && values.shift) {
      layer.gain = addParam(values.gain, [outputs], 'norm');
      layer.shift = addParam(values.shift, [outputs], 'norm');
    }
    built.layers.push(layer);
  }
  return built;
}
