import type { HardnessUnitSpec, UnitRunOptions } from '../units.js';
import { abortError } from '../worker/errors.js';
import { descendThreeNode } from './gradient-descent.js';
import { makeInstance } from './instances.js';
import { oneUnitLp } from './one-unit-lp.js';
import { enumerateThreeNodeFit } from './plane-enumeration.js';
import { exactThreeNodeFit } from './three-node-mip.js';
import type { HardnessRecord } from './types.js';
import { warmUpSolvers } from './warm-up.js';

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
  const lp = await oneUnitLp(instance);
  if (signal?.aborted) throw abortError();
  const exact = await exactThreeNodeFit(instance, { timeLimitSeconds: spec.timeLimit, signal });
  const enumeration = spec.d === 2 ? enumerateThreeNodeFit(instance) : undefined;
  if (signal?.aborted) throw abortError();
  const gradientDescent =
    exact.status === 'fit'
      ? descendThreeNode(instance, {
          restarts: spec.restarts,
          steps: spec.steps,
          learningRate: spec.learningRate,
          seed: spec.seed,
          signal,
          onProgress: options.onProgress,
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
