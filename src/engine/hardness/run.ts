import type { HardnessUnitSpec, UnitRunOptions } from '../units.js';
import { abortError } from '../worker/errors.js';
import { descendThreeNode } from './gradient-descent.js';
import { makeInstance } from './instances.js';
import { oneUnitLp } from './one-unit-lp.js';
import { enumerateThreeNodeFit } from './plane-enumeration.js';
import { exactThreeNodeFit } from './three-node-mip.js';
import type { HardnessRecord } from './types.js';
import { warmUpSolvers } from './warm-up.js';

// Progress in thousandths of the unit: the solvers report nothing while they run, so the bar moves
// at their boundaries (LP done, exact solve done) and then with gradient descent's steps.
const PROGRESS_STEPS = 1000;
const AFTER_LP = 0.1;
const AFTER_EXACT = 0.6;

/**
 * One instance of the sweep: build it, decide one unit by LP, train the three-node network exactly
 * (mixed-integer program; in 2-D also by enumeration), and, where a fit provably exists, count how
 * often gradient descent finds one. Cancellation is checked between the solvers and inside them.
 */
export async function runHardnessUnit(
  spec: HardnessUnitSpec,
  options: UnitRunOptions = {},
): Promise<HardnessRecord> {
  const { signal } = options;
  await warmUpSolvers();
  if (signal?.aborted) throw abortError();
  const instance = makeInstance(spec);
  const report = (fraction: number) =>
    options.onProgress?.({ step: Math.round(fraction * PROGRESS_STEPS), steps: PROGRESS_STEPS });
  const lp = await oneUnitLp(instance);
  report(AFTER_LP);
  if (signal?.aborted) throw abortError();
  const exact = await exactThreeNodeFit(instance, { timeLimitSeconds: spec.timeLimit, signal });
  const enumeration = spec.d === 2 ? enumerateThreeNodeFit(instance, signal) : undefined;
  if (signal?.aborted) throw abortError();
  report(AFTER_EXACT);
  const gradientDescent =
    exact.status === 'fit'
      ? descendThreeNode(instance, {
          restarts: spec.restarts,
          steps: spec.steps,
          learningRate: spec.learningRate,
          seed: spec.seed,
          signal,
          onProgress: ({ step, steps }) => report(AFTER_EXACT + ((1 - AFTER_EXACT) * step) / steps),
        })
      : undefined;
  return {
    n: spec.n,
    d: spec.d,
    labels: spec.labels,
    positives: instance.y.reduce((sum, v) => sum + v, 0),
    exact,
    lp,
    ...(enumeration ? { enumeration } : {}),
    ...(gradientDescent ? { gradientDescent } : {}),
  };
}
