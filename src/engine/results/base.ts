import type { ExperimentName } from '../spec.js';

/** Which TensorFlow.js backend ran the numbers. */
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

/**
 * Which code trained a run: 'typed-arrays' (src/engine/plain, for small nets) or 'tfjs'
 * (TensorFlow.js on the result's backend). src/engine/compute-path.ts decides.
 */
export type ComputePath = 'typed-arrays' | 'tfjs';

/** How many of an experiment's training runs took each path. */
export type PathCounts = Partial<Record<ComputePath, number>>;

/** Fields every experiment result carries. */
export interface ResultBase<N extends ExperimentName, S> {
  experiment: N;
  backend: BackendName;
  /**
   * How many training runs took each compute path: typed arrays for small nets, TensorFlow.js on
   * `backend` for the rest. Absent when the experiment trained no run through trainRun.
   */
  paths?: PathCounts;
  /** The validated spec, with every default filled in, tagged with its experiment. */
  spec: { experiment: N } & S;
  durationMs: number;
}
