import type { LpSpec } from '../spec.js';
import type { ResultBase } from './base.js';
import type { DataPoints, TableView } from './run.js';

/** The result of `lp`. */
export interface LpResult extends ResultBase<'lp', LpSpec> {
  /** The points in the plane, or a table's projection (see tableView). */
  data: DataPoints;
  /** How the data are shown, for a table (absent for the generated shapes). */
  tableView?: TableView;
  /** True when a separating hyperplane exists (the feasibility LP has a solution). */
  feasible: boolean;
  /** The LP solver's own status text, e.g. "Optimal" or "Infeasible". */
  solverStatus: string;
  /** Separating weights w·x + b, one per input (present when feasible). */
  weights?: { w: number[]; b: number };
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
