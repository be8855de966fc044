import { type Field, field } from './fields.js';
import type { HardnessInputs } from './hardness/types.js';
import type {
  Activation,
  Architecture,
  Dataset,
  HardnessLabels,
  Init,
  Loss,
  MapAxis,
  MapMetric,
  Normalization,
  Optimizer,
} from './limits.js';
import { CHOICES, LIMITS } from './limits.js';

/*
 * Experiment specs. Each experiment takes a flat object of options, so `key:value` text from chat
 * maps onto it one to one. Every option has a default and every bound comes from LIMITS. The
 * `satisfies` clauses keep each field table and its TypeScript type in step.
 */

interface DataOptions {
  dataset: Dataset;
  points: number;
  noise: number;
  /** Seeds the data set and, as seed, seed+1, ..., the initial weights of each run. */
  seed: number;
}

interface ModelOptions {
  width: number;
  activation: Activation;
  init: Init;
  residual: boolean;
  normalization: Normalization;
  loss: Loss;
  weightScale: number;
  biasScale: number;
}

interface TrainingOptions {
  optimizer: Optimizer;
  learningRate: number;
  steps: number;
}

interface AnimationOptions {
  /** Record frames for an animation of training (false: none, whatever `frames` says). */
  animate: boolean;
  /** Animation frames recorded along the first run (train) or the shallowest and deepest (compare). */
  frames: number;
}

/** `train`: one configuration, several seeds. */
export interface TrainSpec extends DataOptions, ModelOptions, TrainingOptions, AnimationOptions {
  depth: number;
  seeds: number;
  gridSize: number;
}

/** `compare`: a depth sweep with everything else equal. */
export interface CompareSpec extends DataOptions, ModelOptions, TrainingOptions, AnimationOptions {
  depths: number[];
  seeds: number;
}

/** `map`: a trainability map, one cell per depth and value of a second axis. */
export interface MapSpec extends DataOptions, ModelOptions, TrainingOptions {
  depths: number[];
  axis: MapAxis;
  /** The second axis's values (numeric axes); empty for the axis's own grid. */
  values: number[];
  metric: MapMetric;
  threshold: number;
  seeds: number;
}

/** `restarts`: many random restarts of a few architectures on the same data. */
export interface RestartsSpec extends DataOptions, TrainingOptions {
  architectures: Architecture[];
  restarts: number;
  depth: number;
  width: number;
  activation: Activation;
}

/** `landscape`: 1-D slices of the loss surface, shallow vs deep, with and without residuals. */
export interface LandscapeSpec extends DataOptions, TrainingOptions {
  depth: number;
  width: number;
  activation: Activation;
  init: Init;
  slicePoints: number;
  span: number;
}

/** `lp`: one layer trained by linear programming, against gradient descent on the same data. */
export interface LpSpec extends DataOptions {
  steps: number;
  learningRate: number;
}

/**
 * `hardness`: exact training of the three-node threshold network (a mixed-integer program) over a
 * sweep of sizes and dimensions, next to one unit by LP and gradient descent on sigmoid units.
 */
export interface HardnessSpec {
  sizes: number[];
  dims: number[];
  inputs: HardnessInputs;
  labels: HardnessLabels;
  /** Seconds each instance's exact solve may run before it gives up. */
  timeLimit: number;
  restarts: number;
  steps: number;
  learningRate: number;
  seed: number;
}

const dataFields = {
  dataset: field.choice('the training data set', CHOICES.dataset, 'moons'),
  points: field.int('number of training points', LIMITS.points, 256),
  noise: field.number('label noise: how far points scatter from their shape', LIMITS.noise, 0.1),
  seed: field.int('random seed for the data and the first run', LIMITS.seed, 1),
} satisfies Record<keyof DataOptions, Field>;

