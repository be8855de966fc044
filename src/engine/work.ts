import { hardnessUnits } from './experiments/hardness.js';
import { enumerationWork } from './hardness/plane-enumeration.js';
import { MAX_WORK } from './limits.js';
import { mapAxisValues } from './map-axis.js';
import type { ExperimentSpec, HardnessSpec } from './spec.js';
import { classCountOf, type Table } from './tables/table.js';

/*
 * A rough cost model, used to refuse requests that would run for minutes. A layer step costs its
 * multiply-adds for forward and backward passes (about 6 per weight per point), plus a fixed
 * per-op overhead that dominates for small layers on wasm (measured: ~0.1 ms per layer step).
 */
const OVERHEAD_PER_LAYER_STEP = 4e5;

/** The data's size as the cost model counts it: points (a table's rows), inputs and output logits. */
export interface DataSize {
  points: number;
  inputs: number;
  outputs: number;
}

/** The size of an experiment's data: a table's rows, features and logits (1 for 2 classes, else K), or a shape's points. */
export function dataSizeOf(spec: { points: number; table?: Table }): DataSize {
  if (!spec.table) return { points: spec.points, inputs: 2, outputs: 1 };
  const classes = classCountOf(spec);
  return {
    points: spec.table.rows.length,
    inputs: spec.table.features.length,
    outputs: classes > 2 ? classes : 1,
  };
}

/**
 * Work of `steps` full-batch steps of an MLP with `depth` hidden layers on data of `size` (by
 * default the generated shapes': 2 inputs, 1 output).
 */
export function mlpWork(
  depth: number,
  width: number,
  points: number,
  steps: number,
  size: Pick<DataSize, 'inputs' | 'outputs'> = { inputs: 2, outputs: 1 },
): number {
  const { inputs, outputs } = size;
  const weights =
    depth === 0 ? inputs * outputs : inputs * width + (depth - 1) * width * width + width * outputs;
  return steps * (6 * points * weights + (depth + 1) * OVERHEAD_PER_LAYER_STEP);
}

// MAX_WORK is sized as roughly ten seconds of one core; a solver's time limit converts at that rate.
const WORK_PER_CPU_SECOND = MAX_WORK / 10;
// One step of the batched three-node trainer costs about as much fixed overhead as this many dense
// layer steps (its forward, hand-written backward and Adam update are ~40 small ops).
const THREE_NODE_STEP_LAYERS = 5;

/**
 * Worst case of the hardness sweep: every instance's exact solve runs to its time limit, and every
 * instance gets gradient descent (in fact only those with a proven fit do).
 */
function hardnessWork(spec: HardnessSpec): number {
  const units = hardnessUnits(spec);
  const largest = Math.max(...spec.sizes);
  const params = spec.restarts * (3 * Math.max(...spec.dims) + 6);
  const descent = spec.steps * (6 * largest * params + THREE_NODE_STEP_LAYERS * OVERHEAD_PER_LAYER_STEP);
  // In the plane every instance is also solved by enumeration, which no time limit bounds.
  const enumeration = units.reduce((sum, unit) => sum + (unit.d === 2 ? enumerationWork(unit.n) : 0), 0);
  return units.length * (spec.timeLimit * WORK_PER_CPU_SECOND + descent) + enumeration;
}

/** Estimated work of a whole experiment, comparable with MAX_WORK. */
export function estimateWork(spec: ExperimentSpec): number {
  if (spec.experiment === 'hardness') return hardnessWork(spec);
  const size = dataSizeOf(spec);
  const mlp = (depth: number, width: number, steps: number) =>
    mlpWork(depth, width, size.points, steps, size);
  switch (spec.experiment) {
    case 'train':
      return spec.seeds * mlp(spec.depth, spec.width, spec.steps);
    case 'compare':
      return spec.depths.reduce((sum, d) => sum + spec.seeds * mlp(d, spec.width, spec.steps), 0);
    case 'map': {
      // Width columns change the cost per cell; every other axis keeps spec.width in every column.
      const widths = mapAxisValues(spec).map((v) => (spec.axis === 'width' ? Number(v) : spec.width));
      let perSeed = 0;
      for (const depth of spec.depths) for (const width of widths) perSeed += mlp(depth, width, spec.steps);
      return spec.seeds * perSeed;
    }
    case 'restarts':
      return spec.architectures.reduce((sum, arch) => {
        const depth = arch === 'deep' ? spec.depth : arch === 'three-node' ? 1 : 0;
        const width = arch === 'deep' ? spec.width : 2;
        // The squared-error neuron trains on its own small set, whatever the data; counted as the rest.
        return sum + spec.restarts * mlp(depth, width, spec.steps);
      }, 0);
    case 'landscape': {
      // Three variants (shallow, deep, deep + residual); each slice point costs a forward pass.
      const evals = 2 * spec.slicePoints;
      const deep = mlp(spec.depth, spec.width, spec.steps + evals / 3);
      return mlp(1, spec.width, spec.steps + evals / 3) + 2 * deep;
    }
    case 'lp':
      return mlp(0, 1, spec.steps);
  }
}
