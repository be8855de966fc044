import type { HardnessResult } from './results/hardness.js';
import type { LandscapeResult } from './results/landscape.js';
import type { LpResult } from './results/lp.js';
import type { MapResult } from './results/map.js';
import type { RestartsResult } from './results/restarts.js';
import type { CompareResult, TrainResult } from './results/train-compare.js';

/*
 * Results are plain JSON (no tensors, no typed arrays, no class instances): they cross worker
 * threads, Redis and the CLI's --json output unchanged. Field names here are a public interface,
 * documented in docs/cli.md. Each experiment's result types live in results/; this module gathers
 * them.
 */

export type { BackendName, ComputePath, PathCounts } from './results/base.js';
export type { FitSpec } from './results/fit-spec.js';
export type { HardnessResult } from './results/hardness.js';
export type { LandscapeResult, LandscapeVariant, Slice } from './results/landscape.js';
export type { LpResult } from './results/lp.js';
export type { MapCell, MapResult, SignalPoint } from './results/map.js';
export type { RestartGroup, RestartsResult } from './results/restarts.js';
export type {
  BoundaryGrid,
  DataPoints,
  GradientSnapshot,
  LayerSnapshot,
  RunResult,
  TrainingFrame,
  TrainingFrames,
} from './results/run.js';
export type { CompareResult, RunSummary, TrainResult } from './results/train-compare.js';

/** The result of any experiment. */
export type ExperimentResult =
  | TrainResult
  | CompareResult
  | MapResult
  | RestartsResult
  | LandscapeResult
  | LpResult
  | HardnessResult;

/** Progress of a running experiment. */
export interface Progress {
  /** 0..1 over the whole experiment. */
  fraction: number;
  /** Most recent training loss seen, if any. */
  loss?: number;
  /** Units of work finished and in all (runs, variants). */
  unitsDone: number;
  units: number;
}

/** Result types by experiment name. */
export interface ResultByName {
  train: TrainResult;
  compare: CompareResult;
  map: MapResult;
  restarts: RestartsResult;
  landscape: LandscapeResult;
  lp: LpResult;
  hardness: HardnessResult;
}
