import type { MapCell, MapResult } from '../../../engine/result.js';
import { LEARNED_SHARE_OF_LEVEL } from '../../judge/judge.js';
import { levelOfSpec } from '../../no-learning.js';
import { OKABE_ITO } from '../style.js';

/*
 * The map's colour key. Loss bins are fractions of the know-nothing loss (ln 2 for
 * cross-entropy, 0.25 for squared error); step bins are fractions of the run's step budget.
 * Dark means trained well or fast, pale means little or nothing learned, vermillion-free so the
 * theory line stands out; diverged cells are black.
 */

type Spec = MapResult['spec'];

/** One colour of the key. */
export interface MapBin {
  label: string;
  color: string;
}

const BLUES = ['#08519c', '#3182bd', '#6baed6', '#bdd7e7', '#eff3ff'] as const;
const DIVERGED = OKABE_ITO.black;
// The last cut is where a cell counts as learned (judge.ts), so the key and the explanation agree:
// the palest bin is exactly the cells that learned nothing.
const LOSS_CUTS = [0.07, 0.3, 0.7, 1 - LEARNED_SHARE_OF_LEVEL] as const;
const STEP_CUTS = [0.1, 0.25, 0.5, 1] as const;

const short = (v: number) => Number(v.toPrecision(2)).toString();

/** The key, in order from best to worst; the last entry is "diverged". */
export function mapLegend(spec: Spec): MapBin[] {
  if (spec.metric === 'loss') {
    const stall = levelOfSpec(spec).level;
    const [a, b, c, d] = LOSS_CUTS.map((cut) => short(cut * stall));
    return [
      { label: `loss < ${a}`, color: BLUES[0] },
      { label: `${a} – ${b}`, color: BLUES[1] },
      { label: `${b} – ${c}`, color: BLUES[2] },
      { label: `${c} – ${d}`, color: BLUES[3] },
      { label: `≥ ${d} (none)`, color: BLUES[4] },
      { label: 'diverged', color: DIVERGED },
    ];
  }
  const [a, b, c] = STEP_CUTS.map((cut) => Math.round(cut * spec.steps));
  return [
    { label: `≤ ${a} steps`, color: BLUES[0] },
    { label: `${a} – ${b}`, color: BLUES[1] },
    { label: `${b} – ${c}`, color: BLUES[2] },
    { label: `${c} – ${spec.steps}`, color: BLUES[3] },
    { label: 'not reached', color: BLUES[4] },
    { label: 'diverged', color: DIVERGED },
  ];
}

/** The slowest seed's steps to the threshold, or null when a seed never reached it. */
export function slowestSteps(cell: MapCell): number | null {
  if (cell.stepsToThreshold.some((s) => s === null)) return null;
  return Math.max(...(cell.stepsToThreshold as number[]));
}

/** Index into mapLegend(spec) for a cell. */
export function mapCellBin(cell: MapCell, spec: Spec): number {
  if (!Number.isFinite(cell.meanFinalLoss)) return 5;
  if (spec.metric === 'loss') {
    const stall = levelOfSpec(spec).level;
    const bin = LOSS_CUTS.findIndex((cut) => cell.meanFinalLoss < cut * stall);
    return bin < 0 ? 4 : bin;
  }
  const steps = slowestSteps(cell);
  if (steps === null) return 4;
  const bin = STEP_CUTS.findIndex((cut) => steps <= cut * spec.steps);
  return bin < 0 ? 3 : bin;
}

/** A column's label, e.g. "1.76", "0.1", "relu". */
export function describeColumn(_axis: Spec['axis'], value: number | string): string {
  return typeof value === 'number' ? Number(value.toPrecision(3)).toString() : value;
}
