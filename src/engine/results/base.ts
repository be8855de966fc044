import type { ExperimentName } from '../spec.js';

/** Which TensorFlow.js backend ran the numbers. */
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

/** Fields every experiment result carries. */
export interface ResultBase<N extends ExperimentName, S> {
  experiment: N;
  backend: BackendName;
  /** The validated spec, with every default filled in, tagged with its experiment. */
  spec: { experiment: N } & S;
  durationMs: number;
}
