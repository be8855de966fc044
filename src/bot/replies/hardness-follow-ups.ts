import { tableOf } from '../explain/data.js';
import { followUpButton as button, FIX, type FollowUpsOf, freshSeed } from './follow-up-button.js';

/*
 * Follow-ups of the runs about why training is hard at all: many restarts, slices of the loss
 * landscape, one layer by linear programming, and exact training of a tiny threshold network.
 * Each flips the run to its contrasting case, then points to the next experiment of the story.
 */

/** Restarts: fresh seeds, then the landscape behind the spread and the depth sweep. */
export const restartsFollowUps: FollowUpsOf<'restarts'> = (spec, values) => {
  return [
    button('Rerun with new seeds', 'restarts', { ...values, seed: freshSeed(spec) }, 'primary'),
    button('Look at the landscape', 'landscape', {}),
    button('Compare depths', 'compare', {}),
  ];
};

/** Landscape: another slice direction, then the restarts that land in its valleys. */
export const landscapeFollowUps: FollowUpsOf<'landscape'> = (spec, values) => {
  return [
    button('Another random direction', 'landscape', { ...values, seed: spec.seed + 1 }, 'primary'),
    button('Restart many times', 'restarts', {}),
  ];
};

/**
 * LP: the other dataset, then the hidden layer that XOR needs. On a table, whose geometry only the
 * LP has checked, the contrast is a hidden layer on the same table, then the shape with a known answer.
 */
export const lpFollowUps: FollowUpsOf<'lp'> = (spec, values) => {
  if (tableOf(spec) !== undefined)
    return [
      button(
        'Add a hidden layer (same data)',
        'train',
        { ...values, depth: 1, width: 8, ...FIX, steps: 300 },
        'primary',
      ),
      button('One layer by LP (XOR)', 'lp', { dataset: 'xor' }),
    ];
  return [
    spec.dataset === 'xor'
      ? button('Separable data (blobs)', 'lp', { ...values, dataset: 'blobs' }, 'primary')
      : button('Try XOR', 'lp', { ...values, dataset: 'xor' }, 'primary'),
    button('Add a hidden layer (XOR)', 'train', { dataset: 'xor', depth: 1, width: 8, ...FIX, steps: 300 }),
  ];
};

/** Hardness: the other labels, the other inputs, then one layer by LP for contrast. */
export const hardnessFollowUps: FollowUpsOf<'hardness'> = (spec, values) => {
  return [
    spec.labels === 'random'
      ? button('Planted labels (a fit exists)', 'hardness', { ...values, labels: 'planted' }, 'primary')
      : button('Random labels only', 'hardness', { ...values, labels: 'random' }, 'primary'),
    spec.inputs === 'cube'
      ? button('Gaussian inputs', 'hardness', { ...values, inputs: 'gaussian' })
      : button('Boolean cube inputs', 'hardness', {
          ...values,
          inputs: 'cube',
          sizes: [4, 8, 16],
          dims: [4, 6, 8],
        }),
    button('One layer by LP (XOR)', 'lp', { dataset: 'xor' }),
  ];
};
