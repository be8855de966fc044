import type { BackendChoice } from '../backend.js';
import type { BackendName } from '../result.js';
import type { UnitExecutor, UnitResultByKind, UnitRunOptions, WorkUnit } from '../units.js';
import type { FaultKind } from './protocol.js';

/** How to build a worker pool. */
export interface PoolOptions {
  /** Worker threads; the caller passes os.availableParallelism() unless configured. */
  workers: number;
  backend: BackendChoice;
  /** Longest a unit may run once a worker has started it, in ms; 0 for no limit. */
  unitTimeoutMs: number;
  /** How long a cancelled or timed-out unit may take to stop before its worker is replaced. */
  abortGraceMs?: number;
  /** Honour `fault` in execute options, to crash a worker for real. Tests only. */
  faultInjection?: boolean;
  /** V8 heap limit per worker, in MB. */
  maxHeapMb?: number;
  /** False: every fit unit trains on TensorFlow.js, small nets too (see compute-path.ts). Default true. */
  typedArrays?: boolean;
}

/** Options of one unit on the pool: the usual ones, plus a crash to inject (see faultInjection). */
export interface PoolRunOptions extends UnitRunOptions {
  /** Overrides the pool's unitTimeoutMs for this unit. */
  timeoutMs?: number;
  fault?: FaultKind;
}

/** Memory of one worker's TensorFlow.js engine. */
export interface WorkerStats {
  threadId: number;
  numTensors: number;
  numBytes: number;
}

/** A UnitExecutor that runs units on worker threads, off the caller's event loop. */
export interface WorkerPool extends UnitExecutor {
  /** The backend the workers reported. */
  readonly backend: BackendName;
  /** Workers started so far to replace crashed, hung or timed-out ones. */
  readonly replacements: number;
  execute<U extends WorkUnit>(unit: U, options?: PoolRunOptions): Promise<UnitResultByKind[U['kind']]>;
  /** Asks every worker for its tensor count (a busy worker answers after its unit). */
  stats(): Promise<WorkerStats[]>;
  /** Stops all workers; queued and running units reject with PoolClosedError. */
  close(): Promise<void>;
}
