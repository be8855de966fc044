import { type Field, field } from '../fields.js';
import type { Activation, Dataset, Init, Loss, Normalization, Optimizer } from '../limits.js';
import { CHOICES, LIMITS } from '../limits.js';
import type { Table } from '../tables/table.js';

/*
 * Option groups that several experiments share, each with its field table. The `satisfies`
 * clauses keep each table and its TypeScript type in step.
 */

/** The training data: a generated shape, or a table (built in, uploaded or saved). */
export interface DataOptions {
  /** A generated shape, or a built-in table's name (then `table` holds that table). */
  dataset: Dataset;
  /** Points of a generated shape (a table has its own rows). */
  points: number;
  /** Noise of a generated shape (a table's values are used as they are). */
  noise: number;
  /** Seeds the data set and, as seed, seed+1, ..., the initial weights of each run. */
  seed: number;
  /**
   * Standardize each of a table's features to mean 0 and standard deviation 1 (shapes: unused).
   * A validated spec always has it; optional so that specs recorded before tables still read.
   */
  standardize?: boolean;
  /**
   * The table the runs train on, carried whole so a spec alone reproduces its run: set by
   * validateSpec from a built-in table's name in `dataset`, or given with the other options (an
   * uploaded file, a saved dataset). Absent for the generated shapes.
   */
  table?: Table;
}

/** The network trained on that data. */
export interface ModelOptions {
  width: number;
  activation: Activation;
  init: Init;
  residual: boolean;
  normalization: Normalization;
  loss: Loss;
  weightScale: number;
  biasScale: number;
}

/** How the network is trained. */
export interface TrainingOptions {
  optimizer: Optimizer;
  learningRate: number;
  steps: number;
}

/** Whether and how finely to record training for an animation. */
export interface AnimationOptions {
  /** Record frames for an animation of training (false: none, whatever `frames` says). */
  animate: boolean;
  /** Animation frames recorded along the first run (train) or the shallowest and deepest (compare). */
  frames: number;
}

/** The fields of DataOptions. */
export const dataFields = {
  dataset: field.choice('the training data set', CHOICES.dataset, 'moons'),
  points: field.int('number of training points', LIMITS.points, 256),
  noise: field.number(
    'input noise: Gaussian jitter added to each coordinate (labels never change)',
    LIMITS.noise,
    0.1,
  ),
  seed: field.int('random seed for the data and the first run', LIMITS.seed, 1),
  standardize: field.boolean('tables: scale each feature to mean 0 and standard deviation 1', true),
} satisfies Record<Exclude<keyof DataOptions, 'table'>, Field>;

/** The fields of ModelOptions. */
export const modelFields = {
  width: field.int('units per hidden layer', LIMITS.width, 32),
  activation: field.choice('activation of the hidden units', CHOICES.activation, 'sigmoid'),
  init: field.choice('weight initialization', CHOICES.init, 'glorot'),
  residual: field.boolean('add residual (skip) connections around hidden layers', false),
  normalization: field.choice('normalize each hidden layer', CHOICES.normalization, 'none'),
  loss: field.choice('training loss', CHOICES.loss, 'cross-entropy'),
  weightScale: field.number('σ_w² of init:gaussian (weight variance × fan-in)', LIMITS.weightScale, 1),
  biasScale: field.number('σ_b² of init:gaussian (bias variance)', LIMITS.biasScale, 0),
} satisfies Record<keyof ModelOptions, Field>;

/** The fields of TrainingOptions. */
export const trainingFields = {
  optimizer: field.choice('optimizer', CHOICES.optimizer, 'sgd'),
  learningRate: field.number('learning rate', LIMITS.learningRate, 0.1),
  steps: field.int('full-batch training steps', LIMITS.steps, 300),
} satisfies Record<keyof TrainingOptions, Field>;

/** The fields of AnimationOptions. */
export const animationFields = {
  animate: field.boolean('show training as an animation (false: still charts only)', true),
  frames: field.int('animation frames recorded along training (0 = none)', LIMITS.frames, 30),
} satisfies Record<keyof AnimationOptions, Field>;

/** Help texts that several tables share. */
export const depthHelp = 'hidden layers (0 = a single neuron)';
export const seedsHelp = 'independent runs with different initial weights';
