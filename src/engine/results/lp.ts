import type { LpSpec } from '../spec.js';
import type { ResultBase } from './base.js';
import type { DataPoints } from './run.js';

/** The result of `lp`. */
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
