import type { ComputePath, FitSpec, PathCounts, RunResult } from './result.js';
import type { WorkUnit } from './units.js';

/*
 * Which code trains a run. TensorFlow.js pays a few microseconds of overhead per op, and a
 * training step is a hundred-odd ops, so below a certain size the overhead is the step: a depth-1
 * net's arithmetic takes microseconds. Nets up to PLAIN_MAX_MULTIPLY_ADDS train on plain
 * TypeScript typed arrays (src/engine/plain), larger ones on TensorFlow.js, whose wasm kernels
 * are faster at the arithmetic itself. No TensorFlow.js import here: the bot reads this file.
 */

/**
 * The largest net, in multiply-adds of one forward pass over the training points, that trains on
 * typed arrays. Measured with `npm run bench -- paths` (the crossover at width 32, 256 points):
 * see docs/model.md, "Two compute paths".
 */
export const PLAIN_MAX_MULTIPLY_ADDS = 250_000;

/**
 * Multiply-adds of one forward pass of the spec's net over its training points (a table's rows,
 * with its features as inputs and, for more than 2 classes, one logit per class).
 */
export function forwardMultiplyAdds(
  spec: Pick<FitSpec, 'depth' | 'width' | 'points' | 'data' | 'table'>,
): number {
  const { depth, width, table } = spec;
  const points = spec.data ? spec.data.y.length : table ? table.rows.length : spec.points;
  const inputs = spec.data || !table ? 2 : table.features.length;
  const classes = spec.data || !table ? 2 : table.classes.length;
  const outputs = classes > 2 ? classes : 1;
  const perPoint =
    depth === 0 ? inputs * outputs : inputs * width + (depth - 1) * width * width + width * outputs;
  return points * perPoint;
}

/**
 * The path a run takes. A run that keeps its model for further measurements (the landscape's
 * slices evaluate tf.Variables) always takes the tf path.
 */
export function computePathOf(
  spec: Pick<FitSpec, 'depth' | 'width' | 'points' | 'data' | 'table'>,
  keepModel = false,
): ComputePath {
  return !keepModel && forwardMultiplyAdds(spec) <= PLAIN_MAX_MULTIPLY_ADDS ? 'typed-arrays' : 'tfjs';
}

/** Counts the paths of the training runs among an experiment's unit results; undefined when none trained. */
export function countPaths(results: readonly unknown[]): PathCounts | undefined {
  const counts: PathCounts = {};
  let any = false;
  for (const result of results) {
    const path = (result as Partial<RunResult> | null)?.path;
    if (path !== 'typed-arrays' && path !== 'tfjs') continue;
    counts[path] = (counts[path] ?? 0) + 1;
    any = true;
  }
  return any ? counts : undefined;
}

/** Time a training unit will take, in units of a typed-array multiply-add: for ordering only. */
function estimatedWork(unit: WorkUnit): number {
  const fit = unit.kind === 'fit' ? unit.spec : unit.kind === 'landscape' ? unit.spec.fit : undefined;
  if (!fit) return Number.POSITIVE_INFINITY;
  // The tf path pays a fixed cost per layer and step on top of its arithmetic (about a
  // depth-1 step's worth, bench/training-steps.ts); typed arrays pay only the arithmetic.
  const perStep = forwardMultiplyAdds(fit) + (computePathOf(fit) === 'tfjs' ? 50_000 * (fit.depth + 1) : 0);
  return perStep * (fit.steps + 1);
}

/**
 * The order to start an experiment's units in: longest first (the classic schedule for jobs on
 * parallel machines), ties in planned order. Units that train nothing (the map's theory overlay,
 * LP solves, hardness instances) keep their planned places ahead of the training units.
 */
export function longestFirst(units: readonly WorkUnit[]): number[] {
  const work = units.map(estimatedWork);
  // Infinity - Infinity is NaN, which || turns into the planned order.
  return units.map((_, i) => i).sort((a, b) => work[b]! - work[a]! || a - b);
}
