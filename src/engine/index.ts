import type { BackendChoice } from './backend.js';
import { createWorkerPool, type WorkerStats } from './pool.js';
import type { BackendName, ResultByName } from './result.js';
import { type RunExperimentOptions, runExperiment } from './run-experiment.js';
import type { ExperimentSpec } from './spec.js';

/*
 * The engine's public face for the rest of the app. Nothing imported here loads TensorFlow.js:
 * the bot's process stays light, and only the worker threads load tfjs and a backend.
 */

export type { BackendChoice } from './backend.js';
export { describeAllowed, type Field } from './fields.js';
export { CHOICES, LIMITS, MAX_WORK } from './limits.js';
export type { WorkerStats } from './pool.js';
export type * from './result.js';
export type { RunExperimentOptions } from './run-experiment.js';
export * from './spec.js';
export { type FieldError, type Validation, validateSpec } from './validate.js';
export { PoolClosedError, TimeoutError, WorkerCrashError } from './worker/errors.js';

/** How to start the engine. */
export interface EngineOptions {
  /** Worker threads (TUTOR_WORKERS, default the number of cores). */
  workers: number;
  /** TUTOR_BACKEND. */
  backend: BackendChoice;
  /** Longest one unit of work (one training run) may take, in ms; 0 for no limit. Default 120 s. */
  unitTimeoutMs?: number;
  /** Let runs ask for a real worker crash (RunExperimentOptions.fault). Tests only. */
  faultInjection?: boolean;
  /** False: train small nets on TensorFlow.js too (src/engine/compute-path.ts); the bench's baseline. Default true. */
  typedArrays?: boolean;
}

/** A running engine: a pool of worker threads that runs experiments. */
export interface Engine {
  /** The TensorFlow.js backend the workers use. */
  readonly backend: BackendName;
  /** Runs one validated experiment; rejects with an AbortError when `signal` aborts. */
  run<S extends ExperimentSpec>(
    spec: S,
    options?: RunExperimentOptions,
  ): Promise<ResultByName[S['experiment']]>;
  /** Tensor counts per worker, for health checks and leak tests. */
  stats(): Promise<WorkerStats[]>;
  /** Stops the workers; runs still going reject. */
  close(): Promise<void>;
}

const DEFAULT_UNIT_TIMEOUT_MS = 120_000;

/** Starts the worker threads (each sets up its backend) and resolves once they are ready. */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  const pool = await createWorkerPool({
    workers: options.workers,
    backend: options.backend,
    unitTimeoutMs: options.unitTimeoutMs ?? DEFAULT_UNIT_TIMEOUT_MS,
    faultInjection: options.faultInjection ?? false,
    typedArrays: options.typedArrays ?? true,
  });
  return {
    backend: pool.backend,
    run: (spec, runOptions) => runExperiment(spec, pool, runOptions),
    stats: () => pool.stats(),
    close: () => pool.close(),
  };
}