const modelFields = {
  width: field.int('units per hidden layer', LIMITS.width, 32),
  activation: field.choice('activation of the hidden units', CHOICES.activation, 'sigmoid'),
  init: field.choice('weight initialization', CHOICES.init, 'glorot'),
  residual: field.boolean('add residual (skip) connections around hidden layers', false),
  normalization: field.choice('normalize each hidden layer', CHOICES.normalization, 'none'),
  loss: field.choice('training loss', CHOICES.loss, 'cross-entropy'),
  weightScale: field.number('σ_w² of init:gaussian (weight variance × fan-in)', LIMITS.weightScale, 1),
  biasScale: field.number('σ_b² of init:gaussian (bias variance)', LIMITS.biasScale, 0),
} satisfies Record<keyof ModelOptions, Field>;

const trainingFields = {
  optimizer: field.choice('optimizer', CHOICES.optimizer, 'sgd'),
  learningRate: field.number('learning rate', LIMITS.learningRate, 0.1),
  steps: field.int('full-batch training steps', LIMITS.steps, 300),
} satisfies Record<keyof TrainingOptions, Field>;

const animationFields = {
  animate: field.boolean('show training as an animation (false: still charts only)', true),
  frames: field.int('animation frames recorded along training (0 = none)', LIMITS.frames, 30),
} satisfies Record<keyof AnimationOptions, Field>;

const depthHelp = 'hidden layers (0 = a single neuron)';
const seedsHelp = 'independent runs with different initial weights';

/*
 * The map's defaults were measured on this machine (docs/map.md): tanh with Gaussian weights
 * and σ_b² = 0.05 over σ_w² on either side of the order-to-chaos edge.
 */
const MAP_FIELDS = {
  depths: field.intList('depths (rows of the map)', LIMITS.depth, LIMITS.depths, [2, 4, 8, 16]),
  axis: field.choice('what the columns vary', CHOICES.mapAxis, 'weightScale'),
  values: field.numberList(
    'column values of a numeric axis (empty: the axis grid)',
    LIMITS.mapValue,
    LIMITS.mapValues,
    [],
  ),
  metric: field.choice('cell colour: final loss or steps to reach the threshold', CHOICES.mapMetric, 'loss'),
  threshold: field.number('loss threshold of metric:steps', LIMITS.threshold, 0.35),
  ...modelFields,
  activation: field.choice('activation of the hidden units', CHOICES.activation, 'tanh'),
  init: field.choice('weight initialization', CHOICES.init, 'gaussian'),
  biasScale: field.number('σ_b² of init:gaussian (bias variance)', LIMITS.biasScale, 0.05),
  ...trainingFields,
  ...dataFields,
  points: field.int('number of training points', LIMITS.points, 128),
  seeds: field.int(seedsHelp, LIMITS.seeds, 1),
} satisfies Record<keyof MapSpec, Field>;

