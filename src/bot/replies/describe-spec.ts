import { optionSpelling } from '../../engine/fields.js';
import { mapAxisValues } from '../../engine/map-axis.js';
import type { ExperimentSpec } from '../../engine/spec.js';

/** One line that says what will run, e.g. "depth 8 × 32 sigmoid, glorot, sgd 0.1, 300 steps, 3 seeds". */
export function describeSpec(spec: ExperimentSpec): string {
  if (spec.experiment === 'lp') {
    return `a linear program for one layer on ${spec.dataset} (${spec.points} points), vs gradient descent`;
  }
  if (spec.experiment === 'hardness') {
    const labels = spec.labels === 'both' ? 'planted and random' : spec.labels;
    return `exact 3-node training for n = ${spec.sizes.join(', ')} in d = ${spec.dims.join(', ')} (${spec.inputs}, ${labels} labels), vs one-unit LP and gradient descent`;
  }
  const training = `${spec.optimizer} ${spec.learningRate}, ${spec.steps} steps`;
  switch (spec.experiment) {
    case 'train':
      return `depth ${spec.depth} × ${spec.width} ${spec.activation}, ${spec.init}, ${training}, ${spec.seeds} seed${spec.seeds === 1 ? '' : 's'} on ${spec.dataset}`;
    case 'compare':
      return `depths ${spec.depths.join(', ')} × ${spec.width} ${spec.activation}, ${spec.init}, ${training}, ${spec.seeds} seeds each on ${spec.dataset}`;
    case 'map':
      return `depths ${spec.depths.join(', ')} × ${optionSpelling(spec.axis)} ${mapAxisValues(spec).join(', ')}; ${spec.width} ${spec.activation}, ${spec.init}, ${training}, ${spec.seeds} seed${spec.seeds === 1 ? '' : 's'} per cell on ${spec.dataset}`;
    case 'restarts':
      return `${spec.restarts} restarts each of ${spec.architectures.join(', ')}; ${training} on ${spec.dataset}`;
    case 'landscape':
      return `loss-surface slices: depth 1 vs depth ${spec.depth} (plain and residual), ${spec.activation}, ${training}`;
  }
}
