import type { Activation } from '../limits.js';
import type { ComputePath } from './base.js';

/* What one training run measures, and the data and snapshots it records along the way. */

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
  /** Which code trained the run (src/engine/compute-path.ts); absent in results recorded before there were two. */
  path?: ComputePath;
  durationMs: number;
}
