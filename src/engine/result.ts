import type { HardnessRecord } from './hardness/types.js';
import type { Activation, Architecture, Dataset, Init, Loss, Normalization, Optimizer } from './limits.js';
import type {
  CompareSpec,
  ExperimentName,
  HardnessSpec,
  LandscapeSpec,
  LpSpec,
  MapSpec,
  RestartsSpec,
  TrainSpec,
} from './spec.js';

/*
 * Results are plain JSON (no tensors, no typed arrays, no class instances): they cross worker
 * threads, Redis and the CLI's --json output unchanged. Field names here are a public interface,
 * documented in docs/cli.md.
 */

/** Which TensorFlow.js backend ran the numbers. */
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

/** The training points, for decision-boundary charts. */
export interface DataPoints {
  /** Input coordinates, one [x, y] pair per point. */
  x: [number, number][];
  /** Labels, 0 or 1. */
  y: number[];
}

/** Class-1 probabilities on a square grid over the data's bounding box (row-major, y outer). */
export interface BoundaryGrid {
  size: number;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  probabilities: number[];
}

/** One snapshot of training for an animation: the loss and class-1 probabilities at one step. */
export interface TrainingFrame {
  step: number;
  loss: number;
  /** Row-major (y outer) on the grid of the TrainingFrames that holds this frame. */
  probabilities: number[];
}

/** Frames recorded along a run, all on one coarse grid over the data's bounding box. */
export interface TrainingFrames {
  size: number;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  frames: TrainingFrame[];
}

/** Gradient norm of each layer's parameters at one step; index 0 is the layer next to the input. */
export interface GradientSnapshot {
  step: number;
  perLayer: number[];
}

/**
 * Activation statistics of each hidden layer at one step (index 0 next to the input), over all
 * training points and units: the mean, the standard deviation, and the fraction of units
 * saturated (sigmoid/tanh) or dead (relu) as RunResult.saturation counts them.
 */
export interface LayerSnapshot {
  step: number;
  mean: number[];
  spread: number[];
  saturated: number[];
}

/** Everything that defines one training run, fully resolved (no defaults left). */
export interface FitSpec {
  dataset: Dataset;
  points: number;
  noise: number;
  /** Seeds the data set. */
  dataSeed: number;
  /** Seeds the initial weights. */
  seed: number;
  depth: number;
  width: number;
  activation: Activation;
  init: Init;
  residual: boolean;
  normalization: Normalization;
  loss: Loss;
  optimizer: Optimizer;
  learningRate: number;
  steps: number;
  /** Side of the decision-boundary grid; 0 for none. */
  gridSize: number;
  /** Animation frames to record along training (probability grid + loss); 0 or absent for none. */
  frames?: number;
  /**
   * Overrides the initialization with uniform weights in [-initScale, initScale]: random restarts
   * of small models start from far-apart points so that "they all end at one loss" means something.
   */
  initScale?: number;
  /** σ_w² of init 'gaussian': kernels drawn from N(0, weightScale / fan-in); default 1. */
  weightScale?: number;
  /** σ_b² of init 'gaussian': biases drawn from N(0, biasScale); default 0 (zero biases). */
  biasScale?: number;
  /**
   * Training points given outright, replacing the generated data set (dataset, points, noise and
   * dataSeed are then only labels): for small sets built to show one effect, such as the plateaus
   * that trap a squared-error neuron in the restarts experiment.
   */
  data?: DataPoints;
}

/** The measurements of one training run. */
export interface RunResult {
  depth: number;
  width: number;
  activation: Activation;
  residual: boolean;
  seed: number;
  finalLoss: number;
  finalAccuracy: number;
  /** Loss at a bounded number of steps (at most ~200 points), always including step 0 and the last. */
  lossCurve: { steps: number[]; losses: number[] };
  /** Per-layer gradient norms at initialization (step 0) and at a few points along training. */
  gradientNorms: GradientSnapshot[];
  /** Fraction of saturated units per hidden layer (sigmoid/tanh near their limits, relu dead). */
  saturation: { atInit: number[]; atEnd: number[] };
  /** Hidden-layer activation statistics at the gradient snapshots' steps. */
  layerStats?: LayerSnapshot[];
  boundary?: BoundaryGrid;
  /** Snapshots for an animation of training, when the spec asked for frames. */
  frames?: TrainingFrames;
  durationMs: number;
}

/** Fields every experiment result carries. */
interface ResultBase<N extends ExperimentName, S> {
  experiment: N;
  backend: BackendName;
  /** The validated spec, with every default filled in, tagged with its experiment. */
  spec: { experiment: N } & S;
  durationMs: number;
}

/** Mean and range of one quantity over seeds. */
export interface Spread {
  mean: number;
  min: number;
  max: number;
}

/** Summary of several seeds of one configuration. */
export interface RunSummary {
  depth: number;
  meanFinalLoss: number;
  minFinalLoss: number;
  maxFinalLoss: number;
  meanAccuracy: number;
  /**
   * Mean over seeds of |grad layer 1| / |grad last layer| at initialization: far below 1 means the
   * first layers barely learn (vanishing gradients). Undefined for depth 0 (one layer only).
   */
  gradientRatio?: number;
}

