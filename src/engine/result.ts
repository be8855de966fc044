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
  TableView,
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

/** The unit of work that sent a progress report: which one, what it is, how far it got. */
export interface UnitStatus {
  /** 1-based position among the experiment's units. */
  index: number;
  count: number;
  /** What the unit is, in a few words: "seed 2 of 3", "cell 7 of 20: depth 8, σ_w² 1.76". */
  label: string;
  step: number;
  steps: number;
  /** The unit's own training loss at that step, when it reported one. */
  loss?: number;
}

/** One training run's loss so far, thinned to a bounded number of [step, loss] points. */
export interface LiveCurve {
  label: string;
  points: [number, number][];
}

/**
 * Partial results while an experiment runs, bounded in size so that every progress report can
 * carry all of them (src/engine/live.ts): loss curves for train and compare, the finished cells
 * of a map. Later reports only ever add to earlier ones.
 */
export type LiveResult =
  | { kind: 'curves'; steps: number; curves: LiveCurve[] }
  | {
      kind: 'map';
      axis: MapResult['spec']['axis'];
      values: (number | string)[];
      depths: number[];
      /**
       * Mean final loss of each cell once all its seeds are done ('diverged' when it is not a
       * number), null while it runs; row-major, as MapResult.cells.
       */
      cells: (number | 'diverged' | null)[];
    };

/** Progress of a running experiment. */
export interface Progress {
  /** 0..1 over the whole experiment. */
  fraction: number;
  /** Most recent training loss seen, if any. */
  loss?: number;
  /** Units of work finished and in all (runs, variants). */
  unitsDone: number;
  units: number;
  /** The unit this report comes from; absent on reports that only count a finished unit. */
  unit?: UnitStatus;
  /** What has been measured so far, for live charts. */
  live?: LiveResult;
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
