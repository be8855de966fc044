/**
 * Every bound an experiment option may take. One table, so the engine's validation, the bot's
 * option schemas and the help text all quote the same numbers.
 */
export const LIMITS = {
  depth: { min: 0, max: 32 },
  width: { min: 1, max: 64 },
  steps: { min: 1, max: 3000 },
  seeds: { min: 1, max: 8 },
  seed: { min: 0, max: 2 ** 31 - 1 },
  points: { min: 8, max: 1000 },
  noise: { min: 0, max: 1 },
  learningRate: { min: 1e-5, max: 10 },
  gridSize: { min: 0, max: 100 },
  frames: { min: 0, max: 60 },
  depths: { minCount: 1, maxCount: 8 },
  restarts: { min: 2, max: 30 },
  slicePoints: { min: 5, max: 101 },
  span: { min: 0.1, max: 5 },
  hardnessSizes: { min: 4, max: 128 },
  hardnessSizeCount: { minCount: 1, maxCount: 8 },
  hardnessDims: { min: 2, max: 16 },
  hardnessDimCount: { minCount: 1, maxCount: 4 },
  timeLimit: { min: 0.1, max: 10 },
  /** σ_w² of init:gaussian: weights drawn with variance weightScale / fan-in. */
  weightScale: { min: 0.01, max: 16 },
  /** σ_b² of init:gaussian: biases drawn with this variance. */
  biasScale: { min: 0, max: 4 },
  /** The map's second-axis values (0 = the axis's own grid) and its loss threshold. */
  mapValues: { minCount: 0, maxCount: 8 },
  mapValue: { min: 1e-5, max: 64 },
  threshold: { min: 1e-3, max: 2 },
} as const;

/**
 * Bound on total work, in multiply-adds of forward and backward passes over all seeds and steps.
 * The per-field limits alone would allow depth 32 x width 64 x 1000 points x 3000 steps, which
 * takes many minutes; this keeps any single request to roughly ten seconds of CPU on this machine.
 */
export const MAX_WORK = 6e10;

/** Momentum coefficient of the 'momentum' optimizer (the usual 0.9). */
export const MOMENTUM = 0.9;

/** The generated 2-D, two-class shapes (src/engine/datasets.ts). */
export const SHAPES = ['moons', 'circles', 'xor', 'spiral', 'blobs'] as const;

/** Real tables built into the tutor (src/engine/tables/built-in.ts; docs/tables.md). */
export const BUILT_IN_TABLES = ['iris'] as const;

/** Allowed names for enumerated options. */
export const CHOICES = {
  /** A generated shape, or a built-in real table (validateSpec resolves it into spec.table). */
  dataset: [...SHAPES, ...BUILT_IN_TABLES],
  activation: ['sigmoid', 'tanh', 'relu', 'linear'],
  init: ['glorot', 'he', 'naive', 'orthogonal', 'gaussian'],
  normalization: ['none', 'batch', 'layer'],
  optimizer: ['sgd', 'momentum', 'adam'],
  loss: ['cross-entropy', 'mse'],
  architecture: ['neuron', 'neuron-mse', 'three-node', 'deep'],
  hardnessInputs: ['gaussian', 'cube'],
  hardnessLabels: ['planted', 'random', 'both'],
  mapAxis: ['weightScale', 'learningRate', 'width', 'activation', 'init'],
  mapMetric: ['loss', 'steps'],
} as const;

export type Dataset = (typeof CHOICES.dataset)[number];
export type Shape = (typeof SHAPES)[number];
export type BuiltInTable = (typeof BUILT_IN_TABLES)[number];
export type Activation = (typeof CHOICES.activation)[number];
export type Init = (typeof CHOICES.init)[number];
export type Normalization = (typeof CHOICES.normalization)[number];
export type Optimizer = (typeof CHOICES.optimizer)[number];
export type Loss = (typeof CHOICES.loss)[number];
export type Architecture = (typeof CHOICES.architecture)[number];
export type HardnessLabels = (typeof CHOICES.hardnessLabels)[number];
export type MapAxis = (typeof CHOICES.mapAxis)[number];
export type MapMetric = (typeof CHOICES.mapMetric)[number];
