import type { Dataset } from '../limits.js';
import type { ModelOptions, TrainingOptions } from '../specs/options.js';
import type { Table } from '../tables/table.js';
import type { DataPoints } from './run.js';

/**
 * Everything that defines one training run, fully resolved (no defaults left): the model and
 * training options of the experiment specs, with the Gaussian-init scales optional here.
 */
export interface FitSpec extends Omit<ModelOptions, 'weightScale' | 'biasScale'>, TrainingOptions {
  dataset: Dataset;
  points: number;
  noise: number;
  /** Seeds the data set. */
  dataSeed: number;
  /** Seeds the initial weights. */
  seed: number;
  depth: number;
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
  /**
   * The table to train on instead of a generated shape (dataset, points, noise and dataSeed are
   * then unused): its features are the inputs, and with more than 2 classes the net has one logit
   * per class and a softmax cross-entropy loss.
   */
  table?: Table;
  /** Standardize the table's features (mean 0, standard deviation 1); default true. */
  standardize?: boolean;
}
