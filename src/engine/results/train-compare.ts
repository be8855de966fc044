import type { CompareSpec, TrainSpec } from '../spec.js';
import type { ResultBase } from './base.js';
import type { DataPoints, RunResult, TableView } from './run.js';

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

/** The result of `train`. */
export interface TrainResult extends ResultBase<'train', TrainSpec> {
  data: DataPoints;
  /** How the data are shown, for a table (absent for the generated shapes). */
  tableView?: TableView;
  runs: RunResult[];
  summary: RunSummary;
}

/** The result of `compare`. */
export interface CompareResult extends ResultBase<'compare', CompareSpec> {
  runs: RunResult[];
  /** One summary per depth, in the order of spec.depths. */
  summaries: RunSummary[];
  /** How the data are shown, for a table (absent for the generated shapes). */
  tableView?: TableView;
}
