import type { Architecture, Loss } from '../limits.js';
import type { RestartsSpec } from '../spec.js';
import type { ResultBase } from './base.js';
import type { RunResult } from './run.js';

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

/** The result of `restarts`. */
export interface RestartsResult extends ResultBase<'restarts', RestartsSpec> {
  groups: RestartGroup[];
}
