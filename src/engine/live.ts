import { mapAxisValues } from './map-axis.js';
import type { LiveCurve, LiveResult, RunResult } from './result.js';
import type { ExperimentSpec, MapSpec } from './spec.js';
import type { UnitProgress, UnitResult, WorkUnit } from './units.js';

/*
 * Partial results while an experiment runs, for charts that draw themselves as it goes: each
 * training run's loss so far (train, compare) and each finished cell of a map. Every progress
 * report carries all of it (a throttle anywhere downstream then drops only stale copies, never a
 * cell), so it is bounded: curves are thinned to a fixed stride of steps chosen up front, which
 * also keeps them append-only, and the points of all curves together stay under a budget.
 */

/** Points all curves of one experiment hold together at most (a 40-run sweep: 30 each). */
export const LIVE_POINT_BUDGET = 1200;
/** Points one curve holds at most: enough for a smooth line on a phone-wide chart. */
export const MAX_POINTS_PER_CURVE = 60;
const MIN_POINTS_PER_CURVE = 8;

/** Collects an experiment's partial results from its units' reports. */
export interface LiveTracker {
  /** A unit's progress report (index in plan order). */
  progress(index: number, progress: UnitProgress): void;
  /** A unit finished with `result`. */
  done(index: number, result: UnitResult): void;
  /** Everything so far, or undefined for experiments without live charts. */
  snapshot(): LiveResult | undefined;
}

const NONE: LiveTracker = { progress: () => undefined, done: () => undefined, snapshot: () => undefined };

/** The tracker for `spec`, whose units (in plan order) are `units`, named `labels`. */
export function createLiveTracker(
  spec: ExperimentSpec,
  units: readonly WorkUnit[],
  labels: readonly string[],
): LiveTracker {
  switch (spec.experiment) {
    case 'train':
    case 'compare':
      return curveTracker(spec.steps, units, labels);
    case 'map':
      return mapTracker(spec, units);
    default:
      return NONE;
  }
}

/** The steps between two kept points of a `steps`-step run when `runs` curves share the budget. */
export function liveStride(steps: number, runs: number): number {
  const perCurve = Math.max(
    MIN_POINTS_PER_CURVE,
    Math.min(MAX_POINTS_PER_CURVE, Math.floor(LIVE_POINT_BUDGET / Math.max(1, runs))),
  );
  // perCurve - 2 strides from step 0 leave room for the final step's own point.
  return Math.max(1, Math.ceil(steps / Math.max(1, perCurve - 2)));
}

/** Indices of the fit units among all units, in order: the n-th training run is fitIndex[n]. */
function fitOrdinals(units: readonly WorkUnit[]): Map<number, number> {
  const ordinals = new Map<number, number>();
  units.forEach((unit, index) => {
    if (unit.kind === 'fit') ordinals.set(index, ordinals.size);
  });
  return ordinals;
}

function curveTracker(steps: number, units: readonly WorkUnit[], labels: readonly string[]): LiveTracker {
  const ordinals = fitOrdinals(units);
  const stride = liveStride(steps, ordinals.size);
  const curves: LiveCurve[] = [...ordinals.keys()].map((index) => ({
    label: labels[index] ?? `run ${index + 1}`,
    points: [],
  }));
  const add = (curve: LiveCurve, step: number, loss: number) => {
    const last = curve.points.at(-1);
    if (last && step <= last[0]) return;
    curve.points.push([step, loss]);
  };
  return {
    progress(index, progress) {
      const curve = curves[ordinals.get(index) ?? -1];
      if (!curve || progress.loss === undefined || !Number.isFinite(progress.loss)) return;
      const last = curve.points.at(-1);
      if (last === undefined || progress.step >= last[0] + stride) add(curve, progress.step, progress.loss);
    },
    done(index, result) {
      const curve = curves[ordinals.get(index) ?? -1];
      if (!curve || !('lossCurve' in result)) return;
      // The run's own last measured point closes its curve exactly where the result ends.
      const { steps: at, losses } = result.lossCurve;
      const step = at.at(-1);
      const loss = losses.at(-1);
      if (step === undefined || loss === undefined || !Number.isFinite(loss)) return;
      if (curve.points.at(-1)?.[0] === step) curve.points.pop();
      add(curve, step, loss);
    },
    snapshot: () => ({
      kind: 'curves',
      steps,
      curves: curves.map((c) => ({ label: c.label, points: c.points.map(([s, l]) => [s, l]) })),
    }),
  };
}

function mapTracker(spec: MapSpec, units: readonly WorkUnit[]): LiveTracker {
  const ordinals = fitOrdinals(units);
  const values = [...mapAxisValues(spec)];
  const cells: (number | 'diverged' | null)[] = new Array(spec.depths.length * values.length).fill(null);
  // Fit units come cell by cell, `seeds` runs each (experiments/map.ts): a cell is done with its last seed.
  const finals = cells.map(() => [] as number[]);
  return {
    progress: () => undefined,
    done(index, result) {
      const ordinal = ordinals.get(index);
      if (ordinal === undefined || !('lossCurve' in result)) return;
      const cell = Math.floor(ordinal / spec.seeds);
      const losses = finals[cell];
      if (!losses) return;
      losses.push((result as RunResult).finalLoss);
      if (losses.length < spec.seeds) return;
      const mean = losses.reduce((a, b) => a + b, 0) / losses.length;
      // NaN would cross JSON as null, which reads as "not yet": a diverged cell says so instead.
      cells[cell] = Number.isFinite(mean) ? mean : 'diverged';
    },
    snapshot: () => ({
      kind: 'map',
      axis: spec.axis,
      values: [...values],
      depths: [...spec.depths],
      cells: [...cells],
    }),
  };
}