/** The option table of every experiment. */
export const SPEC_FIELDS = {
  train: {
    depth: field.int(depthHelp, LIMITS.depth, 5),
    ...modelFields,
    ...trainingFields,
    ...dataFields,
    seeds: field.int(seedsHelp, LIMITS.seeds, 3),
    gridSize: field.int('decision-boundary grid side (0 = none)', LIMITS.gridSize, 100),
    ...animationFields,
  } satisfies Record<keyof TrainSpec, Field>,
  compare: {
    depths: field.intList('depths to compare', LIMITS.depth, LIMITS.depths, [1, 2, 4, 8, 16]),
    ...modelFields,
    ...trainingFields,
    ...dataFields,
    seeds: field.int(seedsHelp, LIMITS.seeds, 3),
    ...animationFields,
  } satisfies Record<keyof CompareSpec, Field>,
  map: MAP_FIELDS,
  restarts: {
    architectures: field.choiceList(
      'architectures to restart',
      CHOICES.architecture,
      { minCount: 1, maxCount: CHOICES.architecture.length },
      CHOICES.architecture,
    ),
    restarts: field.int('random restarts per architecture', LIMITS.restarts, 10),
    // A small deep net: with 10 restarts of 4 architectures the defaults run in about 3 s on one core.
    depth: field.int('hidden layers of the deep net', LIMITS.depth, 4),
    width: field.int('units per hidden layer of the deep net', LIMITS.width, 8),
    activation: field.choice('activation of the hidden units', CHOICES.activation, 'sigmoid'),
    // Momentum at 0.5 brings every start of the convex neuron to its one minimum within 300 steps
    // (final losses agree to ~1e-6; Adam at 0.05 left them 1e-3 apart after 600), while the deep
    // sigmoid net's restarts escape their plateau at different times and end far apart.
    optimizer: field.choice('optimizer', CHOICES.optimizer, 'momentum'),
    learningRate: field.number('learning rate', LIMITS.learningRate, 0.5),
    steps: field.int('full-batch training steps', LIMITS.steps, 300),
    ...dataFields,
  } satisfies Record<keyof RestartsSpec, Field>,
  landscape: {
    depth: field.int('hidden layers of the deep nets', LIMITS.depth, 10),
    width: field.int('units per hidden layer', LIMITS.width, 16),
    activation: field.choice('activation of the hidden units', CHOICES.activation, 'relu'),
    init: field.choice('weight initialization', CHOICES.init, 'he'),
    slicePoints: field.int('points along each slice', LIMITS.slicePoints, 41),
    span: field.number('how far each slice reaches, in units of the direction', LIMITS.span, 1),
    ...trainingFields,
    // Adam: with SGD at 0.1 the He-initialized residual net diverged while its branches were
    // unscaled (each block doubled the signal's variance; now scaled, see model/mlp.ts). Measured
    // then over seeds 1-16, the deep plain slice was the bumpiest of the
    // three (extra minima + roughness - 1) for 12 seeds, seed 1 included; means: extra minima 1.25
    // plain, 0.13 residual, 0.06 shallow; roughness 1.26, 1.01, 1.04.
    optimizer: field.choice('optimizer', CHOICES.optimizer, 'adam'),
    learningRate: field.number('learning rate', LIMITS.learningRate, 0.01),
    ...dataFields,
  } satisfies Record<keyof LandscapeSpec, Field>,
  lp: {
    ...dataFields,
    dataset: field.choice('the training data set', CHOICES.dataset, 'blobs'),
    steps: field.int('gradient-descent steps for the comparison', LIMITS.steps, 500),
    learningRate: field.number('gradient-descent learning rate', LIMITS.learningRate, 0.5),
  } satisfies Record<keyof LpSpec, Field>,
  hardness: {
    sizes: field.intList(
      'numbers of training points to sweep',
      LIMITS.hardnessSizes,
      LIMITS.hardnessSizeCount,
      [8, 16, 32, 64],
    ),
    dims: field.intList('input dimensions to sweep', LIMITS.hardnessDims, LIMITS.hardnessDimCount, [2, 4, 8]),
    inputs: field.choice(
      'input points: Gaussian, or corners of the Boolean cube',
      CHOICES.hardnessInputs,
      'gaussian',
    ),
    labels: field.choice(
      'labels from a hidden 3-node network (planted), coin flips, or both',
      CHOICES.hardnessLabels,
      'both',
    ),
    timeLimit: field.number('seconds each exact solve may run before giving up', LIMITS.timeLimit, 0.3),
    restarts: field.int('gradient-descent restarts per instance', LIMITS.restarts, 8),
    steps: field.int('gradient-descent steps per restart', LIMITS.steps, 300),
    learningRate: field.number('gradient-descent (Adam) learning rate', LIMITS.learningRate, 0.1),
    seed: field.int('random seed for the points, labels and initial weights', LIMITS.seed, 1),
  } satisfies Record<keyof HardnessSpec, Field>,
} as const;

/** The experiments the engine can run. */
export type ExperimentName = keyof typeof SPEC_FIELDS;
export const EXPERIMENTS = Object.keys(SPEC_FIELDS) as ExperimentName[];

/** Spec types by experiment name. */
export interface SpecByName {
  train: TrainSpec;
  compare: CompareSpec;
  map: MapSpec;
  restarts: RestartsSpec;
  landscape: LandscapeSpec;
  lp: LpSpec;
  hardness: HardnessSpec;
}

/** A validated spec of any experiment, tagged with its name. */
export type ExperimentSpec = {
  [K in ExperimentName]: { experiment: K } & SpecByName[K];
}[ExperimentName];
