import { type Field, field } from '../fields.js';
import type { HardnessInputs } from '../hardness/types.js';
import type { HardnessLabels } from '../limits.js';
import { CHOICES, LIMITS } from '../limits.js';

/**
 * `hardness`: exact training of the three-node threshold network (a mixed-integer program) over a
 * sweep of sizes and dimensions, next to one unit by LP and gradient descent on sigmoid units.
 */
export interface HardnessSpec {
  sizes: number[];
  dims: number[];
  inputs: HardnessInputs;
  labels: HardnessLabels;
  /** Seconds each instance's exact solve may run before it gives up. */
  timeLimit: number;
  restarts: number;
  steps: number;
  learningRate: number;
  seed: number;
}

/** The option table of `hardness`. */
export const HARDNESS_FIELDS = {
  sizes: field.intList(
    'numbers of training points to sweep',
    LIMITS.hardnessSizes,
    LIMITS.hardnessSizeCount,
    [8, 16, 32, 64],
  ),
  dims: field.intList('input dimensions to sweep', LIMITS.hardnessDims, LIMITS.hardnessDimCount, [2, 4, 8]),
  inputs: field.choice(
    'input points: Gaussian, or corners of the Boolean cube',
    CHOICES.hardnessInputs,
    'gaussian',
  ),
  labels: field.choice(
    'labels from a hidden 3-node network (planted), coin flips, or both',
    CHOICES.hardnessLabels,
    'both',
  ),
  timeLimit: field.number('seconds each exact solve may run before giving up', LIMITS.timeLimit, 0.3),
  restarts: field.int('gradient-descent restarts per instance', LIMITS.restarts, 8),
  steps: field.int('gradient-descent steps per restart', LIMITS.steps, 300),
  learningRate: field.number('gradient-descent (Adam) learning rate', LIMITS.learningRate, 0.1),
  seed: field.int('random seed for the points, labels and initial weights', LIMITS.seed, 1),
} satisfies Record<keyof HardnessSpec, Field>;
