import { cubeCapacity } from '../hardness/instances.js';
import type { HardnessRecord, LabelKind } from '../hardness/types.js';
import type { HardnessResult } from '../result.js';
import type { HardnessSpec } from '../spec.js';
import type { ExperimentPlanner, HardnessUnitSpec, WorkUnit } from '../units.js';

/** The label kinds a spec asks for, planted first. */
export function labelKinds(spec: Pick<HardnessSpec, 'labels'>): LabelKind[] {
  return spec.labels === 'both' ? ['planted', 'random'] : [spec.labels];
}

/** The sweep's cells in order (dimension, then size), and the cube cells that cannot exist. */
export function sweepCells(spec: Pick<HardnessSpec, 'sizes' | 'dims' | 'inputs'>) {
  const cells: { n: number; d: number }[] = [];
  const skipped: { n: number; d: number }[] = [];
  for (const d of spec.dims) {
    for (const n of [...spec.sizes].sort((a, b) => a - b)) {
      (spec.inputs === 'cube' && n > cubeCapacity(d) ? skipped : cells).push({ n, d });
    }
  }
  return { cells, skipped };
}

/** The per-instance units of a spec. */
export function hardnessUnits(spec: HardnessSpec): HardnessUnitSpec[] {
  const { inputs, seed, timeLimit, restarts, steps, learningRate } = spec;
  return sweepCells(spec).cells.flatMap(({ n, d }) =>
    labelKinds(spec).map((labels) => ({
      n,
      d,
      inputs,
      labels,
      seed,
      timeLimit,
      restarts,
      steps,
      learningRate,
    })),
  );
}

/**
 * The one combination the field table cannot rule out: Boolean-cube inputs with no size that fits
 * any dimension (the cube {0,1}^d has only 2^d distinct points).
 */
export function hardnessSpecError(spec: HardnessSpec): { field: string; message: string } | undefined {
  if (sweepCells(spec).cells.length > 0) return undefined;
  const largestDim = Math.max(...spec.dims);
  return {
    field: 'sizes',
    message: `with inputs:cube every size must be at most 2^d distinct corners; dims ${spec.dims.join(',')} allow at most ${cubeCapacity(largestDim)} points`,
  };
}

/** `hardness`: one unit per instance, so the instances spread over every worker. */
export const hardnessPlanner: ExperimentPlanner<HardnessSpec, HardnessResult> = {
  plan: (spec) => hardnessUnits(spec).map((unit): WorkUnit => ({ kind: 'hardness', spec: unit })),
  assemble: (spec, results) => {
    const instances = results.filter((r): r is HardnessRecord => 'exact' in r);
    if (instances.length !== results.length)
      throw new Error('the hardness experiment expects hardness unit results');
    return { instances, skipped: sweepCells(spec).skipped };
  },
};
