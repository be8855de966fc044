import type { Activation } from '../limits.js';
import type { ComputePath } from './base.js';

/* What one training run measures, and the data and snapshots it records along the way. */

/**
 * The training points in the plane, for decision-boundary and projection charts: a shape's points,
 * a 2-feature table's (standardized) rows, or a larger table's projection (see TableView).
 */
export interface DataPoints {
  /** Coordinates, one [x, y] pair per point. */
  x: [number, number][];
  /** Classes: 0 or 1, or 0 .. K - 1 for a table of K classes. */
  y: number[];
}

/**
 * How a table-trained result shows its data; absent for the generated shapes. Decision-boundary
 * grids and animation frames need the plane of two inputs: a table of other than 2 features gets
 * neither, and its points are shown projected onto their first two principal components.
 */
export interface TableView {
  /** True when each feature was standardized (mean 0, standard deviation 1) before training. */
  standardized: boolean;
  /**
   * 'inputs': points and grids lie in the plane of the table's two features (standardized when
   * `standardized`). 'projection': the points are the (standardized) inputs projected onto two
   * principal components, and the runs record no decision grids and no animation frames.
   */
  plane: 'inputs' | 'projection';
  /** With plane 'projection': each component's loadings per feature, and its share of the variance. */
  projection?: { components: [number[], number[]]; explained: [number, number] };
}

/**
 * Class probabilities on a square grid over the data's bounding box (row-major, y outer): the
 * class-1 probability for two classes; for more, the winning class's probability and, in
 * `classes`, which class wins.
 */
export interface BoundaryGrid {
  size: number;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  probabilities: number[];
  /** The most probable class at each grid point, for more than two classes. */
  classes?: number[];
}

/** One snapshot of training for an animation: the loss and the grid's probabilities at one step. */
export interface TrainingFrame {
  step: number;
  loss: number;
  /** Row-major (y outer) on the grid of the TrainingFrames that holds this frame (as BoundaryGrid). */
  probabilities: number[];
  /** The most probable class at each grid point, for more than two classes. */
  classes?: number[];
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
  /**
   * The class the trained net predicts for each training point, in the data's order: recorded on
   * table runs that draw a boundary (gridSize > 0), so charts can mark the model's errors.
   */
  predictions?: number[];
  /** Snapshots for an animation of training, when the spec asked for frames. */
  frames?: TrainingFrames;
  /** Which code trained the run (src/engine/compute-path.ts); absent in results recorded before there were two. */
  path?: ComputePath;
  durationMs: number;
}
