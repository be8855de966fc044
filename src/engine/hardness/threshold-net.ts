import type { HardnessInstance, ThreeNodeNet, ThresholdUnit } from './types.js';

/** The threshold unit's output on x: 1 when w·x + b > 0, else 0. */
export function unitOutput(unit: ThresholdUnit, x: readonly number[]): 0 | 1 {
  let sum = unit.b;
  for (let j = 0; j < x.length; j++) sum += (unit.w[j] ?? 0) * x[j]!;
  return sum > 0 ? 1 : 0;
}

/** The three-node network's output on x. */
export function netOutput(net: ThreeNodeNet, x: readonly number[]): 0 | 1 {
  const a = unitOutput(net.hidden[0], x);
  const b = unitOutput(net.hidden[1], x);
  return net.output === 'and' ? ((a & b) as 0 | 1) : ((a | b) as 0 | 1);
}

/** True when the network labels every point of the instance correctly: the check every claimed fit must pass. */
export function fitsEveryPoint(net: ThreeNodeNet, instance: HardnessInstance): boolean {
  return instance.x.every((x, i) => netOutput(net, x) === instance.y[i]);
}
