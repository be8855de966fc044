import type { InstanceSpec } from './hardness/instances.js';
import type { HardnessRecord } from './hardness/types.js';
import type { FitSpec, LandscapeVariant, LpResult, RunResult, SignalPoint } from './result.js';
import type { LpSpec } from './spec.js';

/*
 * An experiment is planned as independent units of work (one training run, one landscape
 * variant, one LP solve), executed wherever there is a free core (a worker thread, or a BullMQ
 * worker on another machine), and assembled into a result. Units and their results are plain
 * JSON, so they cross any boundary unchanged.
 */

/** One landscape variant: train a network, then slice its loss surface. */
export interface LandscapeUnitSpec {
  label: string;
  fit: FitSpec;
  slicePoints: number;
  span: number;
}

/** Mean-field signal propagation for tanh at each σ_w² (the map's theory overlay). */
export interface SignalUnitSpec {
  weightScales: number[];
  biasScale: number;
}

/** The signal unit's result: one point per σ_w², in order. */
export interface SignalUnitResult {
  signal: SignalPoint[];
}

/** One instance of the hardness sweep and the settings of its solvers. */
export interface HardnessUnitSpec extends InstanceSpec {
  timeLimit: number;
  restarts: number;
  steps: number;
  learningRate: number;
}

/** A unit of work, tagged by kind. */
export type WorkUnit =
  | { kind: 'fit'; spec: FitSpec }
  | { kind: 'landscape'; spec: LandscapeUnitSpec }
  | { kind: 'lp'; spec: LpSpec }
  | { kind: 'hardness'; spec: HardnessUnitSpec }
  | { kind: 'signal'; spec: SignalUnitSpec };

/** The LP unit's result is the LP result without the fields the engine adds around it. */
export type LpUnitResult = Omit<LpResult, 'experiment' | 'backend' | 'spec' | 'durationMs'>;

/** What a unit returns, by kind. */
export interface UnitResultByKind {
  fit: RunResult;
  landscape: LandscapeVariant;
  lp: LpUnitResult;
  hardness: HardnessRecord;
  signal: SignalUnitResult;
}
export type UnitResult = UnitResultByKind[WorkUnit['kind']];

/** Progress inside one unit. */
export interface UnitProgress {
  step: number;
  steps: number;
  loss?: number;
}

/**
 * Anything with an `aborted` flag. An AbortSignal fits; inside a worker thread, whose training
 * loop is synchronous and never sees an 'abort' event, a flag backed by shared memory fits too.
 */
export interface AbortFlag {
  readonly aborted: boolean;
}

/** Options for running one unit. */
export interface UnitRunOptions {
  onProgress?: (progress: UnitProgress) => void;
  signal?: AbortFlag;
}

/** Runs units somewhere: on this thread (inside a worker), on a thread pool, or on a queue. */
export interface UnitExecutor {
  execute<U extends WorkUnit>(unit: U, options?: UnitRunOptions): Promise<UnitResultByKind[U['kind']]>;
}

/**
 * How one experiment becomes units and how their results become its result. `assemble` gets the
 * unit results in the order `plan` returned the units. Both run on the caller's thread and must
 * stay cheap: all training happens inside units.
 */
export interface ExperimentPlanner<S, R> {
  plan(spec: S): WorkUnit[];
  /**
   * A short name for each unit `plan` returns, in the same order ("seed 2 of 3", "cell 7 of 20:
   * depth 8, σ_w² 1.76"): progress reports say which unit they come from. Without it, "part i of n".
   */
  labels?(spec: S): string[];
  assemble(spec: S, results: UnitResult[]): Omit<R, 'experiment' | 'backend' | 'spec' | 'durationMs'>;
}
