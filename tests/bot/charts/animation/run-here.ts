import { comparePlanner } from '../../../../src/engine/experiments/compare.js';
import { trainPlanner } from '../../../../src/engine/experiments/train.js';
import { trainRun } from '../../../../src/engine/fit.js';
import type { TrainSpec } from '../../../../src/engine/spec.js';
import { validateSpec } from '../../../../src/engine/validate.js';

/** Runs a train or compare experiment on this thread, as a worker would, and assembles its result. */
export function runOnThisThread<R>(
  options: { experiment: 'train' | 'compare' } & Record<string, unknown>,
): R {
  const checked = validateSpec(options);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  const spec = checked.spec;
  // Both planners plan fit units and assemble from run results; one cast covers both.
  const planner = (spec.experiment === 'train' ? trainPlanner : comparePlanner) as typeof trainPlanner;
  const units = planner.plan(spec as unknown as TrainSpec);
  const results = units.map((unit) => {
    if (unit.kind !== 'fit') throw new Error('train and compare plan fit units only');
    return trainRun(unit.spec, {}).result;
  });
  const assembled = planner.assemble(spec as unknown as TrainSpec, results);
  return { experiment: spec.experiment, backend: 'wasm', spec, durationMs: 0, ...assembled } as R;
}