export interface TrainResult extends ResultBase<'train', TrainSpec> {
  data: DataPoints;
  runs: RunResult[];
  summary: RunSummary;
}

export interface CompareResult extends ResultBase<'compare', CompareSpec> {
  runs: RunResult[];
  /** One summary per depth, in the order of spec.depths. */
  summaries: RunSummary[];
}

/** One cell of a trainability map: one depth and one value of the second axis, over seeds. */
export interface MapCell {
  depth: number;
  /** The second axis's value (a number, or an activation or init name). */
  value: number | string;
  finalLosses: number[];
  meanFinalLoss: number;
  /** Per seed: the first recorded step whose loss is at or below the threshold, or null if none. */
  stepsToThreshold: (number | null)[];
  /** Mean first-layer / last-layer gradient ratio at initialization, when defined. */
  gradientRatio?: number;
}

/**
 * Mean-field signal propagation for one σ_w² (Schoenholz et al. 2017), for tanh networks with
 * Gaussian weights: the length fixed point q*, the slope χ₁ at the correlation fixed point c* = 1,
 * the correlation fixed point c*, and the correlation depth scale ξ_c (Infinity at χ₁ = 1).
 */
export interface SignalPoint {
  weightScale: number;
  qStar: number;
  chi1: number;
  cStar: number;
  depthScale: number;
  /** 6 ξ_c: the depth up to which Schoenholz et al. found networks trainable. */
  trainableDepth: number;
}

export interface MapResult extends ResultBase<'map', MapSpec> {
  /** Column values, in order. */
  axisValues: (number | string)[];
  /** Rows follow spec.depths; cells[row * axisValues.length + column]. */
  cells: MapCell[];
  /** Mean-field predictions per column, when the map is tanh × σ_w² with Gaussian init. */
  theory?: SignalPoint[];
}

/** The restarts of one architecture. */
export interface RestartGroup {
  architecture: Architecture;
  /** Human-readable, e.g. "single neuron, cross-entropy". */
  label: string;
  depth: number;
  width: number;
  loss: Loss;
  finalLosses: number[];
  /** max - min of the final losses. */
  spread: number;
  std: number;
  runs: RunResult[];
}

export interface RestartsResult extends ResultBase<'restarts', RestartsSpec> {
  groups: RestartGroup[];
}

/** A 1-D slice of the loss surface. */
export interface Slice {
  /** Positions along the direction (alpha for the init→final line, t for the random direction). */
  positions: number[];
  losses: number[];
}

/** One trained network and the slices through its loss surface. */
export interface LandscapeVariant {
  label: string;
  depth: number;
  residual: boolean;
  finalLoss: number;
  /** From the initial (alpha 0) to the final (alpha 1) weights, extended on both sides. */
  line: Slice;
  /** Around the final weights along a random filter-normalized direction (Li et al. 2018). */
  direction: Slice;
  /** Local minima along the random-direction slice, besides the global one: a bumpiness count. */
  extraMinima: number;
  /** Total variation of the slice divided by its range: 1 for a bowl, larger when bumpy. */
  roughness: number;
}

export interface LandscapeResult extends ResultBase<'landscape', LandscapeSpec> {
  variants: LandscapeVariant[];
}

export interface LpResult extends ResultBase<'lp', LpSpec> {
  data: DataPoints;
  /** True when a separating hyperplane exists (the feasibility LP has a solution). */
  feasible: boolean;
  /** The LP solver's own status text, e.g. "Optimal" or "Infeasible". */
  solverStatus: string;
  /** Separating weights w·x + b (present when feasible). */
  weights?: { w: [number, number]; b: number };
  /** Accuracy of the LP weights on the data (when feasible). */
  lpAccuracy?: number;
  /**
   * Points the soft LP (minimum total slack) leaves short of margin 1: zero exactly when a separating
   * line exists. Not the fewest possible errors (that count is an integer program).
   */
  minViolations: number;
  solveMs: number;
  /** Gradient descent on one sigmoid neuron, same data, for comparison. */
  gradientDescent: { finalLoss: number; accuracy: number; steps: number };
}

export interface HardnessResult extends ResultBase<'hardness', HardnessSpec> {
  /** One record per instance, by dimension, then size, then labels (planted before random). */
  instances: HardnessRecord[];
  /** Sweep cells left out: the Boolean cube {0,1}^d has only 2^d distinct points. */
  skipped: { n: number; d: number }[];
}

/** The result of any experiment. */
export type ExperimentResult =
  | TrainResult
  | CompareResult
  | MapResult
  | RestartsResult
  | LandscapeResult
  | LpResult
  | HardnessResult;

/** Progress of a running experiment. */
export interface Progress {
  /** 0..1 over the whole experiment. */
  fraction: number;
  /** Most recent training loss seen, if any. */
  loss?: number;
  /** Units of work finished and in all (runs, variants). */
  unitsDone: number;
  units: number;
}

/** Result types by experiment name. */
export interface ResultByName {
  train: TrainResult;
  compare: CompareResult;
  map: MapResult;
  restarts: RestartsResult;
  landscape: LandscapeResult;
  lp: LpResult;
  hardness: HardnessResult;
}
