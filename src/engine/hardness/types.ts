/*
 * Plain-JSON types of the `hardness` experiment: the instances it builds, the three-node threshold
 * networks it fits, and the per-instance record every solver contributes to.
 */

/** Where the inputs come from: Gaussian points, or distinct corners of the Boolean cube {0,1}^d. */
export type HardnessInputs = 'gaussian' | 'cube';

/** How an instance is labelled: by a hidden three-node network (a fit exists) or at random. */
export type LabelKind = 'planted' | 'random';

/** One linear threshold unit: on (1) when w·x + b > 0. */
export interface ThresholdUnit {
  w: number[];
  b: number;
}

/** Two hidden threshold units feeding an AND or an OR (the output threshold unit's two useful cases). */
export interface ThreeNodeNet {
  hidden: [ThresholdUnit, ThresholdUnit];
  output: 'and' | 'or';
}

/** A training set in d dimensions with 0/1 labels. */
export interface HardnessInstance {
  n: number;
  d: number;
  /** One row of d coordinates per point. */
  x: number[][];
  y: number[];
}

/**
 * What the exact solver concluded: a fit it found and checked by evaluation, a proof that no fit
 * exists within the weight bound, or neither before the time limit.
 */
export type ExactStatus = 'fit' | 'no-fit' | 'time-limit';

/** The exact (mixed-integer) training of the three-node network on one instance. */
export interface ExactOutcome {
  status: ExactStatus;
  /** Wall-clock time of the solver runs (AND, then OR if needed), in ms. */
  solveMs: number;
  /** Branch-and-bound nodes HiGHS reports (mip_node_count), summed over its runs; 0 when presolve decided. */
  nodes: number;
  /** Simplex iterations HiGHS reports (simplex_iteration_count), summed over its runs. */
  lpIterations: number;
  /** The verified network, when status is 'fit'. */
  net?: ThreeNodeNet;
}

/** Gradient descent on the same architecture with sigmoid units, several restarts. */
export interface GradientDescentOutcome {
  restarts: number;
  /** Restarts that reached 100 % training accuracy at some checkpoint. */
  successes: number;
  steps: number;
  /** Best training accuracy any restart reached. */
  bestAccuracy: number;
  durationMs: number;
}

/** One instance of the sweep and what each method made of it. */
export interface HardnessRecord {
  n: number;
  d: number;
  labels: LabelKind;
  /** Points labelled 1. */
  positives: number;
  exact: ExactOutcome;
  /** One threshold unit by linear programming: can a single hyperplane separate the labels? */
  lp: { separable: boolean; status: string; solveMs: number };
  /**
   * The polynomial-time algorithm of fixed dimension (2-D only): enumerate the O(n²) lines through
   * two points and look for a pair whose AND or OR fits. Absent when d ≠ 2.
   */
  enumeration?: { fit: boolean; lines: number; solveMs: number };
  /** Run only when the exact solver proved that a fit exists. */
  gradientDescent?: GradientDescentOutcome;
}
