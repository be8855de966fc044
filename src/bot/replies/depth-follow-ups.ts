import { LIMITS } from '../../engine/limits.js';
import {
  followUpButton as button,
  FIX,
  type FollowUpList,
  type FollowUpsOf,
  freshSeed,
} from './follow-up-button.js';

/*
 * Follow-ups of the runs that measure the depth trend (train, compare, map). Each changes one
 * thing, deeper or one of the fixes, so the student sees what that one thing does to training.
 */

/** Train: deeper, then the fixes one at a time, then the same net among other depths. */
export const trainFollowUps: FollowUpsOf<'train'> = (spec, values) => {
  const buttons: FollowUpList = [];
  if (spec.depth < LIMITS.depth.max) {
    const deeper = Math.min(LIMITS.depth.max, Math.max(1, spec.depth * 2));
    buttons.push(button('Go deeper', 'train', { ...values, depth: deeper }, 'primary'));
  }
  if (spec.activation !== 'relu' || spec.optimizer !== 'adam')
    buttons.push(button('Fix it (relu + he + adam)', 'train', { ...values, ...FIX }));
  if (!spec.residual && spec.depth >= 2)
    buttons.push(button('Add residual connections', 'train', { ...values, residual: true }));
  buttons.push(button('Compare depths', 'compare', values));
  buttons.push(button('Rerun with new seeds', 'train', { ...values, seed: freshSeed(spec) }));
  return buttons;
};

/** Compare: the fixes not yet applied, in the order they usually matter. */
export const compareFollowUps: FollowUpsOf<'compare'> = (spec, values) => {
  const buttons: FollowUpList = [];
  if (spec.activation !== 'relu' || spec.optimizer !== 'adam')
    buttons.push(button('Fix it (relu + he + adam)', 'compare', { ...values, ...FIX }, 'primary'));
  if (!spec.residual)
    buttons.push(button('Add residual connections', 'compare', { ...values, residual: true }));
  if (spec.normalization === 'none' && spec.activation === 'relu') {
    buttons.push(button('Add normalization', 'compare', { ...values, normalization: 'batch' }));
  }
  buttons.push(button('Rerun with new seeds', 'compare', { ...values, seed: freshSeed(spec) }));
  return buttons;
};

/** The map: the critical net on its own, the other axes, fresh seeds. */
export const mapFollowUps: FollowUpsOf<'map'> = (spec, values) => {
  const buttons: FollowUpList = [];
  if (spec.axis === 'weightScale' && spec.activation === 'tanh') {
    const critical = { ...values, depth: Math.max(...spec.depths), weightScale: 1.76, biasScale: 0.05 };
    buttons.push(button('Train the critical net (σ_w² 1.76)', 'train', critical, 'primary'));
  }
  if (spec.axis !== 'init' || spec.activation !== 'linear') {
    buttons.push(
      button('Linear nets: orthogonal vs Gaussian', 'map', {
        axis: 'init',
        activation: 'linear',
        metric: 'steps',
        // 0.25 sits just above the best a linear model reaches on the moons (~0.24).
        threshold: 0.25,
        depths: [1, 2, 4, 8, 16],
      }),
    );
  }
  if (spec.axis !== 'learningRate')
    buttons.push(button('Map the learning rate', 'map', { ...values, axis: 'learningRate', values: [] }));
  buttons.push(button('Rerun with new seeds', 'map', { ...values, seed: freshSeed(spec) }));
  return buttons;
};
