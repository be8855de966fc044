import { oneUnitLp } from '../../../src/engine/hardness/one-unit-lp.js';
import type { HardnessInstance } from '../../../src/engine/hardness/types.js';

/*
 * Exhaustive checks, independent of the code under test's search: every labelling of the points
 * (all 2^n subsets) is tried as the output of one threshold unit by linear programming, which is
 * exact with free weights. Only for small n.
 */

/** Every subset of the points (as a bit mask) that one threshold unit can switch on. */
export async function separableSubsets(x: number[][]): Promise<Set<number>> {
  const n = x.length;
  const found = new Set<number>();
  for (let mask = 0; mask < 2 ** n; mask++) {
    const y = x.map((_, i) => (mask >> i) & 1);
    const { separable } = await oneUnitLp({ n, d: x[0]!.length, x, y });
    if (separable) found.add(mask);
  }
  return found;
}

/** True when two threshold units and an AND or an OR reproduce the labels exactly. */
export async function threeNodeFitExists(instance: HardnessInstance): Promise<boolean> {
  const units = [...(await separableSubsets(instance.x))];
  const target = instance.y.reduce((mask, v, i) => mask | (v << i), 0);
  return units.some((a) => units.some((b) => (a & b) === target || (a | b) === target));
}
